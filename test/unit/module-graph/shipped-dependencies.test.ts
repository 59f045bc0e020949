// Every package in `dependencies` is installed for every user of eventcontracts, so each must be one the shipped
// code (bin/, and generator/, runtime/, contract-conventions/ compiled into dist/) imports, requires or resolves.
// @asyncapi/parser was listed there while only a unit test and a benchmark used it: a user's install fetched it and
// its Spectral dependencies, among them @scarf/scarf, whose postinstall script npm 11 (Node 24) reports as
// "install scripts not yet covered by allowScripts" on every install of the package.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './module-graph.js';

const SHIPPED = ['bin', 'generator', 'runtime', 'contract-conventions'];

function shippedSources(): string {
  return SHIPPED.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8')),
  ).join('\n');
}

/** A package is used when a string literal names it or a path inside it (`'kafkajs'`, `'kafkajs/package.json'`). */
function named(source: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`['"\`]${escaped}(/[^'"\`]*)?['"\`]`).test(source);
}

describe('dependencies', () => {
  const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };

  it('are each used by the shipped code (what only tests or benchmarks use belongs in devDependencies)', () => {
    const source = shippedSources();
    expect(Object.keys(dependencies).filter((name) => !named(source, name))).toEqual([]);
  });

  it('the check sees a used one, and only a quoted name counts (not one mentioned in a comment)', () => {
    expect(named("import { Kafka } from 'kafkajs';", 'kafkajs')).toBe(true);
    expect(named("localRequire('kafkajs/package.json')", 'kafkajs')).toBe(true);
    expect(named('// stands in for @asyncapi/parser rules', '@asyncapi/parser')).toBe(false);
    expect(named("import x from 'kafkajs-extra';", 'kafkajs')).toBe(false);
  });
});
