// TransportConsumer on @platformatic/kafka. The client delivers one stream of records for all assigned partitions
// and can pause only that whole stream, so ordering and redelivery are done here: records go into one lane per
// partition, each lane hands its records to the processor one at a time (up to `partitionsConsumedConcurrently`
// lanes at once), and offsets are committed only for finished records. A record the processor could not finish
// holds the whole stream (the transport says `supportsPartitionPause: false`) until the delay chosen by
// PartitionPauses ends; then its partition is fetched again from that record (the stream's fetch position is
// rewound, and records of the partition fetched meanwhile are dropped, uncommitted). A rebalance notice aborts the
// ownership signal of the records in flight; a new generation drops what the lanes still queue (uncommitted: the
// client fetches those partitions again from their committed offsets).
import type { CommitOptionsPartition, Consumer, Message, MessagesStream } from '@platformatic/kafka';
import { setOwnProperty } from '../../../contract-conventions/own-properties.js';
import type { ConsumedRecord } from '../../contract.js';
import type { RecordDelivery, TopicPartition, TransportConsumer, TransportConsumerSettings } from '../transport.js';
import { loadPlatformaticKafka } from './client-module.js';
import type { PlatformaticClientOptions } from './connection.js';
import { headerNameString } from './header-names.js';

/**
 * Fetch sizes. The client parses a whole fetch response into records before it hands over the first, so all of
 * a response's records are alive at once: at 10 MB (or its 50 MB default, ~3x the CPU per record) they outlive
 * the young generation, and every scavenge copies them. At 1 MB per fetch the consume benchmark's GC time per
 * 100,000 1 KB records fell from ~350 to ~110-190 ms; the round trips that more, smaller fetches add are hidden
 * by asking for the next fetch before the records are worked on (startSoon).
 */
export interface PlatformaticFetchSettings {
  readonly maxBytes: number;
  readonly maxBytesPerPartition: number;
  readonly maxWaitTimeMs: number;
}

export const DEFAULT_FETCH: PlatformaticFetchSettings = {
  maxBytes: 1024 * 1024,
  maxBytesPerPartition: 256 * 1024,
  maxWaitTimeMs: 1_000,
};

/**
 * Back-pressure: the stream is held once the lanes queue this many records, or twice the fetch size in bytes, and
 * flows again once they are down to half of that. The low mark still holds about one fetch, so the next fetch is
 * asked for while the lanes have work: with 4,096/1,024 records the stream was held after nearly every fetch of 1 KB
 * records and the lanes then waited for the next one (issue 15's benchmark: 0.83 of the raw consumer, ~0.93 with
 * these marks). The byte bound keeps large records from filling memory before the record count is reached.
 */
const QUEUE_HIGH_RECORDS = 16_384;
const QUEUE_LOW_RECORDS = 8_192;
const RESTART_DELAY_MS = 5_000;
const DEFAULT_COMMIT_INTERVAL_MS = 1_000;

interface Lane {
  readonly topic: string;
  readonly partition: number;
  readonly key: string;
  queue: Message[];
  head: number;
  running: boolean;
  /** Offset of the record the processor is working on. */
  inFlight: bigint | undefined;
  /** Set while the partition waits to be fetched again from this offset; later records are dropped. */
  rewindTo: bigint | undefined;
  /** Offset of the last record finished since the last commit (the commit names the one after it). */
  finished: bigint | undefined;
}

