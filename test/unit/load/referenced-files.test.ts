// Which files a file refers to: for a file read back from the parse cache the loader takes the references its
// restoring listed instead of walking the value again; both must name the same files in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deserializeParsed,
  parseContractFile,
  serializeParsed,
  writtenRefs,
} from '../../../generator/load/parse-file.js';
import { referencedFiles } from '../../../generator/load/resolve-refs.js';

const REFS = [
  'b.yaml#/schemas/A',
  './b.yaml',
  'c/d.yaml#/x',
  '../up.yaml',
  '#/local',
  'https://x.org/s.json',
  'e.json',
];

/** A JSON document whose objects sometimes carry a `$ref` (a string, or something else that is no reference). */
const document = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<unknown>('s', 1, true, null),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'items', 'properties'), tie('node'), { maxKeys: 3 }),
    fc.record(
      { $ref: fc.oneof(fc.constantFrom(...REFS), fc.constant(7)), extra: tie('node') },
      { requiredKeys: ['$ref'] },
    ),
  ),
})).node;

describe('referencedFiles', () => {
  it('names the same files in the same order for a file read back as for the file parsed from its text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('channels', 'components', 'x'), document), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseContractFile(text, 'svc/asyncapi.json');
        const restored = deserializeParsed(serializeParsed(parsed), 'svc/asyncapi.json');
        expect(writtenRefs(parsed.value)).toBeUndefined();
        expect(writtenRefs(restored.value)).toBeDefined();
        expect([...referencedFiles(restored.value, 'svc/asyncapi.json')]).toEqual([
          ...referencedFiles(parsed.value, 'svc/asyncapi.json'),
        ]);
      }),
      { numRuns: 500 },
    );
  });

  it('lists the references of a file read back in the order they are written', () => {
    const text = JSON.stringify({
      a: { $ref: 'x.yaml' },
      b: [{ $ref: 'y.yaml#/p', q: { $ref: 'z.yaml' } }],
      c: { $ref: 3 },
    });
    const restored = deserializeParsed(serializeParsed(parseContractFile(text, 'f.json')), 'f.json');
    expect(writtenRefs(restored.value)).toEqual(['x.yaml', 'y.yaml#/p', 'z.yaml']);
    expect([...referencedFiles(restored.value, 'f.json')]).toEqual(['x.yaml', 'y.yaml', 'z.yaml']);
  });
});
