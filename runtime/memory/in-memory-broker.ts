// A broker in memory for unit tests and the generator's tests: topics → partitions → records,
// consumer groups with committed offsets and partition assignment, and a way to make writes to a
// topic fail. It implements the same transport seams as Kafka, so the record processor under test
// is the one production runs; it is not a Kafka emulator (no batching, no retention, no fetch limits).
import type { ConsumedRecord, ConsumerTransport, ProducerTransport, WireRecord } from '../contract.js';
import type { PartitionPauses } from '../consumer/partition-pauses.js';

export interface InMemoryBrokerOptions {
  /** Partitions of topics created without a count (explicitly or on first write); default 1. */
  readonly defaultPartitions?: number;
  /** Create topics on first write or subscription; default true. When false, writing to a missing topic fails like Kafka's UNKNOWN_TOPIC_OR_PARTITION. */
  readonly autoCreateTopics?: boolean;
  /** Record timestamps (ms since the epoch); default Date.now. */
  readonly now?: () => number;
}

export interface InMemoryConsumerOptions {
  /** Where a group without a committed offset starts: the first record (default) or the end of the partition. */
  readonly fromBeginning?: boolean;
  /** Supplied by the receiver: pauses a partition whose record could not be finished and resumes it later. */
  readonly pauses?: PartitionPauses;
}

export interface DrainOptions {
  /** Reject when the consumers are still busy after this long; default 10 s. */
  readonly timeoutMs?: number;
}

/** Thrown by writes to a topic made unwritable with `rejectWrites`. */
export class InMemoryWriteRejectedError extends Error {
  override readonly name = 'InMemoryWriteRejectedError';
}

interface GroupState {
  readonly members: InMemoryConsumer[];
  /** Next offset to consume per `partition:topic`. */
  readonly committed: Map<string, number>;
  /** Which worker currently owns a partition; a new owner waits until the previous one finished its record. */
  readonly owners: Map<string, PartitionWorker>;
}

export class InMemoryBroker {
  private readonly topics = new Map<string, ConsumedRecord[][]>();
  private readonly rejected = new Map<string, Error>();
  private readonly groups = new Map<string, GroupState>();
  private readonly roundRobin = new Map<string, number>();
  private waiters: (() => void)[] = [];
  /** Workers of every running consumer, for drain(). */
  readonly workers = new Set<PartitionWorker>();
  private readonly defaultPartitions: number;
  private readonly autoCreate: boolean;
  private readonly now: () => number;

  constructor(options: InMemoryBrokerOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 1;
    this.autoCreate = options.autoCreateTopics ?? true;
    this.now = options.now ?? Date.now;
  }

  createTopic(name: string, partitions = this.defaultPartitions): void {
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
    if (this.topics.has(name)) return;
    this.topics.set(
      name,
      Array.from({ length: partitions }, () => []),
    );
    this.notify();
  }

  topicNames(): string[] {
    return [...this.topics.keys()];
  }

  partitionCount(topic: string): number {
    return this.topics.get(topic)?.length ?? 0;
  }

  /** All records of a topic, partition by partition, in offset order. */
  records(topic: string): ConsumedRecord[] {
    return (this.topics.get(topic) ?? []).flat();
  }

  /** The next offset group `groupId` will consume from a partition, if it committed one. */
  committedOffset(groupId: string, topic: string, partition = 0): number | undefined {
    return this.groups.get(groupId)?.committed.get(partitionKey(topic, partition));
  }

  /** Make every write to `topic` fail (e.g. to test an unavailable dead-letter topic) until acceptWrites. */
  rejectWrites(topic: string, error: Error = new InMemoryWriteRejectedError(`writes to ${topic} are rejected`)): void {
    this.rejected.set(topic, error);
  }

  acceptWrites(topic: string): void {
    this.rejected.delete(topic);
  }

  producer(): ProducerTransport {
    return {
      send: async (topic, records) => this.append(topic, records),
      disconnect: async () => {},
    };
  }

