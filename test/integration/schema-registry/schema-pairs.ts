// Schema changes on which evc's rules and the registry's own compatibility check are compared
// (test/integration/schema-registry/agreement.test.ts): old and new payload at a subject level.

import type { CompatibilityLevel } from '../../../generator/compat/levels.js';

export interface SchemaPair {
  readonly name: string;
  readonly level: CompatibilityLevel;
  readonly old: Record<string, unknown>;
  readonly new: Record<string, unknown>;
}

const closed = (properties: Record<string, unknown>, required: string[] = ['id']): Record<string, unknown> => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { id: { type: 'string' }, ...properties },
});
const open = (properties: Record<string, unknown>, required: string[] = ['id']): Record<string, unknown> => ({
  type: 'object',
  required,
  properties: { id: { type: 'string' }, ...properties },
});

export const PAIRS: readonly SchemaPair[] = [
  {
    name: 'optional property added to a closed model',
    level: 'BACKWARD',
    old: closed({}),
    new: closed({ note: { type: 'string' } }),
  },
  {
    name: 'required property added',
    level: 'BACKWARD',
    old: closed({}),
    new: closed({ note: { type: 'string' } }, ['id', 'note']),
  },
  {
    name: 'property type string → integer',
    level: 'BACKWARD',
    old: closed({ n: { type: 'string' } }),
    new: closed({ n: { type: 'integer' } }),
  },
  {
    name: 'enum value removed',
    level: 'BACKWARD',
    old: closed({ c: { enum: ['A', 'B'] } }),
    new: closed({ c: { enum: ['A'] } }),
  },
  {
    name: 'enum value added',
    level: 'BACKWARD',
    old: closed({ c: { enum: ['A'] } }),
    new: closed({ c: { enum: ['A', 'B'] } }),
  },
  {
    name: 'maxLength raised',
    level: 'BACKWARD',
    old: closed({ s: { type: 'string', maxLength: 10 } }),
    new: closed({ s: { type: 'string', maxLength: 20 } }),
  },
  {
    name: 'maxLength lowered',
    level: 'BACKWARD',
    old: closed({ s: { type: 'string', maxLength: 20 } }),
    new: closed({ s: { type: 'string', maxLength: 10 } }),
  },
  {
    name: 'minimum raised',
    level: 'BACKWARD',
    old: closed({ q: { type: 'integer', minimum: 0 } }),
    new: closed({ q: { type: 'integer', minimum: 10 } }),
  },
  {
    name: 'required property made optional',
    level: 'BACKWARD',
    old: closed({ note: { type: 'string' } }, ['id', 'note']),
    new: closed({ note: { type: 'string' } }),
  },
  {
    name: 'integer widened to number',
    level: 'BACKWARD',
    old: closed({ q: { type: 'integer' } }),
    new: closed({ q: { type: 'number' } }),
  },
  {
    name: 'property removed from a closed model',
    level: 'BACKWARD',
    old: closed({ note: { type: 'string' } }),
    new: closed({}),
  },
  {
    name: 'optional property added to an open model',
    level: 'BACKWARD',
    old: open({}),
    new: open({ note: { type: 'string' } }),
  },
  {
    name: 'optional property added to a closed model, FULL',
    level: 'FULL',
    old: closed({}),
    new: closed({ note: { type: 'string' } }),
  },
  {
    name: 'optional property added to an open model, FORWARD',
    level: 'FORWARD',
    old: open({}),
    new: open({ note: { type: 'string' } }),
  },
  {
    name: 'enum value added, FORWARD',
    level: 'FORWARD',
    old: closed({ c: { enum: ['A'] } }),
    new: closed({ c: { enum: ['A', 'B'] } }),
  },
  {
    name: 'pattern added',
    level: 'BACKWARD',
    old: closed({ s: { type: 'string' } }),
    new: closed({ s: { type: 'string', pattern: '^[A-Z]+$' } }),
  },
  {
    name: 'array items type changed',
    level: 'BACKWARD',
    old: closed({ a: { type: 'array', items: { type: 'string' } } }),
    new: closed({ a: { type: 'array', items: { type: 'integer' } } }),
  },
  {
    name: 'maxItems lowered',
    level: 'BACKWARD',
    old: closed({ a: { type: 'array', maxItems: 5 } }),
    new: closed({ a: { type: 'array', maxItems: 3 } }),
  },
  {
    name: 'NONE allows a type change',
    level: 'NONE',
    old: closed({ n: { type: 'string' } }),
    new: closed({ n: { type: 'integer' } }),
  },
];
