// The runtime names its partitioner: kafkajs then prints no "switched default partitioner" warning,
// and a key lands on the partition Java's producer would pick (murmur2 of the key bytes).
// test/integration/runtime/key-partitioner.test.ts checks the same against Java itself on a broker.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_PARTITIONER } from '../../../runtime/transports/kafkajs/producer-transport.js';
import { encodeKey } from '../../../runtime/producer/key-encoding.js';

const repo = path.resolve(import.meta.dirname, '../../..');

/** Runs `code` in a fresh Node process (kafkajs warns once per process) without KAFKAJS_NO_PARTITIONER_WARNING. */
function printedBy(code: string): string {
  const env = { ...process.env };
  delete env.KAFKAJS_NO_PARTITIONER_WARNING;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout + run.stderr;
}

/** Java's `Utils.murmur2` of these keys' UTF-8 bytes, from Kafka's own `UtilsTest.testMurmur2`. */
const JAVA_MURMUR2: readonly (readonly [string, number])[] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

/** Java's `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(key)) % numPartitions`. */
const javaPartition = (hash: number, partitions: number) => (hash & 0x7fffffff) % partitions;

describe('the runtime producer’s partitioner', () => {
  it('prints no kafkajs partitioner warning when senders, receivers and replay create their producers', () => {
    const printed = printedBy(
      [
        "import { createKafkaEventSender, createEventReceiver } from './runtime/index.ts';",
        "const brokers = ['127.0.0.1:1'];",
        "createKafkaEventSender({ brokers, source: 'test' });",
        "createEventReceiver({ brokers, groupId: 'g' });",
      ].join('\n'),
    );
    expect(printed).toBe('');
  });

  it('is what kafkajs warns about for a producer without one (so the test above can fail)', () => {
    const printed = printedBy("import { Kafka } from 'kafkajs'; new Kafka({ brokers: ['127.0.0.1:1'] }).producer();");
    expect(printed).toContain('KafkaJS v2.0.0 switched default partitioner');
  });

  it.each(JAVA_MURMUR2)('puts key %j where Java’s producer does', (key, hash) => {
    const partitioner = KEY_PARTITIONER();
    for (const partitions of [1, 3, 6, 12, 50]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 1,
        replicas: [1],
        isr: [1],
        offlineReplicas: [],
        partitionErrorCode: 0,
      }));
      const chosen = partitioner({
        topic: 't',
        partitionMetadata,
        message: { key: encodeKey('string', key), value: null },
      });
      expect(chosen, `${partitions} partitions`).toBe(javaPartition(hash, partitions));
    }
  });
});
