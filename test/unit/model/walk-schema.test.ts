// The schema walk visits what a plain walk visits, in the same order and with the same paths, on
// graphs with shared and cyclic schemas; a message's walk is remembered and redone when its schemas change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonSchema, MessageModel } from '../../../generator/model/registry.js';
import { isDataKeyword, isNameMap } from '../../../generator/model/schema-vocabulary.js';
import { messageSchemaVisits, walkSchema } from '../../../generator/model/walk-schema.js';
import { linkedGraph } from '../../support/linked-graphs.js';

/** The walk as it was written before it skipped path building: every member walked, each path built. */
function plainWalk(root: unknown, path: string): [object, string][] {
  const out: [object, string][] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}/${i}`));
      return;
    }
    seen.add(node);
    out.push([node, at]);
    for (const [key, value] of Object.entries(node)) {
      if (isDataKeyword(key) || key.startsWith('x-')) continue;
      if (isNameMap(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [name, sub] of Object.entries(value as object))
          if (!Array.isArray(sub)) walk(sub, `${at}/${key}/${name}`);
      } else walk(value, `${at}/${key}`);
    }
  };
  walk(root, path);
  return out;
}

const KEYS = ['properties', 'items', 'allOf', 'anyOf', 'not', 'enum', 'const', 'dependencies', 'x-meta', 'default'];

/** A schema tree plus links that make some of its objects shared or cyclic. */
const schemaGraph = linkedGraph([...KEYS, 'a', 'b'], KEYS);

const message = (payload: unknown, key?: unknown): MessageModel =>
  ({
    name: 'M',
    payload: payload as JsonSchema,
    ...(key === undefined ? {} : { key: key as JsonSchema }),
  }) as unknown as MessageModel;

describe('walkSchema', () => {
  it('visits the nodes and paths of a plain walk, in its order, on shared and cyclic graphs', () => {
    fc.assert(
      fc.property(schemaGraph, (root) => {
        const visited: [object, string][] = [];
        walkSchema(root as JsonSchema, (node, path) => visited.push([node, path]), 'payload');
        expect(visited).toEqual(plainWalk(root, 'payload'));
        expect(visited.every(([node], i) => node === plainWalk(root, 'payload')[i]![0])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("remembers a message's walk and walks again when its schemas are replaced", () => {
    fc.assert(
      fc.property(schemaGraph, schemaGraph, (first, second) => {
        const m = message(first, second);
        const expected = [...plainWalk(first, 'payload'), ...plainWalk(second, 'key')];
        expect(messageSchemaVisits(m).map((v) => [v.node, v.path])).toEqual(expected);
        expect(messageSchemaVisits(m)).toBe(messageSchemaVisits(m));
        (m as { payload?: unknown }).payload = second;
        expect(messageSchemaVisits(m).map((v) => [v.node, v.path])).toEqual([
          ...plainWalk(second, 'payload'),
          ...plainWalk(second, 'key'),
        ]);
      }),
      { numRuns: 100 },
    );
  });
});
