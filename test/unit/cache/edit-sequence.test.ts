// Whatever a developer does between two runs — edit a document, edit a shared schema every document
// reaches, break a reference, delete `.evc/`, damage an entry, edit or delete a generated file — `evc lint` and `evc generate` in a project
// whose cache was filled by earlier runs answer exactly as a copy of the same contracts with an empty cache:
// same exit code, same findings, byte-identical generated files. A property over random edit sequences of
// a small synthetic registry (the benchmark's shape: cross-document `$ref`s, one shared schema file).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceName, writeSyntheticRegistry } from '../../../bench/synthetic-registry.js';
import { fileTree, runEvc } from '../../support/cli-run.js';

const DOCUMENTS = 3;
const made: string[] = [];
let template = '';

const previous = process.env.EVC_CACHE_DIR;
beforeAll(async () => {
  // Each project keeps its cache in its own `.evc/` (the nearest package.json).
  delete process.env.EVC_CACHE_DIR;
  template = scratch('evc-edits-template-');
  await writeSyntheticRegistry(path.join(template, 'contracts'), DOCUMENTS, 2);
});
afterAll(() => {
  if (previous !== undefined) process.env.EVC_CACHE_DIR = previous;
  made.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function scratch(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  return dir;
}

const evc = runEvc;
const tree = fileTree;

const documentOf = (dir: string, d: number): string => path.join(dir, 'contracts', serviceName(d), 'asyncapi.yaml');
const sharedSchemas = (dir: string): string => path.join(dir, 'contracts', 'schemas', 'common.yaml');

function rewrite(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** What may happen between two runs. */
type Edit =
  | {
      kind: 'version' | 'constraint' | 'break-ref' | 'fix-ref' | 'rename-sent' | 'rename-name';
      document: number;
      value: number;
    }
  | { kind: 'shared'; value: number }
  | { kind: 'config' }
  | { kind: 'delete-cache' }
  | { kind: 'damage-cache'; entry: number; truncate: boolean }
  | { kind: 'output'; entry: number; remove: boolean };

function apply(dir: string, edit: Edit): void {
  switch (edit.kind) {
    case 'version': // metadata only: same generated code, new input digests
      return rewrite(documentOf(dir, edit.document), (t) => t.replace(/^( {2}version: ).*$/m, `$1'1.0.${edit.value}'`));
    case 'constraint': // a payload constraint: that document's validators and types change
      return rewrite(documentOf(dir, edit.document), (t) =>
        t.replace(/maxLength: 2\d\d/, `maxLength: ${200 + edit.value}`),
      );
    case 'break-ref': // a reference to nothing: a located error, and nothing generated
      return rewrite(documentOf(dir, edit.document), (t) => t.replace('common.yaml#/Money', 'common.yaml#/Mony'));
    case 'fix-ref':
      return rewrite(documentOf(dir, edit.document), (t) => t.replaceAll('common.yaml#/Mony', 'common.yaml#/Money'));
    case 'rename-sent': {
      // The component key of a sent message another document receives by `$ref` (toggled): that receiver's
      // reference breaks, or is repaired, in a document that was not edited.
      const key = `S${String(edit.document).padStart(2, '0')}Event0`;
      return rewrite(documentOf(dir, edit.document), (t) =>
        t.includes(`${key}Renamed`) ? t.replaceAll(`${key}Renamed`, key) : t.replaceAll(key, `${key}Renamed`),
      );
    }
    case 'rename-name': {
      // Only the `name` of a sent message (toggled): its identity changes for every document receiving it.
      const name = `S${String(edit.document).padStart(2, '0')}Event1`;
      return rewrite(documentOf(dir, edit.document), (t) =>
        t.includes(`name: ${name}Other`)
          ? t.replace(`name: ${name}Other`, `name: ${name}`)
          : t.replace(`name: ${name}`, `name: ${name}Other`),
      );
    }
    case 'config': // evc.config.yaml: Confluent wire format (messages.ts changes) and rules switched off (toggled)
      return rewrite(path.join(dir, 'contracts', 'evc.config.yaml'), (t) =>
        t.includes('schemaRegistry:')
          ? t.slice(0, t.indexOf('schemaRegistry:'))
          : `${t}schemaRegistry:\n  wireFormat: confluent\nrules:\n  off: [message-unsent, PAYLOAD]\n`,
      );
    case 'shared': // the key schema every message of every document reaches
      return rewrite(sharedSchemas(dir), (t) => t.replace(/\[0-9\]\{\d+\}/, `[0-9]{${1 + edit.value}}`));
    case 'delete-cache':
      return rmSync(path.join(dir, '.evc'), { recursive: true, force: true });
    case 'damage-cache': {
      const entries = tree(path.join(dir, '.evc'));
      const names = Object.keys(entries);
      if (names.length === 0) return;
      const name = names[edit.entry % names.length]!;
      const text = entries[name]!;
      const lastDigit = text.search(/[0-9][^0-9]*$/);
      const changed =
        lastDigit < 0
          ? `${text}x`
          : `${text.slice(0, lastDigit)}${(Number(text[lastDigit]) + 1) % 10}${text.slice(lastDigit + 1)}`;
      writeFileSync(path.join(dir, '.evc', name), edit.truncate ? text.slice(0, text.length >> 1) : changed);
      return;
    }
    case 'output': {
      // A generated file edited by hand or deleted: the next run must put it back, although it would be made
      // from exactly what the last run made it from (validator modules are then not made again).
      const names = Object.keys(tree(path.join(dir, 'generated'))).sort();
      if (names.length === 0) return;
      const file = path.join(dir, 'generated', names[edit.entry % names.length]!);
      if (edit.remove) rmSync(file);
      else rewrite(file, (t) => `${t}// edited\n`);
    }
  }
}

const document = fc.integer({ min: 0, max: DOCUMENTS - 1 });
const edits: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('version', 'constraint', 'break-ref', 'fix-ref', 'rename-sent', 'rename-name'),
    document,
    value: fc.integer({ min: 0, max: 50 }),
  }),
  fc.record({ kind: fc.constant('shared'), value: fc.integer({ min: 3, max: 9 }) }),
  fc.record({ kind: fc.constant('config') }),
  fc.record({ kind: fc.constant('delete-cache') }),
  fc.record({ kind: fc.constant('damage-cache'), entry: fc.nat(), truncate: fc.boolean() }),
  fc.record({ kind: fc.constant('output'), entry: fc.nat(), remove: fc.boolean() }),
);

