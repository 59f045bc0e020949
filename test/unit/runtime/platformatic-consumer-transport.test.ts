// The platformatic consumer transport against a scripted stand-in for @platformatic/kafka's consumer and its
// message stream (the real client and broker are exercised in test/integration/runtime): when records are worked
// on relative to the stream's next fetch, and what is committed. The stand-in hands a fetch response over the way
// the client does: every record of it in one go, then the next fetch asked for on the next tick.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { PartitionPauses } from '../../../runtime/consumer/partition-pauses.js';
import { ReceiverObserver } from '../../../runtime/consumer/receiver-observer.js';
import { ReceiverMetrics } from '../../../runtime/consumer/receiver-metrics.js';
import { silentLogger, type ConsumedRecord } from '../../../runtime/index.js';

class ScriptedStream extends EventEmitter {
  readonly offsetsToFetch = new Map<string, bigint>();
  private paused = false;
  /** What happened, in order: `fetch` when the stream asks for its next fetch. */
  constructor(private readonly log: string[]) {
    super();
  }
  /** One fetch response: its records one after the other, then (next tick) the next fetch, as the client does. */
  deliver(topic: string, partition: number, offsets: readonly number[]): void {
    for (const offset of offsets)
      this.emit('data', {
        topic,
        partition,
        offset: BigInt(offset),
        timestamp: 0n,
        key: null,
        value: Buffer.from('{}'),
        headers: new Map([[Buffer.from('h'), Buffer.from('v')]]),
      });
    process.nextTick(() => {
      if (!this.paused) this.log.push('fetch');
    });
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  isPaused() {
    return this.paused;
  }
  async close() {}
}

class ScriptedConsumer extends EventEmitter {
  readonly commits: { topic: string; partition: number; offset: bigint }[][] = [];
  stream: ScriptedStream;
  assignments = [{ topic: 't', partitions: [0, 1] }];
  constructor(log: string[]) {
    super();
    this.stream = new ScriptedStream(log);
  }
  async consume() {
    return this.stream;
  }
  async commit({ offsets }: { offsets: { topic: string; partition: number; offset: bigint }[] }) {
    this.commits.push(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
  }
  close(_force: boolean, callback: () => void) {
    callback();
  }
}

const log: string[] = [];
let consumer: ScriptedConsumer | undefined;
vi.mock('../../../runtime/transports/platformatic/client-module.js', () => ({
  loadPlatformaticKafka: async () => ({
    Consumer: class {
      constructor() {
        consumer = new ScriptedConsumer(log);
        return consumer;
      }
    },
  }),
}));
const { PlatformaticConsumerTransport } = await import('../../../runtime/transports/platformatic/consumer.js');

async function started(onRecord: (record: ConsumedRecord) => void | Promise<void>) {
  log.length = 0;
  const observer = new ReceiverObserver({}, new ReceiverMetrics(), silentLogger);
  const transport = new PlatformaticConsumerTransport(
    { clientId: 'c', bootstrapBrokers: ['127.0.0.1:1'] },
    {
      groupId: 'g',
      fromBeginning: true,
      observer,
      pauses: new PartitionPauses(observer, { initialDelayMs: 10 }),
      partitionsConsumedConcurrently: 2,
      joinTimeoutMs: 1_000,
    },
  );
  await transport.run(['t'], (record) => onRecord(record));
  return { transport, scripted: consumer! };
}

const turnEnds = () => new Promise((resolve) => setImmediate(resolve));

describe('the platformatic consumer transport', () => {
  it('asks for the next fetch before it works on the records of this one, partition by partition in order', async () => {
    const { transport, scripted } = await started((record) => void log.push(`${record.partition}@${record.offset}`));
    scripted.stream.deliver('t', 0, [5, 6]);
    scripted.stream.deliver('t', 1, [9]);
    expect(log).toEqual([]); // nothing is worked on inside the stream's callback
    await turnEnds();
    expect(log).toEqual(['fetch', 'fetch', '0@5', '0@6', '1@9']);
    await turnEnds();
    // Each lane ran dry: one commit for both, naming the offset after each partition's last record.
    expect(scripted.commits).toEqual([
      [
        { topic: 't', partition: 0, offset: 7n },
        { topic: 't', partition: 1, offset: 10n },
      ],
    ]);
    await transport.stop();
  });

  it('works on nothing that was fetched when it is stopped before the turn ends, and commits nothing of it', async () => {
    const { transport, scripted } = await started((record) => void log.push(`${record.partition}@${record.offset}`));
    scripted.stream.deliver('t', 0, [1, 2, 3]);
    await transport.stop();
    await turnEnds();
    expect(log.filter((entry) => entry !== 'fetch')).toEqual([]);
    expect(scripted.commits).toEqual([]);
  });

  it('lets a record that waits hold its own partition only', async () => {
    let release!: () => void;
    const { transport, scripted } = await started((record) => {
      log.push(`${record.partition}@${record.offset}`);
      if (record.partition === 0 && record.offset === '1') return new Promise<void>((resolve) => (release = resolve));
    });
    scripted.stream.deliver('t', 0, [1, 2]);
    scripted.stream.deliver('t', 1, [7]);
    const handled = () => log.filter((entry) => entry !== 'fetch');
    await turnEnds();
    expect(handled()).toEqual(['0@1', '1@7']);
    release();
    await turnEnds();
    expect(handled()).toEqual(['0@1', '1@7', '0@2']);
    await transport.stop();
    expect(scripted.commits.flat()).toEqual(
      expect.arrayContaining([
        { topic: 't', partition: 0, offset: 3n },
        { topic: 't', partition: 1, offset: 8n },
      ]),
    );
  });
});
