// Which generated files a run may leave as the last run wrote them without making them again (keepOutput): only
// files still untouched in the output directory and recorded with the origin they would be made from now.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keepOutput,
  recordOutput,
  untouchedFiles,
  type OutputManifest,
} from '../../../generator/cache/output-manifest.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An output directory holding `files`, and the manifest a run that wrote them from `origins` recorded. */
function written(files: Record<string, string>, origins: Record<string, string>): [string, OutputManifest] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-manifest-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  const manifest = recordOutput(dir, {
    files: new Map(Object.entries(files)),
    origins: new Map(Object.entries(origins)),
  });
  return [dir, manifest!];
}

describe('keepOutput', () => {
  const cases: [string, (dir: string, manifest: OutputManifest) => OutputManifest, string, boolean][] = [
    ['untouched, same origin', (_dir, m) => m, 'o1', true],
    ['untouched, another origin (its schema or header changed)', (_dir, m) => m, 'o2', false],
    ['edited since', (dir, m) => (writeFileSync(path.join(dir, 'a.js'), 'A\n// edited\n'), m), 'o1', false],
    ['deleted since', (dir, m) => (rmSync(path.join(dir, 'a.js')), m), 'o1', false],
    [
      'recorded before origins existed',
      (_dir, m) => ({ entries: m.entries.map(([f, s, i, mt, ct, h, r]) => [f, s, i, mt, ct, h, r] as const) }),
      'o1',
      false,
    ],
  ];
  it.each(cases)('%s', (_name, change, origin, expected) => {
    const [dir, recorded] = written({ 'a.js': 'A\n', 'b.ts': 'B\n' }, { 'a.js': 'o1' });
    const manifest = change(dir, recorded);
    expect(keepOutput(manifest, untouchedFiles(dir, manifest))('a.js', origin)).toBe(expected);
  });

  it('never keeps a file recorded without an origin', () => {
    const [dir, manifest] = written({ 'b.ts': 'B\n' }, {});
    expect(keepOutput(manifest, untouchedFiles(dir, manifest))('b.ts', '')).toBe(false);
  });

  it('records kept files with the digest they were recorded with, and nothing when one is not untouched', () => {
    const [dir, manifest] = written({ 'a.js': 'A\n', 'b.ts': 'B\n' }, { 'a.js': 'o1' });
    const untouched = untouchedFiles(dir, manifest);
    const again = recordOutput(dir, { files: new Map([['b.ts', 'B\n']]), kept: new Set(['a.js']) }, untouched);
    expect(again?.entries.map(([file, , , , , digest]) => [file, digest])).toEqual(
      manifest.entries.map(([file, , , , , digest]) => [file, digest]),
    );
    expect(recordOutput(dir, { files: new Map([['b.ts', 'B\n']]), kept: new Set(['a.js']) })).toBeUndefined();
  });
});