/** lint and generate in `dir` (cache filled by earlier runs) against a copy of its contracts with no cache. */
async function expectSameAsUncached(dir: string): Promise<void> {
  const reference = scratch('evc-edits-reference-');
  cpSync(path.join(dir, 'contracts'), path.join(reference, 'contracts'), { recursive: true });
  expect(await evc(dir, 'lint', '--format', 'json')).toEqual(await evc(reference, 'lint', '--format', 'json'));
  const generated = await evc(dir, 'generate');
  const expected = await evc(reference, 'generate');
  expect(generated.code).toBe(expected.code);
  if (expected.code === 0) {
    expect(tree(path.join(dir, 'generated'))).toEqual(tree(path.join(reference, 'generated')));
    expect(await evc(dir, 'generate', '--check')).toMatchObject({ code: 0 });
  } else expect(generated.err).toBe(expected.err);
  rmSync(reference, { recursive: true, force: true });
}

describe('runs after edits, with the cache earlier runs filled', () => {
  it('answer exactly as runs with an empty cache, whatever was edited or damaged in between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edits, { minLength: 1, maxLength: 4 }), async (sequence) => {
        const dir = scratch('evc-edits-');
        cpSync(path.join(template, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
        expect((await evc(dir, 'lint')).code).toBe(0);
        expect((await evc(dir, 'generate')).code).toBe(0);
        for (const edit of sequence) {
          apply(dir, edit);
          await expectSameAsUncached(dir);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 8 },
    );
  }, 300_000);

  it('an edit to a shared schema reaches every document that refers to it', async () => {
    const dir = scratch('evc-edits-shared-');
    cpSync(path.join(template, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
    expect((await evc(dir, 'generate')).code).toBe(0);
    const before = tree(path.join(dir, 'generated'));
    apply(dir, { kind: 'shared', value: 3 });
    expect(readFileSync(sharedSchemas(dir), 'utf8')).toContain('[0-9]{4}');
    expect((await evc(dir, 'generate')).code).toBe(0);
    const after = tree(path.join(dir, 'generated'));
    const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
    // Every message's payload validator tests the shared id pattern, in every document.
    const payloadValidators = Object.keys(before).filter((file) => /^validators\/s\d\d-event\d\.js$/.test(file));
    expect(payloadValidators).toHaveLength(DOCUMENTS * 2);
    expect(changed).toEqual(expect.arrayContaining(payloadValidators));
    await expectSameAsUncached(dir);
  }, 120_000);
});
