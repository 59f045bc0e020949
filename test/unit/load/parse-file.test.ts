import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserializeParsed, nodeInfo, parseContractFile, serializeParsed } from '../../../generator/load/parse-file.js';

const repo = path.resolve(import.meta.dirname, '../../..');

function positions(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const info = nodeInfo(node)!;
    out.push([info.pointer, info.location, [...info.members]]);
    for (const child of Object.values(node)) walk(child);
  };
  walk(value);
  return out;
}

describe('parsed-file cache format', () => {
  it.each([
    'contracts/routing/asyncapi.yaml',
    'contracts/schemas/route-stop.yaml',
    'test/fixtures/hostile/asyncapi.yaml',
  ])('round-trips %s with every position', (file) => {
    const parsed = parseContractFile(readFileSync(path.join(repo, file), 'utf8'), file);
    const restored = deserializeParsed(serializeParsed(parsed), file);
    expect(restored.value).toEqual(parsed.value);
    expect(positions(restored.value)).toEqual(positions(parsed.value));
  });

  it('keeps a __proto__ key an own property after a round trip', () => {
    const parsed = parseContractFile('a:\n  __proto__: {polluted: true}\n', 'x.yaml');
    const restored = deserializeParsed(serializeParsed(parsed), 'x.yaml').value as { a: Record<string, unknown> };
    expect(Object.keys(restored.a)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Positions read back from the cache are worked out on first use (pointer, key positions): asked in any
  // order — a child before its parent, members before the pointer — they must equal the parser's.
  it('reads back the positions of any document, whichever node is asked first', () => {
    const key = fc.constantFrom('a', 'b', '~', '/', 'x/y~z', '__proto__', '0', '10', 'name', 'é', '$ref');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('object'), tie('array')),
      scalar: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 })),
      object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      array: fc.array(tie('node'), { maxLength: 3 }),
    })).object;
    fc.assert(
      fc.property(value, fc.boolean(), fc.boolean(), (doc, json, childFirst) => {
        const text = json ? JSON.stringify(doc, null, 1) : toBlockYaml(doc);
        const parsed = parseContractFile(text, 'p.yaml');
        const restored = deserializeParsed(serializeParsed(parsed), 'p.yaml');
        expect(restored.value).toEqual(parsed.value);
        expect(parsed.value).toEqual(doc);
        const ask = (root: unknown): unknown[] => {
          const nodes: object[] = [];
          const walk = (node: unknown): void => {
            if (typeof node !== 'object' || node === null) return;
            nodes.push(node);
            for (const child of Object.values(node)) walk(child);
          };
          walk(root);
          if (childFirst) nodes.reverse();
          return nodes.map((node) => {
            const info = nodeInfo(node)!;
            if (!childFirst) return [info.pointer, info.location, [...info.members]];
            const members = [...info.members]; // members before the pointer, children before parents
            return [info.pointer, info.location, members];
          });
        };
        const asked = ask(restored.value);
        expect(childFirst ? asked.reverse() : asked).toEqual(positions(parsed.value));
      }),
      { numRuns: 300 },
    );
  });
});

/** A block-style YAML rendering (JSON is YAML too, but block style puts keys and items on their own lines). */
function toBlockYaml(value: unknown, indent = ''): string {
  if (typeof value !== 'object' || value === null) return `${JSON.stringify(value)}\n`;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return Array.isArray(value) ? '[]\n' : '{}\n';
  return (
    '\n' +
    entries
      .map(([k, v]) => {
        const head = Array.isArray(value) ? `${indent}- ` : `${indent}${JSON.stringify(k)}: `;
        const body = toBlockYaml(v, `${indent}  `);
        return head + body;
      })
      .join('')
  );
}
