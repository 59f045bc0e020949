// `evc topics --create` on the real broker: creates the event and dead-letter topics the contracts
// declare with their partitions and configs, is a no-op the second time, and reports (without
// changing) an existing topic whose partition count differs from the contract.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../generator/cli/main.js';
import { fixtureFiles } from '../../unit/compat/registry-fixture.js';
import { createTopics, kafkaBrokers, uniqueTopic, withAdmin } from '../kafka.js';

/** The compat fixture registry with its topic renamed (so runs do not share topics) and a Kafka binding on it. */
function contractsFor(topic: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-topics-'));
  for (const [file, text] of Object.entries(fixtureFiles())) {
    let content = text.replaceAll('routing.events', topic);
    if (file === 'routing.yaml')
      content = content.replace(
        `    address: ${topic}\n`,
        `    address: ${topic}\n    bindings:\n      kafka:\n        partitions: 2\n        topicConfiguration:\n          retention.ms: 86400000\n`,
      );
    mkdirSync(path.dirname(path.join(dir, 'contracts', file)), { recursive: true });
    writeFileSync(path.join(dir, 'contracts', file), content);
  }
  return dir;
}

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('evc topics --create', () => {
  it('creates what the contracts declare, then finds everything in place', async () => {
    const topic = uniqueTopic('topics');
    const cwd = contractsFor(topic);
    const brokers = kafkaBrokers().join(',');
    const first = await evc(['topics', '--create', '--brokers', brokers, '--format', 'json'], cwd);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ created: [topic, `${topic}-dlt`], existing: [] });
    const { partitions, retention } = await withAdmin(async (admin) => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic, `${topic}-dlt`] });
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: topic, configNames: ['retention.ms'] }],
      });
      return {
        partitions: metadata.topics.map((t) => [t.name, t.partitions.length]),
        retention: configs.resources[0]!.configEntries[0]!.configValue,
      };
    });
    expect(partitions.sort()).toEqual(
      [
        [topic, 2],
        [`${topic}-dlt`, 2],
      ].sort(),
    );
    expect(retention).toBe('86400000');

    const again = await evc(['topics', '--create', '--brokers', brokers], cwd);
    expect(again.code).toBe(0);
    expect(again.out).toContain('evc topics: created 0, already there 2');
  });

  it('reports an existing topic with other partitions than declared and leaves it alone (exit 1)', async () => {
    const topic = uniqueTopic('topics');
    await createTopics([topic], 1);
    const result = await evc(
      ['topics', '--create', '--brokers', kafkaBrokers().join(','), '--format', 'json'],
      contractsFor(topic),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      created: [`${topic}-dlt`],
      existing: [{ topic, partitions: 1, declaredPartitions: 2 }],
    });
  });

  it('exits 2 when the broker cannot be reached', async () => {
    const result = await evc(['topics', '--create', '--brokers', '127.0.0.1:1'], contractsFor(uniqueTopic('topics')));
    expect(result.code).toBe(2);
    expect(result.err).toContain('evc topics: could not create topics:');
  }, 60_000);
});
