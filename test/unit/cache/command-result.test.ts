// `evc lint` and `evc generate` reuse their last result from `.evc/` only when nothing that shapes
// it changed. Whatever the cache holds — filled, deleted, damaged — the output is byte-identical
// to a run without it, and `generate --check` still sees every change to the generated files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileTree, runEvc } from '../../support/cli-run.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project (package.json) holding a copy of the example contracts. */
function project(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-result-cache-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  cpSync(path.join(repo, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  return dir;
}

const evc = runEvc;
const tree = fileTree;

function cacheFiles(dir: string): string[] {
  return readdirSync(path.join(dir, '.evc'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** The same command in a fresh project copy with its own empty cache: what the answer must be. */
async function uncached(from: string, ...args: string[]) {
  const fresh = mkdtempSync(path.join(os.tmpdir(), 'evc-result-fresh-'));
  made.push(fresh);
  writeFileSync(path.join(fresh, 'package.json'), '{"private":true}\n');
  cpSync(path.join(from, 'contracts'), path.join(fresh, 'contracts'), { recursive: true });
  const result = await evc(fresh, ...args);
  return { ...result, dir: fresh };
}

const previous = process.env.EVC_CACHE_DIR;
delete process.env.EVC_CACHE_DIR;
afterAll(() => {
  if (previous !== undefined) process.env.EVC_CACHE_DIR = previous;
});

describe('the command result cache in .evc/', () => {
  it('generates the same bytes with a cold cache, a warm cache and after .evc/ is deleted', async () => {
    const dir = project();
    const cold = await evc(dir, 'generate');
    expect(cold.code).toBe(0);
    expect(statSync(path.join(dir, '.evc', 'results')).isDirectory()).toBe(true);
    const first = tree(path.join(dir, 'generated'));

    const warm = await evc(dir, 'generate');
    expect(warm).toEqual({ code: 0, out: '', err: expect.stringMatching(/; 0 written, 0 removed\n$/) });
    expect(tree(path.join(dir, 'generated'))).toEqual(first);
    expect(await evc(dir, 'generate', '--check')).toMatchObject({ code: 0, out: expect.stringMatching(/up to date/) });

    rmSync(path.join(dir, 'generated'), { recursive: true });
    expect((await evc(dir, 'generate')).code).toBe(0);
    expect(tree(path.join(dir, 'generated'))).toEqual(first);

    rmSync(path.join(dir, '.evc'), { recursive: true });
    expect((await evc(dir, 'generate', '--out', 'again')).code).toBe(0);
    expect(tree(path.join(dir, 'again'))).toEqual(first);
    expect(tree(path.join(dir, 'again'))).toEqual(tree(path.join((await uncached(dir, 'generate')).dir, 'generated')));
  });

  it('sees an edited contract, and the result equals a run without cache', async () => {
    const dir = project();
    await evc(dir, 'generate');
    await evc(dir, 'lint');
    const file = path.join(dir, 'contracts', 'schemas', 'money.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/description:/);
    writeFileSync(file, text.replace(/description: .*/, 'description: Edited since the last run'));

    const edited = await evc(dir, 'generate');
    expect(edited.out).toMatch(/^updated generated\//m);
    const reference = await uncached(dir, 'generate');
    expect(tree(path.join(dir, 'generated'))).toEqual(tree(path.join(reference.dir, 'generated')));

    // A broken reference in a shared schema: lint must report it, not replay the clean run.
    writeFileSync(file, `${text}\nbroken:\n  $ref: './nowhere.yaml'\n`);
    const lint = await evc(dir, 'lint');
    expect(lint.code).toBe(1);
    expect(lint).toEqual(await uncached(dir, 'lint').then(({ code, out, err }) => ({ code, out, err })));
    expect(await evc(dir, 'lint')).toEqual(lint);
  });

  it('ignores damaged entries: same output, same files', async () => {
    const dir = project();
    const lint = await evc(dir, 'lint', '--format', 'json');
    await evc(dir, 'generate');
    const first = tree(path.join(dir, 'generated'));
    for (const [i, file] of cacheFiles(dir).entries()) {
      const text = readFileSync(file, 'utf8');
      // Alternately cut short (a write interrupted) and changed inside (a damaged disk, a hand edit).
      const lastDigit = text.search(/[0-9][^0-9]*$/);
      const changed = `${text.slice(0, lastDigit)}${(Number(text[lastDigit]) + 1) % 10}${text.slice(lastDigit + 1)}`;
      writeFileSync(file, i % 2 === 0 ? text.slice(0, text.length >> 1) : changed);
    }
    rmSync(path.join(dir, 'generated', 'index.ts'));
    expect(await evc(dir, 'lint', '--format', 'json')).toEqual(lint);
    expect((await evc(dir, 'generate')).code).toBe(0);
    expect(tree(path.join(dir, 'generated'))).toEqual(first);
    expect(await evc(dir, 'generate', '--check')).toMatchObject({ code: 0 });
  });

  it('--check sees a generated file edited behind its back, even with its size and mtime restored', async () => {
    const dir = project();
    await evc(dir, 'generate');
    await new Promise((resolve) => setTimeout(resolve, 100)); // older than the racy window: trusted by stat
    await evc(dir, 'generate'); // records the tree again, now by stat alone
    const target = path.join(dir, 'generated', 'types.ts');
    const before = statSync(target, { bigint: true });
    const text = readFileSync(target, 'utf8');
    writeFileSync(target, text.replace('export', 'exporx'));
    // Back to the nanosecond (Node's utimes rounds to microseconds), as `touch -d` or a restore tool can.
    const ns = before.mtimeNs;
    execFileSync('touch', [
      '-m',
      '-d',
      `@${ns / 1_000_000_000n}.${String(ns % 1_000_000_000n).padStart(9, '0')}`,
      target,
    ]);
    expect(statSync(target, { bigint: true }).mtimeNs).toBe(ns);
    expect(statSync(target).size).toBe(Number(before.size));
    const check = await evc(dir, 'generate', '--check');
    expect(check.code).toBe(1);
    expect(check.out).toBe('would update generated/types.ts\n');
    // And a stray generated file is still removed.
    writeFileSync(path.join(dir, 'generated', 'stray.ts'), readFileSync(path.join(dir, 'generated', 'index.ts')));
    expect((await evc(dir, 'generate')).out).toBe('updated generated/types.ts\nremoved generated/stray.ts\n');
  });
});
