// The shared "open the contracts" step: every command that reads contracts goes through it, so a
// limit such as --max-file-size applies to all of them — shown here command by command.
import { describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../../generator/cli/main.js';
import { runWatch } from '../../../generator/cli/commands/watch.js';
import { InputError, openContracts, parseFileSize } from '../../../generator/pipeline/open-contracts.js';

const repo = path.resolve(import.meta.dirname, '../../..');

/** A copy of the bundled contracts: invoicing/asyncapi.yaml (4.8 KB) is the largest document. */
function copyOfContracts(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-pipeline-'));
  cpSync(path.join(repo, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  cpSync(path.join(repo, 'contracts'), path.join(dir, 'baseline'), { recursive: true });
  return dir;
}

async function evc(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

const LIMIT = '4000';

// Each command, and the exit code it gives when a contract file is over the limit: lint and generate
// report findings (1); commands that need valid contracts to do their job cannot (2).
const commands: { readonly name: string; readonly args: string[]; readonly tooLarge: number }[] = [
  { name: 'lint', args: ['lint'], tooLarge: 1 },
  { name: 'generate', args: ['generate', '--out', 'out'], tooLarge: 1 },
  { name: 'generate --check', args: ['generate', '--check', '--out', 'out'], tooLarge: 1 },
  { name: 'check', args: ['check', '--against', 'baseline'], tooLarge: 2 },
  { name: 'release', args: ['release', '--dry-run'], tooLarge: 2 },
  { name: 'registry', args: ['registry'], tooLarge: 2 },
  { name: 'topics', args: ['topics'], tooLarge: 2 },
];

describe('--max-file-size reaches every command through the pipeline', () => {
  for (const command of commands) {
    it(`evc ${command.name}`, async () => {
      const dir = copyOfContracts();
      if (command.name === 'generate --check') await evc(['generate', '--out', 'out'], dir);
      const within = await evc(command.args, dir);
      expect(within.err).not.toContain('file-too-large');
      expect(within.code).toBe(0);

      const over = await evc([...command.args, '--max-file-size', LIMIT], dir);
      expect(over.code).toBe(command.tooLarge);
      expect(over.out + over.err).toMatch(
        /invoicing\/asyncapi\.yaml:1:1: error: .*over the .* limit.*\[file-too-large\]/,
      );
    });
  }

  it('evc check applies it to the baseline too', async () => {
    const dir = copyOfContracts();
    // The proposed side is within the limit; the baseline's invoicing document grows over it.
    appendFileSync(path.join(dir, 'baseline/invoicing/asyncapi.yaml'), `# ${'padding '.repeat(200)}\n`);
    const over = await evc(['check', '--against', 'baseline', '--max-file-size', '6000'], dir);
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/baseline\/invoicing\/asyncapi\.yaml:1:1: error: .*\[file-too-large\]/);
  });

  it('evc watch', async () => {
    const dir = copyOfContracts();
    let out = '';
    const io = { cwd: dir, stdout: (t: string) => void (out += t), stderr: () => undefined };
    const stopped = AbortSignal.abort();
    await runWatch({ contracts: 'contracts', out: 'out', maxFileSize: Number(LIMIT), signal: stopped }, io);
    expect(out).toMatch(/invoicing\/asyncapi\.yaml:1:1: error: .*\[file-too-large\]/);
  });

  it('evc dlq replay --contracts refuses before it connects to a broker', async () => {
    const dir = copyOfContracts();
    const over = await evc(
      [
        'dlq',
        'replay',
        'routing.events-dlt',
        '--brokers',
        '127.0.0.1:1',
        '--contracts',
        'contracts',
        '--max-file-size',
        LIMIT,
      ],
      dir,
    );
    expect(over.code).toBe(2);
    expect(over.err).toMatch(/the contracts \(contracts\) have \d+ errors?/);
  });

  it('refuses a size that is not a positive number of bytes, naming the flag', async () => {
    const dir = copyOfContracts();
    const bad = await evc(['lint', '--max-file-size', 'lots'], dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--max-file-size must be a positive number of bytes');
  });
});

describe('openContracts', () => {
  it('stops on errors with the diagnostics, or returns them when asked not to stop', async () => {
    const dir = copyOfContracts();
    const options = { contracts: 'contracts', cwd: dir, maxFileSize: 4000 };
    const failure = await openContracts(options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).reason).toBe('invalid');
    expect((failure as InputError).diagnostics.map((d) => d.rule)).toContain('file-too-large');

    const opened = await openContracts(options, { stopOnErrors: false });
    expect(opened.diagnostics.map((d) => d.rule)).toContain('file-too-large');
  });

  it('says what to pass when the contracts do not exist', async () => {
    const failure = await openContracts({ contracts: 'nowhere', cwd: os.tmpdir() }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as InputError).message).toContain('pass --contracts');
  });

  it('parses sizes with units and refuses the rest', () => {
    expect(parseFileSize('5242880')).toBe(5 * 1024 * 1024);
    expect(parseFileSize('5MiB')).toBe(5 * 1024 * 1024);
    expect(parseFileSize('64k')).toBe(64 * 1024);
    for (const bad of ['0', '-1', '1.5', 'lots', '']) expect(() => parseFileSize(bad)).toThrow(InputError);
  });
});
