import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createWatchCycle, runWatch } from '../../../generator/cli/commands/watch.js';
import type { CliIO } from '../../../generator/cli/io.js';

const repo = path.resolve(import.meta.dirname, '../../..');

function workspace(): { dir: string; io: CliIO & { out: string[]; err: string[] } } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-watch-'));
  cpSync(path.join(repo, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  const out: string[] = [];
  const err: string[] = [];
  return { dir, io: { cwd: dir, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), out, err } };
}

describe('evc watch', () => {
  it('reports only what changed between passes', async () => {
    const { dir, io } = workspace();
    const cycle = createWatchCycle({ contracts: 'contracts', out: 'gen' }, io);
    const first = await cycle();
    expect(first.added).toEqual([]);
    expect(first.written.length).toBeGreaterThan(10);

    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    const original = readFileSync(routing, 'utf8');
    writeFileSync(
      routing,
      original.replace("$ref: '../schemas/common.yaml#/TruckId'", "$ref: '../schemas/common.yaml#/TruckIdentifier'"),
    );
    const broken = await cycle();
    expect(broken.added.map((d) => d.rule)).toEqual(['ref-unresolved']);
    expect(broken.written).toEqual([]);

    writeFileSync(routing, original.replace('maxLength: 500', 'maxLength: 400'));
    const fixed = await cycle();
    expect(fixed.fixed.map((d) => d.rule)).toEqual(['ref-unresolved']);
    expect(fixed.written).toEqual(['validators/route-calculated.js']);
  });

  it('regenerates when a contract file is saved', async () => {
    const { dir, io } = workspace();
    const controller = new AbortController();
    const watching = runWatch({ contracts: 'contracts', out: 'gen', signal: controller.signal, debounceMs: 10 }, io);
    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    await expect.poll(() => io.err.join('')).toContain('watching');
    writeFileSync(routing, readFileSync(routing, 'utf8').replace('maxLength: 500', 'maxLength: 300'));
    await expect
      .poll(() => io.out.join(''), { timeout: 10_000 })
      .toContain('generated gen/validators/route-calculated.js');
    controller.abort();
    expect(await watching).toBe(0);
    expect(existsSync(path.join(dir, 'gen/index.ts'))).toBe(true);
  });
});
