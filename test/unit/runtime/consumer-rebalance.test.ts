// A rebalance in the middle of a retry schedule (found by test/integration/faults/rebalance-retry):
// the member must stop retrying and stop starting records as soon as a heartbeat reports the
// rebalance, leave the record uncommitted without pausing its partition, and start afresh after the
// next group join. Before, it kept retrying until its schedule ran out — past the rebalance timeout
// the group then gave the partition to another member while this one still called the handler.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import { KafkaConsumerTransport, isMembershipChange } from '../../../runtime/transports/kafkajs/consumer-transport.js';
import { PartitionPauses } from '../../../runtime/consumer/partition-pauses.js';
import type { ReceiverEvent } from '../../../runtime/consumer/receiver-events.js';
import { ReceiverObserver } from '../../../runtime/consumer/receiver-observer.js';
import { ReceiverMetrics } from '../../../runtime/consumer/receiver-metrics.js';
import { ProcessingAbortedError, silentLogger, type ConsumedRecord } from '../../../runtime/index.js';
import { abortableSleep } from '../../../runtime/consumer/retry-policy.js';
import { processorUnderTest, validRecord } from './processor-under-test.js';

const EVENTS = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };
const rebalancing = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), {
  type: 'REBALANCE_IN_PROGRESS',
});

class ScriptedConsumer extends EventEmitter {
  readonly events = EVENTS;
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  async connect() {}
  async subscribe() {}
  async run(options: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.eachBatch = options.eachBatch;
    setImmediate(() => this.emit(EVENTS.GROUP_JOIN, { payload: {} }));
  }
  async disconnect() {}
}

