// Object graphs for property tests of walks over resolved contracts: a random tree of objects, arrays and
// scalars, then a few links that make some objects shared (reached twice) or cyclic, as `$ref`s make them.
import fc from 'fast-check';

/** Trees whose object keys come from `keys`, plus links written under `linkKeys` from one object to another. */
export function linkedGraph(keys: readonly string[], linkKeys: readonly string[]): fc.Arbitrary<unknown> {
  return fc
    .record({
      tree: fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          fc.constantFrom<unknown>('string', 3, true, null),
          fc.array(tie('node'), { maxLength: 3 }),
          fc.dictionary(fc.constantFrom(...keys), tie('node'), { maxKeys: 4 }),
        ),
      })).node,
      links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...linkKeys)), { maxLength: 4 }),
    })
    .map(({ tree, links }) => {
      const objects: Record<string, unknown>[] = [];
      const collect = (node: unknown): void => {
        if (typeof node !== 'object' || node === null) return;
        if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) collect(child);
      };
      collect(tree);
      for (const [from, to, key] of links)
        if (objects.length > 0) objects[from % objects.length]![key] = objects[to % objects.length];
      return tree;
    });
}
