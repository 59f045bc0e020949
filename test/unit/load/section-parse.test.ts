// A document parsed section by section (the parse cache after an edit) must be exactly what the whole
// parse gives: the same values, the same position of every node and key, the same errors — for every
// real document here and for generated ones, fresh and after edits that move sections up and down.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileParseError, nodeInfo, parseContractFile } from '../../../generator/load/parse-file.js';
import { parseCached } from '../../../generator/load/parse-cache.js';
import { topLevelSections } from '../../../generator/load/top-level-sections.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const cache = mkdtempSync(path.join(os.tmpdir(), 'evc-section-parse-'));
const previousCacheDir = process.env.EVC_CACHE_DIR;
beforeAll(() => {
  process.env.EVC_CACHE_DIR = cache;
});
afterAll(() => {
  if (previousCacheDir === undefined) delete process.env.EVC_CACHE_DIR;
  else process.env.EVC_CACHE_DIR = previousCacheDir;
  rmSync(cache, { recursive: true, force: true });
});

/** Every object and array with its pointer, location and key locations, depth-first. */
function positions(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const info = nodeInfo(node)!;
    // Members are looked up by key only; the cache lists them in Object.keys order (integer-like keys first).
    const members = [...info.members].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push([info.pointer, info.location, members]);
    for (const child of Object.values(node)) walk(child);
  };
  walk(value);
  return out;
}

/** What a parse gives, errors included, in a comparable form. */
function outcome(parse: () => unknown): unknown {
  try {
    const result = parse() as { value: unknown } | FileParseError;
    if (result instanceof FileParseError) return { errors: result.diagnostics };
    return { value: result.value, positions: positions(result.value) };
  } catch (error) {
    if (error instanceof FileParseError) return { errors: error.diagnostics };
    throw error;
  }
}

/** Each parseCached call gets a file name not used before, so its whole-file entry misses and sections are used. */
let uses = 0;
const whole = (text: string, file: string): unknown => outcome(() => parseContractFile(text, file));

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

describe('parsing by top-level sections', () => {
  const documents = [
    ...yamlFiles(path.join(repo, 'contracts')),
    ...yamlFiles(path.join(repo, 'examples')),
    ...yamlFiles(path.join(repo, 'test/corpus')),
    ...yamlFiles(path.join(repo, 'test/fixtures')),
    // The team's collection of real documents, where this machine has it.
    ...(existsSync('/work/shared/corpus') ? yamlFiles('/work/shared/corpus') : []),
  ];

  it('splits the documents here that it can (so the comparison below is not vacuous)', () => {
    const split = documents.filter((file) => topLevelSections(readFileSync(file, 'utf8')) !== undefined);
    expect(split.length).toBeGreaterThan(documents.length / 2);
  });

  it.each(documents.map((file) => [path.relative(repo, file), file]))(
    'gives what the whole parse gives: %s',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const name = `doc-${uses++}.yaml`;
      expect(outcome(() => parseCached(text, name))).toEqual(whole(text, name));
    },
  );

  // Generated documents: top-level keys with scalars, nested maps, sequences at column 0 and indented, block
  // scalars, comments, blank lines, anchors and aliases (within and across sections), duplicate and
  // integer-like keys, flow collections spanning lines, quoted scalars spanning lines: each either splits
  // exactly or is parsed whole.
  const key = fc.constantFrom('info', 'channels', 'components', 'a', 'b', 'x-ext', '__proto__', '10', 'a.b', '$id');
  const scalar = fc.constantFrom('1', 'true', 'null', 'text', '"quoted: yes"', "'single'", '~', '0x1F', '-3');
  const block = fc.letrec((tie) => ({
    body: fc.oneof(
      { depthSize: 'small' },
      scalar.map((s) => ({ inline: s })),
      fc.array(fc.tuple(key, tie('body')), { minLength: 1, maxLength: 3 }).map((entries) => ({ entries })),
      fc.array(tie('body'), { minLength: 1, maxLength: 3 }).map((items) => ({ items })),
      fc.constantFrom(
        { raw: ' |\n  line one\n  line two' },
        { raw: ' >-\n  folded\n\n  more' },
        { raw: ' &anchor\n  k: v' },
        { raw: ' *anchor' },
        { raw: ' [1,\n  2]' },
        { raw: ' [1,\n2]' },
        { raw: ' "two\n  lines"' },
        { raw: ' "two\nlines"' },
        { raw: ' {a: 1, b: [x, y]}' },
        { raw: '\n# a comment\n\n  k: v' },
      ),
    ),
  })).body as fc.Arbitrary<Body>;
  const document = fc
    .tuple(
      fc.array(fc.tuple(key, block, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('', '# leading comment\n', '\n\n', '---\n', '%YAML 1.2\n---\n'),
      fc.constantFrom('', '\n', '\n# trailing\n', '\n...\n'),
    )
    .map(
      ([sections, head, tail]) =>
        head +
        sections
          .map(
            ([k, body, seqAtColumn0, blankAfter]) =>
              `${k}:${render(body, '  ', seqAtColumn0)}${blankAfter ? '\n' : ''}`,
          )
          .join('\n') +
        tail,
    );

  it('gives what the whole parse gives for generated documents, before and after an edit', () => {
    fc.assert(
      fc.property(document, document, fc.nat(), (text, other, at) => {
        const first = `doc-${uses++}.yaml`;
        expect(outcome(() => parseCached(text, first))).toEqual(whole(text, first));
        // An edit: part of another document spliced in at a line boundary, so sections move and change.
        const lines = text.split('\n');
        const cut = at % (lines.length + 1);
        const edited = [...lines.slice(0, cut), ...other.split('\n').slice(0, 1 + (at % 4)), ...lines.slice(cut)].join(
          '\n',
        );
        const name = `doc-${uses}.yaml`;
        expect(outcome(() => parseCached(edited, name))).toEqual(whole(edited, name));
        uses++;
      }),
      { numRuns: 400 },
    );
  });
});

type Body = { inline: string } | { entries: [string, Body][] } | { items: Body[] } | { raw: string };

function render(body: Body, indent: string, seqAtColumn0 = false): string {
  if ('inline' in body) return ` ${body.inline}`;
  if ('raw' in body) return body.raw.replace(/\n {2}/g, `\n${indent}`);
  if ('entries' in body) return body.entries.map(([k, v]) => `\n${indent}${k}:${render(v, `${indent}  `)}`).join('');
  const itemIndent = seqAtColumn0 && indent === '  ' ? '' : indent;
  return body.items.map((item) => `\n${itemIndent}-${render(item, `${itemIndent}  `)}`).join('');
}