  consumer(groupId: string, options: InMemoryConsumerOptions = {}): ConsumerTransport {
    return new InMemoryConsumer(this, groupId, options);
  }

  /** Appends records atomically (all or none), choosing partitions by key like a keyed producer. */
  append(topic: string, records: readonly WireRecord[]): void {
    const rejection = this.rejected.get(topic);
    if (rejection !== undefined) throw rejection;
    const partitions = this.ensureTopic(topic, true);
    const timestamp = String(this.now());
    for (const record of records) {
      const partition = this.partitionFor(topic, record.key, partitions.length);
      const log = partitions[partition]!;
      log.push({
        topic,
        partition,
        offset: String(log.length),
        timestamp,
        key: record.key,
        value: record.value,
        headers: { ...record.headers },
      });
    }
    this.notify();
  }

  /**
   * Resolves once every running consumer is idle: each assigned partition is consumed to its end,
   * paused (dead-letter topic unwritable) or waiting for its owner; records written while draining
   * (dead letters, handlers that produce) are waited for too.
   */
  async drain(options: DrainOptions = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      // Let freshly notified workers pick up their next record before judging idleness.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const busy = [...this.workers].filter((worker) => !worker.isIdle());
      if (busy.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`drain timed out; still busy: ${busy.map((worker) => worker.describe()).join(', ')}`);
      }
      await Promise.race([
        this.changed(),
        new Promise<void>((resolve) => setTimeout(resolve, Math.min(remaining, 50))),
      ]);
    }
  }

  // --- used by InMemoryConsumer ----------------------------------------------------------------

  ensureTopic(topic: string, forWrite: boolean): ConsumedRecord[][] {
    let partitions = this.topics.get(topic);
    if (partitions === undefined) {
      if (!this.autoCreate) {
        if (forWrite) throw new InMemoryWriteRejectedError(`topic ${topic} does not exist (auto-creation is off)`);
        return [];
      }
      this.createTopic(topic);
      partitions = this.topics.get(topic)!;
    }
    return partitions;
  }

  partitionLog(topic: string, partition: number): readonly ConsumedRecord[] {
    return this.topics.get(topic)?.[partition] ?? [];
  }

  group(groupId: string): GroupState {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = { members: [], committed: new Map(), owners: new Map() };
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Resolves at the next change (write, commit, membership, resume). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private partitionFor(topic: string, key: Buffer | null, count: number): number {
    if (count === 1) return 0;
    if (key === null) {
      const next = (this.roundRobin.get(topic) ?? 0) + 1;
      this.roundRobin.set(topic, next);
      return next % count;
    }
    // FNV-1a: stable across runs, so one key always lands in one partition (per-key order).
    let hash = 0x811c9dc5;
    for (const byte of key) hash = Math.imul(hash ^ byte, 0x01000193);
    return (hash >>> 0) % count;
  }
}

function partitionKey(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}

/** One group member. Partitions are dealt round-robin over the members in join order. */
class InMemoryConsumer implements ConsumerTransport {
  private topics: readonly string[] = [];
  private onRecord: ((record: ConsumedRecord) => void | Promise<void>) | undefined;
  private readonly workers = new Map<string, PartitionWorker>();
  private running = false;

  constructor(
    readonly broker: InMemoryBroker,
    readonly groupId: string,
    readonly options: InMemoryConsumerOptions,
  ) {}

  async run(topics: readonly string[], onRecord: (record: ConsumedRecord) => void | Promise<void>): Promise<void> {
    if (this.running) throw new Error('consumer is already running');
    this.running = true;
    this.topics = topics;
    this.onRecord = onRecord;
    for (const topic of topics) this.broker.ensureTopic(topic, false);
    const group = this.broker.group(this.groupId);
    group.members.push(this);
    for (const member of group.members) member.rebalance();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const group = this.broker.group(this.groupId);
    group.members.splice(group.members.indexOf(this), 1);
    const finishing = [...this.workers.values()].map((worker) => worker.stop());
    this.workers.clear();
    this.broker.notify();
    await Promise.all(finishing);
    for (const member of group.members) member.rebalance();
  }

