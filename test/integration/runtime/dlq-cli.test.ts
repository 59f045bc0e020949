// `evc dlq inspect|replay` as a command: flags in, text/JSON out, exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerDlqCommand, type DlqCommandOptions } from '../../../generator/cli/commands/dlq.js';
import { route } from '../../../runtime/index.js';
import { createTopics, kafkaBrokers, uniqueTopic } from '../kafka.js';
import {
  CORRELATION_ID,
  rawProducer,
  recordCount,
  routeCalculated,
  testKafka,
  testReceiver,
  validRoute,
  waitUntil,
} from './harness.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

async function evc(
  args: string[],
  options: DlqCommandOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code = -1;
  const program = new Command('evc').exitOverride();
  registerDlqCommand(
    program,
    { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: process.cwd() },
    (exit) => void (code = exit),
    options,
  );
  await program.parseAsync(args, { from: 'user' });
  return { code, stdout, stderr };
}

describe('evc dlq', () => {
  it('inspects and replays a dead-letter topic', async () => {
    const topic = uniqueTopic('cli');
    const dlt = `${topic}-dlt`;
    await createTopics([topic, dlt], 1);
    const descriptor = routeCalculated(topic);
    const receiver = testReceiver({ groupId: uniqueTopic('g') });
    cleanup.push(() => receiver.stop());
    await receiver.start([route(descriptor, () => {})]);
    const raw = await rawProducer();
    cleanup.push(() => raw.disconnect());
    await raw.send({
      topic,
      messages: [
        {
          key: 'TRK-0001',
          value: JSON.stringify(validRoute({ eta: 'soon\u001b[31m' })),
          headers: { correlationId: CORRELATION_ID },
        },
        { key: 'TRK-0002', value: 'oops' },
      ],
    });
    await waitUntil(
      () => receiver.metrics().deadLettered === 2,
      () => JSON.stringify(receiver.metrics()),
    );
    const brokers = kafkaBrokers().join(',');

    const text = await evc(['dlq', 'inspect', dlt, '--brokers', brokers]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${dlt}: 2 dead letter(s) matched of 2 read`);
    expect(text.stdout).toContain('validate  RouteCalculated  from');
    expect(text.stdout).toContain('payload /eta [format] must match format "date-time"');
    expect(text.stdout).not.toContain('\u001b');

    const json = await evc(['dlq', 'inspect', dlt, '--brokers', brokers, '--format', 'json', '--stage', 'decode']);
    const parsed = JSON.parse(json.stdout) as { entries: { value: string; deadLetter: { stage: string } }[] };
    expect(parsed.entries).toEqual([
      expect.objectContaining({ value: 'oops', deadLetter: expect.objectContaining({ stage: 'decode' }) }),
    ]);

    const dry = await evc([
      ...['dlq', 'replay', dlt, '--brokers', brokers, '--unvalidated', '--dry-run', '--filter', 'stage=validate'],
    ]);
    expect(dry.stdout).toContain('1 would be replayed (dry run)');
    expect(dry.stdout).toContain('1 filtered out');
    expect(dry.code).toBe(0);

    const loadContracts = async () => ({
      validators: new Map([[descriptor.name, descriptor]]),
      deadLetterTopics: new Set<string>(),
    });
    const checked = await evc(['dlq', 'replay', dlt, '--brokers', brokers, '--contracts', 'contracts'], {
      loadContracts,
    });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('0 replayed, 2 still invalid');

    expect((await evc(['dlq', 'replay', dlt, '--brokers', brokers, '--contracts', 'contracts'])).code).toBe(2);
    expect((await evc(['dlq', 'replay', dlt, '--unvalidated', '--filter', 'colour=red'])).stderr).toContain(
      'unknown filter field "colour"',
    );
    expect((await evc(['dlq', 'inspect', dlt, '--brokers', brokers, '--since', 'last week'])).code).toBe(2);
    const missing = await evc(['dlq', 'inspect', `${topic}-missing-dlt`, '--brokers', brokers]);
    expect([missing.code, missing.stderr]).toEqual([2, `evc dlq inspect: topic ${topic}-missing-dlt does not exist\n`]);
  });

  it('refuses a topic that is not a dead-letter topic and never replays a record into the topic it reads', async () => {
    const topic = uniqueTopic('cli-loop');
    const dlt = `${topic}-dlt`;
    await createTopics([topic, dlt], 1);
    const raw = await rawProducer();
    cleanup.push(() => raw.disconnect());
    await raw.send({ topic, messages: [{ key: 'TRK-0001', value: '{}' }] });
    // A dead letter whose headers name the dead-letter topic itself as its origin.
    await raw.send({
      topic: dlt,
      messages: [{ key: 'TRK-0002', value: '{}', headers: { evc_dlt_original_topic: dlt } }],
    });
    const brokers = kafkaBrokers().join(',');
    const kafka = testKafka();

    const ordinary = await evc(['dlq', 'inspect', topic, '--brokers', brokers]);
    expect(ordinary.code).toBe(2);
    expect(ordinary.stderr).toContain('does not look like a dead-letter topic');
    const vouched = await evc(['dlq', 'inspect', topic, '--brokers', brokers, '--assume-dlt']);
    expect([vouched.code, vouched.stdout.split('\n')[0]]).toEqual([
      0,
      `${topic}: 1 dead letter(s) matched of 1 read (partitions 0:0..1)`,
    ]);

    const replay = await evc(['dlq', 'replay', dlt, '--brokers', brokers, '--unvalidated']);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('0 replayed');
    expect(replay.stdout).toContain(`loop-refused → ${dlt}`);
    expect(await recordCount(kafka, dlt)).toBe(1);
    expect(await recordCount(kafka, topic)).toBe(1);
  });
});
