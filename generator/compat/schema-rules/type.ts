// The reader must accept every JSON type the writer may produce. Widening (integer → number, adding
// a type to a list) is compatible; narrowing (number → integer, dropping `null`) and changing to an
// unrelated type are not. The writer's types are narrowed by its `enum`/`const`, so `enum: [1, 2]`
// moving from `type: number` to `type: integer` is no narrowing at all.

import type { SchemaRule } from '../schema/rule.js';
import { declaredTypes, describeTypes } from '../schema/types.js';

export const id = 'TYPE';
export const description =
  'The reader accepts every type the writer may produce (integer → number widens, number → integer narrows).';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    TYPE_EXTENDED: {
      breaks: 'never',
      what: (v) => `type changed from ${describeTypes(v.old as number)} to ${describeTypes(v.new as number)}`,
    },
    TYPE_NARROWED: {
      breaks: 'always',
      what: (v) => `type changed from ${describeTypes(v.old as number)} to ${describeTypes(v.new as number)}`,
      rejects: (v) => `${describeTypes((v.writer as number) & ~(v.reader as number))} values`,
      hint: 'keep the wider type; validate the narrower one in the producer, or add a new field with the narrower type',
    },
    TYPE_CHANGED: {
      breaks: 'always',
      what: (v) => `type changed from ${describeTypes(v.old as number)} to ${describeTypes(v.new as number)}`,
      rejects: (v) => `every value the writer produces (${describeTypes(v.writer as number)})`,
      hint: "never change a field's type in place: add a new field with the new type (optional, or with a default) and deprecate the old one",
    },
  },
  check(pair, ctx) {
    const writerDeclared = declaredTypes(pair.writer);
    const reader = pair.readerTypes;
    const produced = pair.writerTypes;
    if (produced === 0) return [];
    if ((produced & ~reader) === 0) {
      // Nothing the writer produces is rejected; report a widening of the declared type only.
      if (reader !== writerDeclared && (writerDeclared & ~reader) === 0 && pair.writer['type'] !== undefined) {
        return [ctx.change('TYPE_EXTENDED', { path: [], writer: writerDeclared, reader, subject: 'type' })];
      }
      return [];
    }
    const id = (produced & reader) !== 0 ? 'TYPE_NARROWED' : 'TYPE_CHANGED';
    return [ctx.change(id, { writer: produced, reader, subject: 'type' })];
  },
};
