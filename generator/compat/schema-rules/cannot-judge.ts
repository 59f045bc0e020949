// Schemas the checker cannot judge are reported as breaking, never assumed compatible. A schema that
// refers back to itself without moving into a property or item (`D = anyOf [integer, D]`) makes the
// validators recurse until the stack overflows, so what it accepts is not defined: any change to a
// pair where either side can do that is "cannot judge" (lint refuses such schemas in proposed
// contracts; a baseline may still hold one). Comparisons nested deeper than the engine allows (see
// schema/compare.ts) are "cannot judge" too, rather than a crash.

import type { SchemaObject } from '../../model/registry.js';
import { recursesInPlace } from '../../model/schema-recursion.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';

export const id = 'CANNOT_JUDGE';
export const description =
  'A changed schema the checker cannot judge (recursion that never moves into the value, nesting too deep to compare) is breaking.';

export const rule: SchemaRule = {
  id,
  description,
  changes: {
    UNGUARDED_RECURSION: {
      breaks: 'always',
      what: () => 'a schema that refers back to itself without moving into a property or item changed',
      rejects: () => 'possibly anything: validators recurse without end on such a schema',
      hint: 'make the recursion go through a property or array item (e.g. `children: {items: {$ref: ...}}`)',
    },
    // Reported by the comparison engine (schema/compare.ts) when it reaches its nesting limit.
    COMPARISON_TOO_DEEP: {
      breaks: 'always',
      what: () => 'a schema nested deeper than evc check compares changed',
      rejects: () => 'possibly anything: the change was not compared',
      hint: 'flatten the schema (fewer nested levels or $ref hops), or review this change by hand with --level NONE',
    },
  },
  precheck(writer: SchemaObject, reader: SchemaObject, ctx): readonly SchemaDifference[] | undefined {
    if (!recursesInPlace(writer) && !recursesInPlace(reader)) return undefined;
    return [ctx.change('UNGUARDED_RECURSION')];
  },
  check: () => [],
};
