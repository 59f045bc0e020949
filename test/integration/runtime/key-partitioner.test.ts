// A key sent by the runtime lands on the partition Java's producer picks for it, on either transport: the runtime's
// records are written to a real broker and compared with Kafka's own Java partitioner
// (`BuiltInPartitioner.partitionForKey` from the kafka-clients jar the test broker runs on).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureKafkaJars } from '../../../scripts/kafka/broker.js';
import { createKafkaTransport, silentLogger } from '../../../runtime/index.js';
import { createTopics, deleteTopics, kafkaBrokers, uniqueTopic, withAdmin } from '../kafka.js';

const PARTITIONS = 6;
const KEYS = ['TRK-0042', 'TRK-0043', 'order-1', 'order-2', 'foobar', '21', 'ünïcödé-ключ', 'a'.repeat(300), ''];

const JAVA_SOURCE = `
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

public class JavaKeyPartition {
  public static void main(String[] args) {
    int partitions = Integer.parseInt(args[0]);
    for (int i = 1; i < args.length; i++) {
      byte[] key = java.util.Base64.getDecoder().decode(args[i]);
      System.out.println(BuiltInPartitioner.partitionForKey(key, partitions));
    }
  }
}
`;

async function javaPartitions(keys: readonly string[], partitions: number): Promise<number[]> {
  const { libsDir } = await ensureKafkaJars();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-java-partitioner-'));
  try {
    const source = path.join(dir, 'JavaKeyPartition.java');
    writeFileSync(source, JAVA_SOURCE);
    const encoded = keys.map((key) => Buffer.from(key, 'utf8').toString('base64'));
    const out = execFileSync('java', ['-cp', `${libsDir}/*`, source, String(partitions), ...encoded], {
      encoding: 'utf8',
    });
    return out.trim().split('\n').map(Number);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const topic = uniqueTopic('key-partitioner');
afterAll(() => deleteTopics([topic]));

describe('runtime producer vs Java producer', () => {
  it('writes each key to the partition Java’s default partitioner chooses', async () => {
    await createTopics([topic], PARTITIONS);
    // The transport under test (EVC_TRANSPORT): kafkajs' and @platformatic/kafka's producers must agree with Java.
    const transport = createKafkaTransport({ brokers: kafkaBrokers(), logger: silentLogger }).producer();
    const landed: number[] = [];
    try {
      await withAdmin(async (admin) => {
        let before = await admin.fetchTopicOffsets(topic);
        for (const key of KEYS) {
          await transport.send(topic, [{ key: Buffer.from(key, 'utf8'), value: Buffer.from('{}'), headers: {} }]);
          const after = await admin.fetchTopicOffsets(topic);
          const grown = after.filter((p) => p.high !== before.find((b) => b.partition === p.partition)?.high);
          expect(grown, `key ${JSON.stringify(key)}`).toHaveLength(1);
          landed.push(grown[0]!.partition);
          before = after;
        }
      });
    } finally {
      await transport.disconnect();
    }
    expect(landed).toEqual(await javaPartitions(KEYS, PARTITIONS));
    expect(new Set(landed).size).toBeGreaterThan(2); // the keys spread: the comparison says something
  });
});
