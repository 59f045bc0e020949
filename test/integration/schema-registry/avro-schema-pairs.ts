// Avro schema changes on which evc's Avro rules and the registry's own compatibility check are
// compared (test/integration/schema-registry/avro-agreement.test.ts): the registered history (oldest
// first) and the new schema, at a subject level. They cover what issue 14 lists: fields added and
// removed with and without defaults, promotions, enum symbols and defaults, unions, aliases,
// namespaces, fixed sizes, arrays and maps, logical types, and a transitive level.

import type { CompatibilityLevel } from '../../../generator/compat/levels.js';

export interface AvroSchemaPair {
  readonly name: string;
  readonly level: CompatibilityLevel;
  /** Registered versions, oldest first. */
  readonly history: readonly unknown[];
  readonly new: unknown;
}

const order = (fields: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'record',
  name: 'com.example.Order',
  fields: [{ name: 'id', type: 'string' }, ...fields],
  ...extra,
});
const status = (symbols: string[], extra: Record<string, unknown> = {}): Record<string, unknown> =>
  order([{ name: 'status', type: { type: 'enum', name: 'com.example.Status', symbols, ...extra } }]);

export const AVRO_PAIRS: readonly AvroSchemaPair[] = [
  {
    name: 'field added with a default',
    level: 'BACKWARD',
    history: [order([])],
    new: order([{ name: 'note', type: 'string', default: '' }]),
  },
  {
    name: 'field added without a default',
    level: 'BACKWARD',
    history: [order([])],
    new: order([{ name: 'note', type: 'string' }]),
  },
  {
    name: 'field without a default removed',
    level: 'FORWARD',
    history: [order([{ name: 'note', type: 'string' }])],
    new: order([]),
  },
  {
    name: 'field with a default removed',
    level: 'FORWARD',
    history: [order([{ name: 'note', type: 'string', default: '' }])],
    new: order([]),
  },
  {
    name: 'int promoted to long',
    level: 'BACKWARD',
    history: [order([{ name: 'qty', type: 'int' }])],
    new: order([{ name: 'qty', type: 'long' }]),
  },
  {
    name: 'int promoted to long',
    level: 'FORWARD',
    history: [order([{ name: 'qty', type: 'int' }])],
    new: order([{ name: 'qty', type: 'long' }]),
  },
  {
    name: 'long narrowed to int',
    level: 'BACKWARD',
    history: [order([{ name: 'qty', type: 'long' }])],
    new: order([{ name: 'qty', type: 'int' }]),
  },
  {
    name: 'float promoted to double',
    level: 'BACKWARD',
    history: [order([{ name: 'x', type: 'float' }])],
    new: order([{ name: 'x', type: 'double' }]),
  },
  {
    name: 'string to bytes',
    level: 'FULL',
    history: [order([{ name: 'blob', type: 'string' }])],
    new: order([{ name: 'blob', type: 'bytes' }]),
  },
  {
    name: 'string to int',
    level: 'BACKWARD',
    history: [order([{ name: 'qty', type: 'string' }])],
    new: order([{ name: 'qty', type: 'int' }]),
  },
  { name: 'enum symbol added', level: 'BACKWARD', history: [status(['OPEN'])], new: status(['OPEN', 'HELD']) },
  { name: 'enum symbol added', level: 'FORWARD', history: [status(['OPEN'])], new: status(['OPEN', 'HELD']) },
  { name: 'enum symbol removed', level: 'BACKWARD', history: [status(['OPEN', 'HELD'])], new: status(['OPEN']) },
  {
    name: 'enum symbol removed, new enum default',
    level: 'BACKWARD',
    history: [status(['OPEN', 'HELD', 'OTHER'])],
    new: status(['OPEN', 'OTHER'], { default: 'OTHER' }),
  },
  {
    name: 'field widened to a null union',
    level: 'BACKWARD',
    history: [order([{ name: 'note', type: 'string' }])],
    new: order([{ name: 'note', type: ['null', 'string'] }]),
  },
  {
    name: 'null union narrowed to its type',
    level: 'BACKWARD',
    history: [order([{ name: 'note', type: ['null', 'string'], default: null }])],
    new: order([{ name: 'note', type: 'string' }]),
  },
  {
    name: 'union branch added',
    level: 'FORWARD',
    history: [order([{ name: 'v', type: ['null', 'string'] }])],
    new: order([{ name: 'v', type: ['null', 'string', 'long'] }]),
  },
  {
    name: 'namespace changed alone',
    level: 'FULL',
    history: [order([])],
    new: { ...order([]), name: 'org.other.Order' },
  },
  {
    name: 'record renamed without an alias',
    level: 'BACKWARD',
    history: [order([])],
    new: { ...order([]), name: 'com.example.Purchase' },
  },
  {
    name: 'record renamed with an alias',
    level: 'BACKWARD',
    history: [order([])],
    new: { ...order([]), name: 'com.example.Purchase', aliases: ['com.example.Order'] },
  },
  {
    name: 'field renamed with an alias',
    level: 'BACKWARD',
    history: [order([{ name: 'qty', type: 'int' }])],
    new: order([{ name: 'quantity', type: 'int', aliases: ['qty'] }]),
  },
  {
    name: 'fixed size changed',
    level: 'BACKWARD',
    history: [order([{ name: 'hash', type: { type: 'fixed', name: 'com.example.Hash', size: 16 } }])],
    new: order([{ name: 'hash', type: { type: 'fixed', name: 'com.example.Hash', size: 32 } }]),
  },
  {
    name: 'array items promoted',
    level: 'BACKWARD',
    history: [order([{ name: 'xs', type: { type: 'array', items: 'int' } }])],
    new: order([{ name: 'xs', type: { type: 'array', items: 'long' } }]),
  },
  {
    name: 'map values changed type',
    level: 'BACKWARD',
    history: [order([{ name: 'm', type: { type: 'map', values: 'string' } }])],
    new: order([{ name: 'm', type: { type: 'map', values: 'int' } }]),
  },
  {
    name: 'timestamp-millis to timestamp-micros (a warning only)',
    level: 'FULL',
    history: [order([{ name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }])],
    new: order([{ name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } }]),
  },
  {
    name: 'type changed at level NONE',
    level: 'NONE',
    history: [order([{ name: 'qty', type: 'string' }])],
    new: order([{ name: 'qty', type: 'int' }]),
  },
  {
    name: 'field dropped its default two versions ago',
    level: 'BACKWARD_TRANSITIVE',
    history: [order([]), order([{ name: 'note', type: 'string', default: '' }])],
    new: order([{ name: 'note', type: 'string' }]),
  },
  {
    name: 'field dropped its default two versions ago (latest only)',
    level: 'BACKWARD',
    history: [order([]), order([{ name: 'note', type: 'string', default: '' }])],
    new: order([{ name: 'note', type: 'string' }]),
  },
];
