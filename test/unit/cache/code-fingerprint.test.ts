// Which files the code fingerprint covers: a cached command result must never outlive the code that made it,
// whether evc runs from its sources, from tsc's output, or bundled into dist/cli/ (scripts/build.mjs).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeTreeOf } from '../../../generator/cache/code-fingerprint.js';

describe('codeTreeOf', () => {
  const cases: [layout: string, moduleDir: string, root: string, folders: string[]][] = [
    ['TypeScript sources', '/repo/generator/cache', '/repo', ['generator', 'contract-conventions', 'runtime']],
    ["tsc's output", '/pkg/dist/generator/cache', '/pkg/dist', ['generator', 'contract-conventions', 'runtime']],
    ['the bundled CLI', '/pkg/dist/cli', '/pkg/dist', ['cli']],
  ];
  it.each(cases)('%s', (_layout, moduleDir, root, folders) => {
    expect(codeTreeOf(path.normalize(moduleDir))).toEqual({ root: path.normalize(root), folders });
  });
});
