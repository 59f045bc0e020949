// kafkajs 2.2.4's consumer can spin forever when it is stopped while its fetch manager restarts its fetchers after
// the set of brokers changed (runtime/kafka/kafkajs-stop-race.ts): a CI run hung there for an hour after a 3-node
// cluster test. The scenarios run kafkajs' real Runner and fetch manager in a child process (a spinning process
// starves its own timers, so only a process outside can stop it): the stock Runner must still hang on the scenario
// the CI run found (else this test no longer reproduces the bug), and with the fix stop() must return in that one
// and in a few hundred random ones (broker sets changing at random moments, random poll lengths, stop at a random
// moment), with no fetch after it returned.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  fetchUnlessStopped,
  fixKafkajsStopRace,
  KafkajsRunnerStopped,
  type StoppableRunner,
} from '../../../runtime/kafka/kafkajs-stop-race.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCENARIOS = join(import.meta.dirname, 'kafkajs-stop-race-scenarios.ts');

interface Outcome {
  readonly lines: { scenario: number; stopMs: number; fetchesAfterStop: number }[];
  readonly killed: boolean;
  readonly stderr: string;
}

function scenarios(args: readonly string[], timeoutMs: number, env: Record<string, string> = {}): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', TSX, SCENARIOS, ...args],
      { cwd: ROOT, timeout: timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        done({
          lines: stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Outcome['lines'][number]),
          killed: error?.killed === true,
          stderr,
        }),
    );
  });
}

describe('stopping a kafkajs consumer while its broker set changes', () => {
  it('hangs with kafkajs 2.2.4 as it is, on the scenario a CI run hung on', async () => {
    const stock = await scenarios(['stock'], 4_000, { ONLY: '0' });
    expect(stock.lines).toEqual([]);
    expect(stock.killed).toBe(true);
  }, 20_000);

  it('returns with the fix, in that scenario and in random ones, and no fetch follows', async () => {
    const seed = Date.now() % 1_000_000;
    const count = 300;
    const fixed = await scenarios(['fixed', String(count), String(seed)], 20_000);
    expect(fixed.killed, `seed ${seed}: ${fixed.stderr}`).toBe(false);
    expect(fixed.lines, `seed ${seed}`).toHaveLength(count + 1);
    for (const line of fixed.lines) expect(line, `seed ${seed}`).toMatchObject({ fetchesAfterStop: 0 });
    expect(fixed.stderr, `seed ${seed}`).not.toContain('crash');
  }, 40_000);

  it('fetches as kafkajs does while the runner runs, and ends the asking fetcher once it stopped', async () => {
    const asked: number[] = [];
    const fetch = fetchUnlessStopped(async function (this: StoppableRunner, nodeId: number) {
      asked.push(nodeId);
      return [nodeId];
    });
    await expect(fetch.call({ running: true }, 3)).resolves.toEqual([3]);
    await expect(fetch.call({ running: false }, 4)).rejects.toBeInstanceOf(KafkajsRunnerStopped);
    expect(asked).toEqual([3]);
  });

  it('is installed into kafkajs 2.2.4', () => {
    expect(fixKafkajsStopRace()).toBe(true);
  });
});
