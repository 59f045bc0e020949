// The kafkajs-specific part of the receiver against a scripted stand-in for kafkajs' consumer
// (the real broker is exercised in test/integration/runtime): which offsets get resolved, when a
// partition is paused and resumed, and how a crash kafkajs does not recover from is handled.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import { KafkaConsumerTransport } from '../../../runtime/transports/kafkajs/consumer-transport.js';
import { PartitionPauses } from '../../../runtime/consumer/partition-pauses.js';
import type { ReceiverEvent } from '../../../runtime/consumer/receiver-events.js';
import { ReceiverObserver } from '../../../runtime/consumer/receiver-observer.js';
import { ReceiverMetrics } from '../../../runtime/consumer/receiver-metrics.js';
import { silentLogger, type ConsumedRecord } from '../../../runtime/index.js';

const EVENTS = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };

class ScriptedConsumer extends EventEmitter {
  readonly events = EVENTS;
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  runOptions: Record<string, unknown> = {};
  disconnected = false;
  async connect() {}
  async subscribe() {}
  async run(options: Record<string, unknown> & { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.runOptions = options;
    this.eachBatch = options.eachBatch;
    setImmediate(() => this.emit(EVENTS.GROUP_JOIN, { payload: {} }));
  }
  async disconnect() {
    this.disconnected = true;
  }
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
    partitionsConsumedConcurrently: 1,
    joinTimeoutMs: 1_000,
    restartDelayMs: 10,
  });
  return { transport, consumers, events };
}

function batch(offsets: string[]) {
  const resolved: string[] = [];
  const log: string[] = [];
  let paused = false;
  const payload = {
    batch: {
      topic: 't',
      partition: 2,
      messages: offsets.map((offset) => ({
        offset,
        timestamp: '0',
        key: null,
        value: Buffer.from('{}'),
        headers: { a: Buffer.from('1') },
      })),
    },
    resolveOffset: (offset: string) => void resolved.push(offset),
    heartbeat: async () => void log.push('heartbeat'),
    commitOffsetsIfNecessary: async () => void log.push('commit'),
    isRunning: () => true,
    isStale: () => false,
    pause: () => {
      paused = true;
      return () => {
        paused = false;
        log.push('resumed');
      };
    },
  } as unknown as EachBatchPayload;
  return { payload, resolved, log, isPaused: () => paused };
}

describe('KafkaConsumerTransport', () => {
  it('resolves offsets only of finished records and pauses the partition at the first unfinished one', async () => {
    const { transport, consumers, events } = setup();
    const seen: ConsumedRecord[] = [];
    await transport.run(['t'], async (record) => {
      seen.push(record);
      if (record.offset === '11') throw new Error('dead-letter topic unavailable');
    });
    const consumer = consumers[0]!;
    expect(consumer.runOptions).toMatchObject({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
    });
    const { payload, resolved, log, isPaused } = batch(['10', '11', '12']);
    await consumer.eachBatch!(payload);
    expect(seen.map((record) => record.offset)).toEqual(['10', '11']);
    expect(seen[0]!.headers['a']).toEqual(Buffer.from('1'));
    expect(resolved).toEqual(['10']);
    expect(isPaused()).toBe(true);
    expect(events.find((event) => event.type === 'partition-paused')).toMatchObject({
      topic: 't',
      partition: 2,
      offset: '11',
      reason: 'dead-letter topic unavailable',
    });
    expect(log).not.toContain('commit'); // kafkajs commits resolved offsets after the batch
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isPaused()).toBe(false);
    expect(events.some((event) => event.type === 'partition-resumed')).toBe(true);
    await transport.stop();
    expect(consumer.disconnected).toBe(true);
  });

  it('keeps the last value of a repeated header and protects __proto__', async () => {
    const { transport, consumers } = setup();
    const seen: ConsumedRecord[] = [];
    await transport.run(['t'], async (record) => void seen.push(record));
    const { payload } = batch(['1']);
    const headers: Record<string, unknown> = { ce_type: [Buffer.from('A'), Buffer.from('B')] };
    Object.defineProperty(headers, '__proto__', { value: Buffer.from('x'), enumerable: true });
    (payload.batch.messages[0] as { headers: unknown }).headers = headers;
    await consumers[0]!.eachBatch!(payload);
    expect(seen[0]!.headers['ce_type']?.toString()).toBe('B');
    expect(Object.hasOwn(seen[0]!.headers, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(seen[0]!.headers)).toBe(Object.prototype);
    await transport.stop();
  });

  it('does not pause, and stops at once, when the record was interrupted by shutdown', async () => {
    const { transport, consumers, events } = setup();
    let release!: () => void;
    const handling = new Promise<void>((resolve) => (release = resolve));
    await transport.run(['t'], async (record) => {
      if (record.offset === '1') {
        await handling;
        throw new Error('interrupted');
      }
    });
    const { payload, resolved, isPaused } = batch(['0', '1', '2']);
    const running = consumers[0]!.eachBatch!(payload);
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = transport.stop();
    release();
    await running;
    await stopping;
    expect(resolved).toEqual(['0']);
    expect(isPaused()).toBe(false);
    expect(events.some((event) => event.type === 'partition-paused')).toBe(false);
  });

  it('re-creates a consumer that kafkajs will not restart', async () => {
    const { transport, consumers, events } = setup();
    await transport.run(['t'], async () => {});
    consumers[0]!.emit(EVENTS.CRASH, { payload: { error: new TypeError('boom'), groupId: 'g', restart: false } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(consumers).toHaveLength(2);
    expect(consumers[0]!.disconnected).toBe(true);
    expect(consumers[1]!.eachBatch).toBeDefined();
    expect(events.find((event) => event.type === 'crashed')).toMatchObject({ restarting: true });
    await transport.stop();
    expect(consumers[1]!.disconnected).toBe(true);
  });

  it('leaves restarts to kafkajs when it restarts by itself', async () => {
    const { transport, consumers } = setup();
    await transport.run(['t'], async () => {});
    consumers[0]!.emit(EVENTS.CRASH, {
      payload: { error: new Error('coordinator gone'), groupId: 'g', restart: true },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(consumers).toHaveLength(1);
    await transport.stop();
  });
});
