// Every Avro compatibility rule, in the order they run. A plain array, like the JSON Schema rules:
// listing, documenting and testing them is one loop over it.

import type { AvroRule } from '../avro/rule.js';
import { rule as arrayItems } from './array-items.js';
import { rule as enumDefault } from './enum-default.js';
import { rule as enumSymbols } from './enum-symbols.js';
import { rule as fieldAlias } from './field-alias.js';
import { rule as fieldType } from './field-type.js';
import { rule as fixedSize } from './fixed-size.js';
import { rule as logicalType } from './logical-type.js';
import { rule as mapValues } from './map-values.js';
import { rule as namedType } from './named-type.js';
import { rule as readerField } from './reader-field.js';
import { rule as type } from './type.js';
import { rule as union } from './union.js';
import { rule as unreadable } from './unreadable.js';
import { rule as writerField } from './writer-field.js';

export const avroRules: readonly AvroRule[] = [
  union,
  type,
  namedType,
  readerField,
  writerField,
  fieldAlias,
  fieldType,
  enumSymbols,
  enumDefault,
  fixedSize,
  arrayItems,
  mapValues,
  logicalType,
  unreadable,
];
