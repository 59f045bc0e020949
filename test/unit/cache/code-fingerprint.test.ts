// Which files the code fingerprint covers: a cached command result must never outlive the code that made it,
// whether evc runs from its sources, from tsc's output, or bundled into dist/cli/ (scripts/build.mjs).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeTreeOf, libraryVersion } from '../../../generator/cache/code-fingerprint.js';

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

// The libraries' versions are part of the fingerprint: the one Node would load from where evc's code is.
describe('libraryVersion', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-library-version-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const writePackage = (at: string, name: string, version: string): void => {
    mkdirSync(path.join(dir, at, 'node_modules', name), { recursive: true });
    writeFileSync(path.join(dir, at, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  };

  it('takes the nearest node_modules above the module, as Node resolves a package', () => {
    writePackage('app', 'lib-x', '1.0.0');
    writePackage('app/pkg', 'lib-x', '2.0.0');
    writePackage('app', '@scope/lib-y', '3.1.4');
    mkdirSync(path.join(dir, 'app/pkg/dist/cli'), { recursive: true });
    expect(libraryVersion('lib-x', path.join(dir, 'app/pkg/dist/cli'))).toBe('2.0.0');
    expect(libraryVersion('lib-x', path.join(dir, 'app'))).toBe('1.0.0');
    expect(libraryVersion('@scope/lib-y', path.join(dir, 'app/pkg/dist/cli'))).toBe('3.1.4');
    expect(libraryVersion('evc-no-such-library', path.join(dir, 'app'))).toBe('absent');
  });

  it("gives this project's libraries their installed versions, those whose exports hide package.json too", () => {
    const require = createRequire(import.meta.url);
    expect(libraryVersion('ajv')).toBe((require('ajv/package.json') as { version: string }).version);
    const re2js = JSON.parse(
      readFileSync(require.resolve('re2js').replace(/(node_modules[\\/]re2js[\\/]).*$/, '$1package.json'), 'utf8'),
    ) as {
      version: string;
    };
    expect(libraryVersion('re2js')).toBe(re2js.version);
  });
});