  /** The partitions this member owns now. */
  assignment(): Set<string> {
    const group = this.broker.group(this.groupId);
    const all: string[] = [];
    for (const topic of this.topics) {
      const count = this.broker.partitionCount(topic);
      for (let partition = 0; partition < count; partition += 1) all.push(partitionKey(topic, partition));
    }
    const index = group.members.indexOf(this);
    return new Set(all.filter((_, position) => position % group.members.length === index));
  }

  private rebalance(): void {
    if (!this.running || this.onRecord === undefined) return;
    const owned = this.assignment();
    for (const [key, worker] of this.workers) {
      if (!owned.has(key)) {
        void worker.stop();
        this.workers.delete(key);
      }
    }
    for (const topic of this.topics) {
      for (let partition = 0; partition < this.broker.partitionCount(topic); partition += 1) {
        const key = partitionKey(topic, partition);
        if (!owned.has(key) || this.workers.has(key)) continue;
        const worker = new PartitionWorker(this, topic, partition, this.onRecord);
        this.workers.set(key, worker);
        worker.start();
      }
    }
    this.broker.notify();
  }
}

/** Consumes one partition for one member, one record at a time, committing after each finished record. */
class PartitionWorker {
  private active = true;
  private busy = false;
  private paused = false;
  private done: Promise<void> = Promise.resolve();
  private readonly key: string;

  constructor(
    private readonly member: InMemoryConsumer,
    readonly topic: string,
    readonly partition: number,
    private readonly onRecord: (record: ConsumedRecord) => void | Promise<void>,
  ) {
    this.key = partitionKey(topic, partition);
  }

  start(): void {
    this.member.broker.workers.add(this);
    this.done = this.loop().finally(() => {
      this.member.broker.workers.delete(this);
      const group = this.member.broker.group(this.member.groupId);
      if (group.owners.get(this.key) === this) group.owners.delete(this.key);
      this.member.broker.notify();
    });
  }

  stop(): Promise<void> {
    this.active = false;
    this.member.broker.notify();
    return this.done;
  }

  isIdle(): boolean {
    if (!this.active || this.paused) return true;
    if (this.busy) return false;
    const group = this.member.broker.group(this.member.groupId);
    const owner = group.owners.get(this.key);
    if (owner !== undefined && owner !== this) return false;
    return this.position(group) >= this.member.broker.partitionLog(this.topic, this.partition).length;
  }

  describe(): string {
    return `${this.member.groupId}:${this.topic}[${this.partition}]${this.busy ? ' (handling)' : ''}`;
  }

  private position(group: GroupState): number {
    let next = group.committed.get(this.key);
    if (next === undefined) {
      next =
        this.member.options.fromBeginning === false
          ? this.member.broker.partitionLog(this.topic, this.partition).length
          : 0;
      group.committed.set(this.key, next);
    }
    return next;
  }

  private async loop(): Promise<void> {
    const broker = this.member.broker;
    const group = broker.group(this.member.groupId);
    while (this.active) {
      const owner = group.owners.get(this.key);
      if (owner !== undefined && owner !== this) {
        await broker.changed();
        continue;
      }
      group.owners.set(this.key, this);
      const log = broker.partitionLog(this.topic, this.partition);
      const next = this.position(group);
      if (this.paused || next >= log.length) {
        await broker.changed();
        continue;
      }
      const record = log[next]!;
      this.busy = true;
      try {
        await this.onRecord(record);
        group.committed.set(this.key, next + 1);
        this.member.options.pauses?.succeeded(this.topic, this.partition);
      } catch (reason) {
        // Not done: keep the offset, stop this partition, deliver the same record again later.
        if (this.active) {
          this.paused = true;
          const pauses = this.member.options.pauses;
          const resume = () => {
            this.paused = false;
            broker.notify();
          };
          if (pauses === undefined) setTimeout(resume, 1_000);
          else pauses.pause(this.topic, this.partition, record.offset, reason, resume);
        }
      } finally {
        this.busy = false;
        broker.notify();
      }
    }
  }
}