export class PlatformaticConsumerTransport implements TransportConsumer {
  private consumer: Consumer | undefined;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private onRecord: RecordDelivery | undefined;
  private topics: readonly string[] = [];
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private membership = new AbortController();
  private readonly lanes = new Map<string, Lane>();
  /** The lane of the last record accepted: a fetch delivers each partition's records in a row. */
  private lastLane: Lane | undefined;
  private readonly waiting: Lane[] = [];
  /** Lanes with records accepted in this turn, started at its end (startSoon). */
  private readonly lanesToStart = new Set<Lane>();
  private runningLanes = 0;
  /** Records, and their key and value bytes, queued in the lanes. */
  private queued = 0;
  private queuedBytes = 0;
  /** Why the stream is held: back-pressure, redeliveries waiting for their delay, partitions paused by the caller. */
  private flowHeld = false;
  private redeliveries = 0;
  private readonly userPaused = new Set<string>();
  /** Lanes with a `finished` offset not committed yet. */
  private readonly finishedLanes = new Set<Lane>();
  private finishedSinceCommit = 0;
  private committing: Promise<void> | undefined;
  private commitAgain = false;
  private commitTimer: NodeJS.Timeout | undefined;
  /** A commit asked for at the end of this turn (commitSoon). */
  private commitScheduled = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly client: PlatformaticClientOptions,
    private readonly settings: TransportConsumerSettings,
    private readonly fetch: PlatformaticFetchSettings = DEFAULT_FETCH,
  ) {}

  async run(topics: readonly string[], onRecord: RecordDelivery): Promise<void> {
    if (this.consumer !== undefined) throw new Error('consumer is already running');
    this.topics = topics;
    this.onRecord = onRecord;
    await this.start();
    // A lane may not run dry for long (one fetch brings up to maxBytesPerPartition), so finished records are also
    // committed on a timer: what a crash redelivers is bounded by time as well as by the fetch.
    const intervalMs = this.settings.commit?.intervalMs ?? DEFAULT_COMMIT_INTERVAL_MS;
    this.commitTimer = setInterval(() => void this.commit().catch(noop), intervalMs);
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) this.userPaused.add(laneKey(topic, partition));
    this.updateFlow();
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) this.userPaused.delete(laneKey(topic, partition));
    this.updateFlow();
  }

  /** Commits finished offsets of the partitions this member still owns; one commit at a time. */
  commit(): Promise<void> {
    return this.consumer === undefined ? Promise.resolve() : this.commitOn(this.consumer);
  }

  private commitOn(consumer: Consumer): Promise<void> {
    if (this.committing !== undefined) {
      this.commitAgain = true;
      return this.committing;
    }
    if (this.finishedLanes.size === 0) return Promise.resolve();
    const owned = ownedPartitions(consumer);
    const offsets: CommitOptionsPartition[] = [];
    for (const lane of this.finishedLanes) {
      if (owned.has(lane.key))
        offsets.push({ topic: lane.topic, partition: lane.partition, offset: lane.finished! + 1n, leaderEpoch: -1 });
      lane.finished = undefined;
    }
    this.finishedLanes.clear();
    this.finishedSinceCommit = 0;
    if (offsets.length === 0) return Promise.resolve();
    this.committing = consumer.commit({ offsets }).finally(() => {
      this.committing = undefined;
      if (this.commitAgain) {
        this.commitAgain = false;
        void this.commitOn(consumer).catch(noop);
      }
    });
    return this.committing;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    if (this.commitTimer !== undefined) clearInterval(this.commitTimer);
    this.dropQueued();
    // The record in flight on each lane finishes (the receiver has already aborted retry waits).
    if (this.runningLanes > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    const consumer = this.consumer;
    const stream = this.stream;
    this.consumer = undefined;
    this.stream = undefined;
    if (consumer === undefined) return;
    try {
      await this.flushCommits(consumer);
    } finally {
      await stream?.close().catch(() => {});
      await closeConsumer(consumer);
    }
  }

  /** One commit at the end of this turn of the event loop, however many lanes ran dry in it. */
  private commitSoon(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      void this.commit().catch(noop);
    });
  }

  private async flushCommits(consumer: Consumer): Promise<void> {
    this.commitAgain = false;
    await this.committing?.catch(noop);
    if (this.finishedLanes.size > 0) await this.commitOn(consumer);
  }

  private async start(): Promise<void> {
    const { groupId } = this.settings;
    const { Consumer } = await loadPlatformaticKafka();
    const consumer = new Consumer({
      ...this.client,
      groupId,
      autocommit: false,
      ...(this.settings.groupInstanceId === undefined ? {} : { groupInstanceId: this.settings.groupInstanceId }),
      ...(this.settings.sessionTimeoutMs === undefined ? {} : { sessionTimeout: this.settings.sessionTimeoutMs }),
      ...(this.settings.heartbeatIntervalMs === undefined
        ? {}
        : { heartbeatInterval: this.settings.heartbeatIntervalMs }),
      ...(this.settings.rebalanceTimeoutMs === undefined ? {} : { rebalanceTimeout: this.settings.rebalanceTimeoutMs }),
      maxBytes: this.fetch.maxBytes,
      maxBytesPerPartition: this.fetch.maxBytesPerPartition,
      maxWaitTime: this.fetch.maxWaitTimeMs,
    });
    this.consumer = consumer;
    // A rebalance notice: records in flight may belong to another member soon; stop their retries now.
    consumer.on('consumer:group:rebalance', () => this.loseOwnership('the consumer group is rebalancing'));
    consumer.on('consumer:group:join', () => {
      // A new generation: what the lanes still queue was fetched for the previous one.
      this.loseOwnership('the consumer group was joined again');
      this.membership = new AbortController();
      this.restartLanes();
    });
    consumer.on('error', (error: Error) => this.onCrash(consumer, error));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`consumer group ${groupId} did not join within ${this.settings.joinTimeoutMs} ms`)),
        this.settings.joinTimeoutMs,
      );
    });
    try {
      // consume() joins the group first and resolves with the stream once the member has its assignment.
      const stream = await Promise.race([
        consumer.consume({
          topics: [...this.topics],
          mode: 'committed',
          fallbackMode: this.settings.fromBeginning ? 'earliest' : 'latest',
          autocommit: false,
          maxBytes: this.fetch.maxBytes,
          maxBytesPerPartition: this.fetch.maxBytesPerPartition,
          maxWaitTime: this.fetch.maxWaitTimeMs,
        }),
        timeout,
      ]);
      if (this.stopping) {
        // stop() ran while this (re)start was under way: it found no client to close, so close this one here.
        await stream.close().catch(noop);
        await closeConsumer(consumer);
        this.consumer = undefined;
        return;
      }
      this.stream = stream;
      stream.on('data', (message: Message) => this.accept(message));
      // After a join the stream re-reads committed offsets, but keeps its own position where nothing is committed.
      stream.on('offsets', () => {
        for (const lane of this.lanes.values()) this.rewind(lane);
      });
      stream.on('error', (error: Error) => this.onCrash(consumer, error));
    } catch (error) {
      this.consumer = undefined;
      await closeConsumer(consumer);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private accept(message: Message): void {
    const lane = this.laneOf(message.topic, message.partition);
    if (this.membership.signal.aborted) {
      // Fetched after a rebalance notice: kept in its lane; the join that follows restarts the lane from it.
      this.enqueue(lane, message);
      return;
    }
    if (lane.rewindTo !== undefined) {
      if (message.offset !== lane.rewindTo) {
        // Fetched past the unfinished record (a fetch was in flight when it failed): ask again from it.
        if (message.offset > lane.rewindTo) this.rewind(lane);
        return;
      }
      lane.rewindTo = undefined;
    }
    this.enqueue(lane, message);
    if (!this.flowHeld && (this.queued >= QUEUE_HIGH_RECORDS || this.queuedBytes >= 2 * this.fetch.maxBytes)) {
      this.flowHeld = true;
      this.updateFlow();
    }
    if (!lane.running) this.startSoon(lane);
  }

  /**
   * Starts the lane once the stream's turn is over. The stream hands over a whole fetch response record by record
   * and asks for the next fetch after the last one (on the next tick); records worked on inside its callback keep
   * that request back until they are done, and the consumer then waits for the broker. Started after it, they are
   * worked on while the next fetch is on its way (issue 15's consume benchmark: ~41-42k -> ~46-57k records/s at
   * 1 MB per fetch; the raw consumer, which works inside the callback, 47-59k).
   */
  private startSoon(lane: Lane): void {
    if (this.lanesToStart.has(lane)) return;
    this.lanesToStart.add(lane);
    if (this.lanesToStart.size === 1) setImmediate(() => this.startLanes());
  }

  private startLanes(): void {
    const lanes = [...this.lanesToStart];
    this.lanesToStart.clear();
    for (const lane of lanes)
      if (!lane.running && !this.stopping && lane.head < lane.queue.length && !this.membership.signal.aborted)
        this.schedule(lane);
  }

  private enqueue(lane: Lane, message: Message): void {
    lane.queue.push(message);
    this.queued++;
    this.queuedBytes += recordBytes(message);
  }

  /** Takes the lane's next record off its queue. */
  private dequeue(lane: Lane): Message {
    const message = lane.queue[lane.head]!;
    lane.queue[lane.head++] = undefined as unknown as Message; // let the record be collected
    this.queued--;
    this.queuedBytes -= recordBytes(message);
    return message;
  }

  /** Drops what the lane still queues. */
  private clearLane(lane: Lane): void {
    for (let at = lane.head; at < lane.queue.length; at++) this.queuedBytes -= recordBytes(lane.queue[at]!);
    this.queued -= lane.queue.length - lane.head;
    lane.queue = [];
    lane.head = 0;
  }

  /** Lets the stream flow again once the lanes are down to the low marks. */
  private flowWhenDrained(): void {
    if (this.flowHeld && this.queued <= QUEUE_LOW_RECORDS && this.queuedBytes <= this.fetch.maxBytes) {
      this.flowHeld = false;
      this.updateFlow();
    }
  }

  private laneOf(topic: string, partition: number): Lane {
    const last = this.lastLane;
    if (last !== undefined && last.partition === partition && last.topic === topic) return last;
    const key = laneKey(topic, partition);
    let lane = this.lanes.get(key);
    if (lane === undefined) {
      lane = {
        topic,
        partition,
        key,
        queue: [],
        head: 0,
        running: false,
        inFlight: undefined,
        rewindTo: undefined,
        finished: undefined,
      };
      this.lanes.set(key, lane);
    }
    this.lastLane = lane;
    return lane;
  }

  private schedule(lane: Lane): void {
    if (this.runningLanes >= this.settings.partitionsConsumedConcurrently) {
      if (!this.waiting.includes(lane)) this.waiting.push(lane);
      return;
    }
    lane.running = true;
    this.runningLanes++;
    this.drain(lane);
  }

  /**
   * Hands the lane's records to the processor one at a time. Records that need no waiting are finished in this
   * turn, so while handlers are synchronous a whole fetch goes through in one call and no promise or closure is
   * made per record; the first record that comes back with a promise parks the lane until it settles
   * (`awaitRecord`), which then goes on here.
   */
  private drain(lane: Lane): void {
    const onRecord = this.onRecord!;
    let parked = false;
    try {
      // After a rebalance notice the lanes wait: the join that follows drops what they queue (old generation).
      while (lane.head < lane.queue.length && !this.stopping && !this.membership.signal.aborted) {
        const message = this.dequeue(lane);
        const ownership = this.membership.signal;
        lane.inFlight = message.offset;
        let done: void | Promise<void>;
        try {
          done = onRecord(consumedRecord(message), ownership);
        } catch (reason) {
          // The processor rejects instead of throwing; a throw is treated the same way.
          done = Promise.reject(reason instanceof Error ? reason : new Error(String(reason)));
        }
        if (done !== undefined) {
          parked = true;
          void this.awaitRecord(lane, message, ownership, done);
          return;
        }
        lane.inFlight = undefined;
        this.finishRecord(lane, message);
      }
    } finally {
      if (!parked) this.endDrain(lane);
    }
  }

  /** The lane waits for its record's promise, then goes on with its queue (or stops, when it was not finished). */
  private async awaitRecord(lane: Lane, message: Message, ownership: AbortSignal, done: Promise<void>): Promise<void> {
    try {
      await done;
    } catch (reason) {
      lane.inFlight = undefined;
      try {
        this.unfinished(lane, message, reason, ownership);
      } finally {
        this.endDrain(lane);
      }
      return;
    }
    lane.inFlight = undefined;
    let finished = false;
    try {
      this.finishRecord(lane, message);
      finished = true;
    } finally {
      if (finished) this.drain(lane);
      else this.endDrain(lane);
    }
  }

  /** Only the offset is kept per record; commitOn builds what the client needs once per commit. */
  private finishRecord(lane: Lane, message: Message): void {
    if (lane.finished === undefined) this.finishedLanes.add(lane);
    lane.finished = message.offset;
    this.settings.pauses.succeeded(lane.topic, lane.partition);
    const everyRecords = this.settings.commit?.everyRecords;
    if (everyRecords !== undefined && ++this.finishedSinceCommit >= everyRecords) void this.commit().catch(noop);
  }

  private endDrain(lane: Lane): void {
    if (lane.head >= lane.queue.length) {
      // Emptied in place: with synchronous handlers the lane runs dry after every fetch.
      lane.queue.length = 0;
      lane.head = 0;
    }
    lane.running = false;
    this.runningLanes--;
    this.afterLane(lane);
  }

  private afterLane(lane: Lane): void {
    if (this.runningLanes === 0 && this.idle !== undefined) {
      const idle = this.idle;
      this.idle = undefined;
      idle();
    }
    if (this.stopping) return;
    // A lane that ran dry finished a fetched batch: commit, as kafkajs does after each batch. The commit waits for
    // the end of the turn, once for all the lanes that ran dry in it.
    if (lane.queue.length === 0) this.commitSoon();
    this.flowWhenDrained();
    if (this.membership.signal.aborted) return; // lanes start again with the next generation's records
    if (lane.head < lane.queue.length) this.schedule(lane);
    while (this.waiting.length > 0 && this.runningLanes < this.settings.partitionsConsumedConcurrently) {
      const next = this.waiting.shift()!;
      if (!next.running && next.head < next.queue.length) this.schedule(next);
    }
  }

  /** The record was not finished: drop what its lane queues, hold the stream, fetch the partition again later. */
  private unfinished(lane: Lane, message: Message, reason: unknown, ownership: AbortSignal): void {
    // A rebalance: the next generation fetches from the committed offset, and what the lane queues now may be
    // records of that generation already (the join dropped the older ones).
    if (this.stopping) return;
    if (ownership.aborted) {
      // Back to the head of its lane: the join that follows restarts the lane from it.
      lane.queue[--lane.head] = message;
      this.queued++;
      this.queuedBytes += recordBytes(message);
      return;
    }
    this.clearLane(lane);
    lane.rewindTo = message.offset;
    this.redeliveries++;
    this.updateFlow();
    this.settings.pauses.pause(lane.topic, lane.partition, message.offset.toString(), reason, () => {
      this.redeliveries--;
      if (this.stopping) return;
      this.rewind(lane);
      this.updateFlow();
    });
  }

  /** Points the stream's next fetch of the lane's partition at its unfinished record. */
  private rewind(lane: Lane): void {
    if (lane.rewindTo !== undefined) this.stream?.offsetsToFetch.set(`${lane.topic}:${lane.partition}`, lane.rewindTo);
  }

  private updateFlow(): void {
    const stream = this.stream;
    if (stream === undefined || this.stopping) return;
    const hold = this.flowHeld || this.redeliveries > 0 || this.userPaused.size > 0;
    if (hold && !stream.isPaused()) stream.pause();
    else if (!hold && stream.isPaused()) stream.resume();
  }

  /**
   * A join: each lane drops what it queues and is fetched again from its first unfinished record (the one in
   * flight, or the first queued), so nothing fetched for the previous generation is skipped and order is kept.
   * A partition another member committed further meanwhile is redone from there (at-least-once).
   */
  private restartLanes(): void {
    for (const lane of this.lanes.values()) {
      const first = lane.inFlight ?? (lane.head < lane.queue.length ? lane.queue[lane.head]!.offset : undefined);
      this.clearLane(lane);
      if (first !== undefined && (lane.rewindTo === undefined || first < lane.rewindTo)) lane.rewindTo = first;
    }
    this.waiting.length = 0;
    this.flowWhenDrained();
  }

  private dropQueued(): void {
    for (const lane of this.lanes.values()) {
      this.clearLane(lane);
      lane.rewindTo = undefined;
    }
    this.waiting.length = 0;
    this.flowWhenDrained();
  }

  private loseOwnership(reason: string): void {
    if (this.membership.signal.aborted) return;
    if (this.runningLanes > 0)
      this.settings.observer.logger.info(
        `consumer group ${this.settings.groupId}: ${reason}; in-place retries stop and unfinished records stay uncommitted`,
      );
    this.membership.abort(new Error(reason));
  }

  /**
   * The client gave up (stream or group error): report it, then start over with a new client after a delay, and
   * again after each failed start (the broker may take a while to come back). `consumer` is the client that
   * failed; a client already replaced may still report and is ignored.
   */
  private onCrash(consumer: Consumer | undefined, error: Error): void {
    const current = consumer === undefined || this.consumer === consumer;
    const restartHere = !this.stopping && current && this.restartTimer === undefined;
    this.settings.observer.emit({ type: 'crashed', error, restarting: restartHere });
    if (!restartHere) return;
    this.loseOwnership('the consumer crashed');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.stopping) return;
      const stream = this.stream;
      const failed = this.consumer;
      this.stream = undefined;
      this.consumer = undefined;
      this.membership = new AbortController();
      this.dropQueued();
      void (async () => {
        await stream?.close().catch(noop);
        if (failed !== undefined) await closeConsumer(failed);
        if (!this.stopping) await this.start();
      })().catch((restartError: unknown) =>
        this.onCrash(undefined, restartError instanceof Error ? restartError : new Error(String(restartError))),
      );
    }, RESTART_DELAY_MS);
  }
}

