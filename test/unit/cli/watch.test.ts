import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

  it('keeps seeing files saved the way vim and JetBrains save them, deleted files and new files and folders', async () => {
    const { dir, io } = workspace();
    const controller = new AbortController();
    const watching = runWatch({ contracts: 'contracts', out: 'gen', signal: controller.signal, debounceMs: 10 }, io);
    await expect.poll(() => io.err.join('')).toContain('watching');
    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    const original = readFileSync(routing, 'utf8');
    /** Write a temporary file beside the original, then rename it over the original (one inode replaced by another). */
    const renameSave = (file: string, text: string, temp = `${file}.tmp~`) => {
      writeFileSync(temp, text);
      renameSync(temp, file);
    };
    const seen = async (text: string) => {
      await expect.poll(() => io.out.join(''), { timeout: 10_000 }).toContain(text);
      io.out.length = 0;
    };

    // Three rename saves in a row: the second and third are the ones a per-file watch misses.
    for (const maxLength of [300, 200, 100]) {
      renameSave(routing, original.replace('maxLength: 500', `maxLength: ${maxLength}`));
      await seen('generated gen/validators/route-calculated.js');
    }
    // vim's way: the original moved aside as a backup, the new text written under the old name.
    renameSync(routing, `${routing}~`);
    writeFileSync(routing, original.replace('maxLength: 500', 'maxLength: 150'));
    rmSync(`${routing}~`);
    await seen('generated gen/validators/route-calculated.js');
    renameSave(
      routing,
      original.replace("$ref: '../schemas/common.yaml#/TruckId'", "$ref: '../schemas/common.yaml#/Nope'"),
    );
    await seen('[ref-unresolved]');
    renameSave(routing, original);
    await seen('fixed: ');

    // A deleted document, and the same document back in a new folder.
    const portal = path.join(dir, 'contracts/customer-portal/asyncapi.yaml');
    const portalText = readFileSync(portal, 'utf8');
    rmSync(portal);
    await seen('gen/services/customer-portal.ts (removed)');
    mkdirSync(path.join(dir, 'contracts/portal-v2'));
    writeFileSync(path.join(dir, 'contracts/portal-v2/asyncapi.yaml'), portalText);
    await seen('generated gen/services/customer-portal.ts');
    // A save inside the new folder, by rename as well.
    const moved = path.join(dir, 'contracts/portal-v2/asyncapi.yaml');
    renameSave(moved, portalText.replace('../tracking/asyncapi.yaml#', '../tracking/missing.yaml#'));
    await seen('[ref-unresolved]');
    renameSave(moved, portalText);
    await seen('fixed: ');
    // The whole new folder deleted.
    rmSync(path.join(dir, 'contracts/portal-v2'), { recursive: true });
    await seen('gen/services/customer-portal.ts (removed)');

    controller.abort();
    expect(await watching).toBe(0);
  });
});
