// Every schema compatibility rule, in the order they run. A plain array: listing, documenting and
// testing the rules is one loop over it.

import type { SchemaRule } from '../schema/rule.js';
import { rule as additionalProperties } from './additional-properties.js';
import { rule as cannotJudge } from './cannot-judge.js';
import { rule as combinedType } from './combined-type.js';
import { rule as constRule } from './const.js';
import { rule as contains } from './contains.js';
import { rule as defaultRule } from './default.js';
import { rule as dependencies } from './dependencies.js';
import { rule as enumRule } from './enum.js';
import { rule as format } from './format.js';
import { rule as items } from './items.js';
import { rule as maxContains } from './max-contains.js';
import { rule as maxItems } from './max-items.js';
import { rule as maxLength } from './max-length.js';
import { rule as maxProperties } from './max-properties.js';
import { rule as maximum } from './maximum.js';
import { rule as minContains } from './min-contains.js';
import { rule as minItems } from './min-items.js';
import { rule as minLength } from './min-length.js';
import { rule as minProperties } from './min-properties.js';
import { rule as minimum } from './minimum.js';
import { rule as multipleOf } from './multiple-of.js';
import { rule as not } from './not.js';
import { rule as pattern } from './pattern.js';
import { rule as patternProperties } from './pattern-properties.js';
import { rule as productType } from './product-type.js';
import { rule as propertyAdded } from './property-added.js';
import { rule as propertyNames } from './property-names.js';
import { rule as propertyRemoved } from './property-removed.js';
import { rule as propertySchema } from './property-schema.js';
import { rule as required } from './required.js';
import { rule as type } from './type.js';
import { rule as uniqueItems } from './unique-items.js';
import { rule as unknownKeyword } from './unknown-keyword.js';

export const schemaRules: readonly SchemaRule[] = [
  cannotJudge,
  combinedType,
  unknownKeyword,
  defaultRule,
  type,
  enumRule,
  constRule,
  minLength,
  maxLength,
  pattern,
  format,
  minimum,
  maximum,
  multipleOf,
  propertySchema,
  propertyAdded,
  propertyRemoved,
  required,
  additionalProperties,
  patternProperties,
  propertyNames,
  minProperties,
  maxProperties,
  dependencies,
  items,
  minItems,
  maxItems,
  uniqueItems,
  contains,
  minContains,
  maxContains,
  not,
  productType,
];
