// `evc dlq` refuses, before touching a broker, what would read or replay the wrong records: a
// topic that is not a dead-letter topic, a replay into the topic it reads, and a replay that
// cannot re-validate what it sends. Exit 2 with what to pass instead.
import { describe, expect, it } from 'vitest';
import {
  runDlqInspect,
  runDlqReplay,
  type DlqCommandOptions,
  type DlqContracts,
} from '../../../generator/cli/commands/dlq.js';

/** Nothing listens there: a refusal must come before any connection attempt (which would fail with another message). */
const brokers = '127.0.0.1:1';

function capture() {
  let stderr = '';
  let stdout = '';
  return {
    io: { cwd: process.cwd(), stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) },
    get stderr() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
  };
}

const contracts = (deadLetterTopics: string[]): DlqCommandOptions => ({
  loadContracts: async (): Promise<DlqContracts> => ({
    validators: new Map(),
    deadLetterTopics: new Set(deadLetterTopics),
  }),
});

describe('evc dlq refusals', () => {
  it('inspect refuses a topic that is not a dead-letter topic, naming what to pass', async () => {
    const out = capture();
    expect(await runDlqInspect('routing.events', { brokers, format: 'text' }, out.io)).toBe(2);
    expect(out.stderr).toBe(
      'evc dlq inspect: "routing.events" does not look like a dead-letter topic: its name does not end in ' +
        '-dlt, .dlt, _dlt, -dlq, .dlq, _dlq (any case); pass the dead-letter topic, or --contracts <dir> if the ' +
        'contracts declare it (x-dead-letter), or --assume-dlt if it is one all the same (e.g. a Kafka Connect ' +
        'dead-letter queue)\n',
    );
  });

  it('replay refuses a topic that is not a dead-letter topic, even with contracts', async () => {
    const out = capture();
    const flags = { brokers, format: 'text' as const, contracts: 'contracts' };
    expect(await runDlqReplay('routing.events', flags, out.io, contracts(['routing.events-dlt']))).toBe(2);
    expect(out.stderr).toContain('no receiver in the contracts sends its dead letters there');
    expect(out.stderr).toContain('--assume-dlt');
    expect(out.stderr).not.toContain('--contracts <dir> if');
  });

  it('replay refuses to run without --contracts unless told --unvalidated', async () => {
    const out = capture();
    expect(await runDlqReplay('routing.events-dlt', { brokers, format: 'text' }, out.io)).toBe(2);
    expect(out.stderr).toBe(
      'evc dlq replay: pass --contracts <dir> so records are re-validated before they go back (records still ' +
        'invalid stay in the dead-letter topic), or --unvalidated to replay them unchecked\n',
    );
    const dry = capture();
    expect(await runDlqReplay('routing.events-dlt', { brokers, format: 'text', dryRun: true }, dry.io)).toBe(2);
  });

  it('replay refuses --to the topic it reads', async () => {
    const out = capture();
    const flags = { brokers, format: 'text' as const, unvalidated: true, to: 'routing.events-dlt' };
    expect(await runDlqReplay('routing.events-dlt', flags, out.io)).toBe(2);
    expect(out.stderr).toContain('--to routing.events-dlt is the topic being replayed');
  });

  it('gets past the refusals for a declared or vouched-for topic (and reads the connection settings next)', async () => {
    for (const [flags, options] of [
      [{ contracts: 'contracts' }, contracts(['connect-errors'])],
      [{ assumeDlt: true }, {}],
    ] as const) {
      const out = capture();
      const code = await runDlqInspect('connect-errors', { format: 'text', ...flags }, out.io, {
        ...options,
        env: { KAFKA_BROKERS: 'no-port' },
      });
      expect(code).toBe(2);
      expect(out.stderr).toMatch(/^evc dlq inspect: KAFKA_BROKERS: /);
    }
  });
});
