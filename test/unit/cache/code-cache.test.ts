// A cached module runs the same with or without V8's code cache beside it; the code cache is kept once,
// taken by the next run, and a damaged or foreign one is refused and replaced, never trusted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCachedModule } from '../../../generator/cache/code-cache.js';
import { readCacheEntry, writeCacheEntry } from '../../../generator/cache/cache-entry.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Enough functions for V8 to compile lazily, and a require of a Node built-in (as ajv's standalone code has).
const source = (tag: string): string => `'use strict';
const path = require('node:path');
function check(value) { return typeof value === 'number' && value > 0 ? '${tag}:' + path.posix.join('a', String(value)) : false; }
module.exports = function validate(value) { return check(value); };
module.exports.file = __filename;
`;

const codeCacheOf = (file: string): string | undefined => {
  const name = readdirSync(path.dirname(file)).find((f) => f.startsWith(path.basename(file)) && f.endsWith('.v8cache'));
  return name === undefined ? undefined : path.join(path.dirname(file), name);
};

describe('cached modules with a V8 code cache', () => {
  it('runs the module, keeps its code cache once, and the next run takes it', () => {
    const file = path.join(dir, 'one', 'validator.cjs');
    writeCacheEntry(file, source('one'));
    const first = runCachedModule(file, readCacheEntry(file)!);
    const validate = first.exports as ((v: unknown) => unknown) & { file: string };
    expect(first.usedCodeCache).toBe(false);
    expect([validate(2), validate(-1), validate.file]).toEqual(['one:a/2', false, file]);
    first.keepCodeCache();
    const kept = codeCacheOf(file)!;
    expect(readCacheEntry(kept)).toBeDefined();
    const second = runCachedModule(file, readCacheEntry(file)!);
    expect(second.usedCodeCache).toBe(true);
    expect((second.exports as (v: unknown) => unknown)(3)).toBe('one:a/3');
  });

  it('refuses a damaged code cache, or one made for other code, and stores a fitting one again', () => {
    const file = path.join(dir, 'two', 'validator.cjs');
    writeCacheEntry(file, source('two'));
    const first = runCachedModule(file, readCacheEntry(file)!);
    (first.exports as (v: unknown) => unknown)(1);
    first.keepCodeCache();
    const kept = codeCacheOf(file)!;

    // Damaged on disk (one byte of the code cache changed): the entry's digest no longer matches, so it is not
    // even handed to V8.
    const bytes = readFileSync(kept);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0x01;
    writeFileSync(kept, bytes);
    const damaged = runCachedModule(file, readCacheEntry(file)!);
    expect(damaged.usedCodeCache).toBe(false);
    expect((damaged.exports as (v: unknown) => unknown)(5)).toBe('two:a/5');
    damaged.keepCodeCache();
    expect(runCachedModule(file, readCacheEntry(file)!).usedCodeCache).toBe(true);

    // Intact, but made for other source text, of the same length (V8 itself compares lengths only) or not.
    for (const tag of ['owt', 'changed']) {
      writeCacheEntry(file, source(tag));
      const foreign = runCachedModule(file, readCacheEntry(file)!);
      expect(foreign.usedCodeCache).toBe(false);
      expect((foreign.exports as (v: unknown) => unknown)(6)).toBe(`${tag}:a/6`);
      foreign.keepCodeCache();
      expect(runCachedModule(file, readCacheEntry(file)!).usedCodeCache).toBe(true);
    }
  });
});
