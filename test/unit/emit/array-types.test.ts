// The emitted type of an array schema admits exactly the shapes the generated validator enforces:
// draft-07 tuples (`items: [...]` + `additionalItems`) are tuple types; 2020-12's `prefixItems`,
// which the validators (draft-07 + 2019-09) do not enforce, shapes no type, so `items` is the type
// of every element. Each value the validator accepts must type-check, each it rejects must not (tsc).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageValidatorAjv } from '../../../generator/ajv.js';
import { typeExpression } from '../../../generator/emit/emit-types.js';
import type { TypeNames } from '../../../generator/emit/type-names.js';
import { typeCheck } from '../../support/compile.js';

const noNames: TypeNames = { nodes: new Map(), messages: new Map(), order: [] };

const cases: { name: string; schema: Record<string, unknown>; values: unknown[] }[] = [
  {
    name: 'prefixItems with items: items types every element',
    schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'boolean' }], items: { type: 'integer' } },
    values: [[1, 2, 3], [], ['a', true], ['a', 1]],
  },
  {
    name: 'prefixItems alone constrains nothing',
    schema: { type: 'array', prefixItems: [{ type: 'integer' }] },
    values: [['x', 'y'], [1], []],
  },
  {
    name: 'draft-07 tuple, closed',
    schema: { type: 'array', items: [{ type: 'integer' }, { type: 'string' }], additionalItems: false },
    values: [
      [1, 'a'],
      [1, 'a', 2],
      ['a', 1],
    ],
  },
  {
    name: 'draft-07 tuple with a rest schema',
    schema: { type: 'array', items: [{ type: 'integer' }], additionalItems: { type: 'string' } },
    values: [[1, 'a', 'b'], [1, 2], [1]],
  },
];

describe('array types agree with the generated validators', () => {
  it('every value the validator accepts type-checks, every value it rejects does not (tsc, one program)', () => {
    const ajv = messageValidatorAjv({ standalone: false });
    const modules = cases.map(({ name, schema, values }, c) => {
      const validate = ajv.compile(schema);
      const lines = values.map((v, i) => {
        const accepted = validate(structuredClone(v)) === true;
        return `${accepted ? '' : '// @ts-expect-error rejected by the validator\n'}export const v${c}_${i}: T${c} = ${JSON.stringify(v)};`;
      });
      return `// ${name}\nexport type T${c} = ${typeExpression(schema, noNames, '').text};\n${lines.join('\n')}\n`;
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-array-types-'));
    const file = path.join(dir, 'types.ts');
    writeFileSync(file, modules.join(''));
    expect(typeCheck([file]).errors, modules.join('')).toEqual([]);
  });
});