function noop(): void {}

/** Leaves the group and closes the connections; a failure to close is not the caller's problem any more. */
function closeConsumer(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => consumer.close(true, () => resolve()));
}

/** What a queued record holds in memory, roughly: its key and value (headers are small). */
function recordBytes(message: Message): number {
  return (message.key?.length ?? 0) + (message.value?.length ?? 0);
}

function laneKey(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}

function ownedPartitions(consumer: Consumer): Set<string> {
  const owned = new Set<string>();
  for (const { topic, partitions } of consumer.assignments ?? [])
    for (const partition of partitions) owned.add(laneKey(topic, partition));
  return owned;
}

/** The position of the header copyHeader is given next (forEach runs synchronously, one record at a time). */
let headerPosition = 0;

/** A header without a value has no bytes to hand on (kafkajs' records drop it the same way). */
function copyHeader(this: Record<string, Buffer>, value: Buffer | undefined | null, name: Buffer): void {
  const position = headerPosition++;
  if (value !== undefined && value !== null) setOwnProperty(this, headerNameString(name, position), value);
}

/** The client's record as the runtime's: raw Buffers, headers as an object (the last of repeated names wins). */
export function consumedRecord(message: Message): ConsumedRecord {
  const headers: Record<string, Buffer> = {};
  // forEach, not for…of: iterating the Map's entries makes a [name, value] array per header.
  headerPosition = 0;
  message.headers.forEach(copyHeader, headers);
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    timestamp: message.timestamp.toString(),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
  };
}