function setup() {
  const consumers: ScriptedConsumer[] = [];
  const kafka = {
    consumer: () => {
      const consumer = new ScriptedConsumer();
      consumers.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  const events: ReceiverEvent[] = [];
  const observer = new ReceiverObserver(
    { onEvent: (event) => events.push(event) },
    new ReceiverMetrics(),
    silentLogger,
  );
  const pauses = new PartitionPauses(observer, { initialDelayMs: 10 });
  const transport = new KafkaConsumerTransport({
    kafka,
    groupId: 'g',
    fromBeginning: true,
    observer,
    pauses,
    partitionsConsumedConcurrently: 2,
    joinTimeoutMs: 1_000,
    consumerConfig: { heartbeatInterval: 5 },
  });
  return { transport, consumers, events };
}

/** A batch whose heartbeat fails with `heartbeatError` once `failHeartbeats()` was called. */
function batch(partition: number, offsets: string[], heartbeatError: Error = rebalancing) {
  const resolved: string[] = [];
  let paused = false;
  let failing = false;
  const payload = {
    batch: {
      topic: 't',
      partition,
      messages: offsets.map((offset) => ({ offset, timestamp: '0', key: null, value: Buffer.from('{}'), headers: {} })),
    },
    resolveOffset: (offset: string) => void resolved.push(offset),
    heartbeat: async () => {
      if (failing) throw heartbeatError;
    },
    commitOffsetsIfNecessary: async () => {},
    isRunning: () => true,
    isStale: () => false,
    pause: () => {
      paused = true;
      return () => void (paused = false);
    },
  } as unknown as EachBatchPayload;
  return { payload, resolved, isPaused: () => paused, failHeartbeats: () => void (failing = true) };
}

/** onRecord that waits (like a retry wait) on record `waitOn` until the ownership signal (or `release`) aborts. */
function waitingOnRecord(waitOn: string, seen: string[], signals: AbortSignal[], release = new AbortController()) {
  return async (record: ConsumedRecord, ownership?: AbortSignal) => {
    seen.push(`${record.partition}:${record.offset}`);
    if (ownership !== undefined) signals.push(ownership);
    if (record.offset !== waitOn) return;
    await abortableSleep(10_000, AbortSignal.any([ownership!, release.signal]));
  };
}

describe('rebalance during a retry schedule', () => {
  it('a heartbeat reporting a rebalance ends the retry wait and the batch, without pausing the partition', async () => {
    const { transport, consumers, events } = setup();
    const seen: string[] = [];
    const signals: AbortSignal[] = [];
    await transport.run(['t'], waitingOnRecord('1', seen, signals));
    await new Promise((resolve) => setImmediate(resolve)); // the group join
    const stuck = batch(0, ['0', '1', '2']);
    const running = consumers[0]!.eachBatch!(stuck.payload);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(['0:0', '0:1']);
    const started = performance.now();
    stuck.failHeartbeats(); // the coordinator answers the next heartbeat: rebalance in progress
    await running;
    expect(performance.now() - started).toBeLessThan(1_000); // not the 10 s wait
    expect(seen).toEqual(['0:0', '0:1']); // record 2 never started
    expect(stuck.resolved).toEqual(['0']); // record 1 stays uncommitted for the next owner
    expect(stuck.isPaused()).toBe(false);
    expect(events.some((event) => event.type === 'partition-paused')).toBe(false);
    expect(signals[1]!.aborted).toBe(true);
    await transport.stop();
  });

  it('stops the other partitions of the member too, and the next generation starts with a fresh signal', async () => {
    const { transport, consumers } = setup();
    const seen: string[] = [];
    const signals: AbortSignal[] = [];
    await transport.run(['t'], waitingOnRecord('1', seen, signals));
    await new Promise((resolve) => setImmediate(resolve));
    const first = batch(0, ['0', '1']);
    const second = batch(1, ['0', '1']); // its heartbeats keep succeeding
    const running = Promise.all([consumers[0]!.eachBatch!(first.payload), consumers[0]!.eachBatch!(second.payload)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    first.failHeartbeats();
    await running;
    expect(first.resolved).toEqual(['0']);
    expect(second.resolved).toEqual(['0']);

    consumers[0]!.emit(EVENTS.GROUP_JOIN, { payload: {} }); // rejoined: a new generation
    const after = batch(1, ['1', '2']);
    const done = consumers[0]!.eachBatch!(after.payload);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signals.at(-1)!.aborted).toBe(false);
    await transport.stop();
    after.failHeartbeats();
    await done;
  });

  it('keeps retrying through heartbeat errors that are not about group membership', async () => {
    const { transport, consumers } = setup();
    const seen: string[] = [];
    const signals: AbortSignal[] = [];
    const release = new AbortController();
    await transport.run(['t'], waitingOnRecord('1', seen, signals, release));
    await new Promise((resolve) => setImmediate(resolve));
    const down = batch(
      0,
      ['0', '1'],
      Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }),
    );
    const running = consumers[0]!.eachBatch!(down.payload);
    down.failHeartbeats();
    await new Promise((resolve) => setTimeout(resolve, 40)); // several failed heartbeats
    expect(signals[1]!.aborted).toBe(false);
    const stopping = transport.stop();
    release.abort(); // what the receiver's shutdown does to a retry wait
    await running;
    await stopping;
    expect(down.resolved).toEqual(['0']);
  });

  it('recognises the membership errors kafkajs reports', () => {
    for (const type of [
      'REBALANCE_IN_PROGRESS',
      'ILLEGAL_GENERATION',
      'UNKNOWN_MEMBER_ID',
      'NOT_COORDINATOR_FOR_GROUP',
    ])
      expect(isMembershipChange({ type })).toBe(true);
    for (const error of [new Error('x'), { type: 'REQUEST_TIMED_OUT' }, null, 'REBALANCE_IN_PROGRESS'])
      expect(isMembershipChange(error)).toBe(false);
  });
});

describe('record processor and the ownership signal', () => {
  const record = validRecord;

  const processor = (handler: () => void) =>
    processorUnderTest(handler, {
      retry: { maxAttempts: 5, strategy: 'fixed', initialDelayMs: 10_000, jitter: 'none' },
    });

  it('ends the retry wait when ownership is lost: the record is neither handled again nor dead-lettered', async () => {
    let calls = 0;
    const { process, events, sent } = processor(() => {
      calls += 1;
      throw new Error('database unavailable');
    });
    const ownership = new AbortController();
    const done = process(record, ownership.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events.filter((event) => event.type === 'retrying')).toHaveLength(1);
    ownership.abort(rebalancing);
    await expect(done).rejects.toBeInstanceOf(ProcessingAbortedError);
    expect(calls).toBe(1);
    expect(sent).toEqual([]);
    expect(events.some((event) => event.type === 'dead-lettered')).toBe(false);
  });

  it('does not retry at all once ownership was lost before the first failure', async () => {
    let calls = 0;
    const { process } = processor(() => {
      calls += 1;
      throw new Error('database unavailable');
    });
    const ownership = new AbortController();
    ownership.abort(rebalancing);
    await expect(process(record, ownership.signal)).rejects.toBeInstanceOf(ProcessingAbortedError);
    expect(calls).toBe(1); // the call in progress when the rebalance came; no second one
  });
});
