// A cold `evc lint`/`generate` skips loading the AsyncAPI schema validator for documents it accepted
// before (cached by content hash). The cache must never change a verdict: an invalid document is
// reported every time, an edit is validated again, and deleting the cache only costs time.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';

const cache = mkdtempSync(path.join(os.tmpdir(), 'evc-spec-cache-'));
const previous = process.env.EVC_CACHE_DIR;
process.env.EVC_CACHE_DIR = cache;
afterAll(() => {
  if (previous === undefined) delete process.env.EVC_CACHE_DIR;
  else process.env.EVC_CACHE_DIR = previous;
  rmSync(cache, { recursive: true, force: true });
});

const document = (title: string, extra = '') =>
  `asyncapi: 3.0.0\ninfo:\n  title: ${title}\n  version: 1.0.0\n${extra}channels:\n  a:\n    address: a.events\n`;
const markers = () => {
  try {
    return readdirSync(path.join(cache, 'spec-valid'), { recursive: true }).filter(
      (f) => path.basename(String(f)).length === 64,
    );
  } catch {
    return [];
  }
};
const specErrors = async (text: string) =>
  (await loadRegistry(memorySource({ 'svc.yaml': text }, 'contracts'))).diagnostics.filter(
    (d) => d.rule === 'asyncapi-schema',
  );

describe('spec verdicts cached by content', () => {
  it('remembers documents it accepted, and only those', async () => {
    expect(await specErrors(document('one'))).toEqual([]);
    expect(markers()).toHaveLength(1);
    expect(await specErrors(document('one'))).toEqual([]); // from the cache: nothing new written
    expect(markers()).toHaveLength(1);

    const invalid = document('two', 'servers: 42\n');
    for (let run = 0; run < 2; run++) {
      const errors = await specErrors(invalid);
      expect(errors.map((d) => [d.line, d.message])).toEqual([
        [5, expect.stringContaining('not a valid AsyncAPI 3.0.0 document')],
      ]);
    }
    expect(markers()).toHaveLength(1);

    expect(await specErrors(document('one', 'defaultContentType: application/json\n'))).toEqual([]);
    expect(markers()).toHaveLength(2);
  });

  it('is safe to delete at any time', async () => {
    rmSync(cache, { recursive: true, force: true });
    expect(await specErrors(document('two', 'servers: 42\n'))).toHaveLength(1);
    expect(await specErrors(document('one'))).toEqual([]);
    expect(markers()).toHaveLength(1);
  });
});
