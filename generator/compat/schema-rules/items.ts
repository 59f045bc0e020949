// Array items, in both forms: one schema for every item (`items`), or a tuple of positional
// schemas (`items: [...]` + `additionalItems`, draft-07 and 2019-09). 2020-12's `prefixItems` is not
// enforced by the generated validators, so it is left to UNKNOWN_KEYWORD.
// Tuples are content models like objects: a position the reader adds or drops is judged by what the
// other side allowed at that position (closed, open, or a schema for additional items).

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { isEmptySchema } from '../schema/graph.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { hasBreaking } from '../schema/rule.js';
import { T_ARRAY } from '../schema/types.js';
import { describeSchema } from '../schema/values.js';

export const id = 'ITEMS';
export const description =
  'Item schemas are compared recursively; tuple positions added or removed must fit what the other side allowed.';

interface Tuple {
  readonly prefix: readonly JsonSchema[];
  readonly rest: JsonSchema | undefined;
  readonly prefixKeyword: string;
  readonly restKeyword: string;
}

function tupleOf(schema: SchemaObject): Tuple {
  if (Array.isArray(schema['items'])) {
    return {
      prefix: schema['items'] as JsonSchema[],
      rest: schema['additionalItems'] as JsonSchema | undefined,
      prefixKeyword: 'items',
      restKeyword: 'additionalItems',
    };
  }
  return { prefix: [], rest: schema['items'] as JsonSchema | undefined, prefixKeyword: 'items', restKeyword: 'items' };
}

const position = (v: { subject?: string; old: unknown }): string =>
  `tuple item ${v.subject} ${v.old === undefined ? 'added' : 'removed'}`;
const itemsWhat = (v: { old: unknown; new: unknown }): string =>
  `items changed from ${v.old === undefined ? 'unconstrained' : describeSchema(v.old)} to ${v.new === undefined ? 'unconstrained' : describeSchema(v.new)}`;

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_ARRAY,
  changes: {
    SCHEMA_ADDED: {
      breaks: 'always',
      what: itemsWhat,
      rejects: (v) => `items that are not ${describeSchema(v.reader)}`,
      hint: 'constrain items in the producer only, or introduce a new field',
    },
    SCHEMA_REMOVED: { breaks: 'never', what: itemsWhat },
    ITEM_ADDED_TO_OPEN_CONTENT_MODEL: {
      breaks: 'always',
      what: position,
      rejects: (v) => `arrays whose item ${v.subject} does not match ${describeSchema(v.reader)}`,
      hint: 'constrain additional items first, or append the position with an unconstrained schema',
    },
    ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_ADDED_TO_CLOSED_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'always',
      what: position,
      rejects: (v) => `item ${v.subject} values the additional items schema allowed`,
      hint: 'give the new position a schema that accepts what additional items allowed',
    },
    ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL: {
      breaks: 'always',
      what: position,
      rejects: () => 'arrays as long as the writer allowed',
      hint: 'keep the position, or allow additional items',
    },
    ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: { breaks: 'never', what: position },
    ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL: {
      breaks: 'always',
      what: position,
      rejects: (v) => `item ${v.subject} values the additional items schema does not accept`,
      hint: 'keep the position, or widen the additional items schema',
    },
    ADDITIONAL_ITEMS_ADDED: {
      breaks: 'never',
      what: (v) => `additional items ${v.new === false ? 'forbidden' : 'allowed'}`,
    },
    ADDITIONAL_ITEMS_REMOVED: {
      breaks: 'always',
      what: (v) => `additional items ${v.new === false ? 'forbidden' : 'allowed'}`,
      rejects: () => 'arrays longer than the tuple',
      hint: 'keep allowing additional items',
    },
    ADDITIONAL_ITEMS_NARROWED: {
      breaks: 'always',
      what: itemsWhat,
      rejects: (v) => `additional items that are not ${describeSchema(v.reader)}`,
      hint: 'keep additional items unconstrained',
    },
    ADDITIONAL_ITEMS_EXTENDED: { breaks: 'never', what: itemsWhat },
  },
  check(pair, ctx) {
    const w = tupleOf(pair.writer);
    const r = tupleOf(pair.reader);
    const found: SchemaDifference[] = [];
    const empty = (s: JsonSchema | undefined): boolean => s === undefined || isEmptySchema(s);
    if (w.prefix.length === 0 && r.prefix.length === 0) {
      if (empty(r.rest))
        return empty(w.rest) ? [] : [ctx.change('SCHEMA_REMOVED', { path: ['items'], writer: w.rest, reader: r.rest })];
      if (empty(w.rest)) return [ctx.change('SCHEMA_ADDED', { path: ['items'], writer: w.rest, reader: r.rest })];
      return ctx.compare(w.rest, r.rest, ['items']);
    }
    const prefixKeyword = r.prefix.length > 0 ? r.prefixKeyword : w.prefixKeyword;
    for (let i = 0; i < Math.max(w.prefix.length, r.prefix.length); i++) {
      const wi = w.prefix[i];
      const ri = r.prefix[i];
      const path = [prefixKeyword, String(i)];
      const at = { path, subject: String(i), writer: wi, reader: ri };
      if (wi !== undefined && ri !== undefined) {
        found.push(...ctx.compare(wi, ri, path));
      } else if (ri !== undefined) {
        if (w.rest === false) found.push(ctx.change('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', at));
        else if (empty(w.rest))
          found.push(
            ctx.change(
              empty(ri) ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
              at,
            ),
          );
        else {
          const sub = ctx.compare(w.rest, ri, path);
          found.push(
            ...sub,
            ctx.change(
              hasBreaking(sub)
                ? 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
                : 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
              { ...at, causes: sub },
            ),
          );
        }
      } else if (wi !== undefined) {
        if (empty(r.rest)) found.push(ctx.change('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', at));
        else if (r.rest === false)
          found.push(
            ctx.change(
              wi === false
                ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
                : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
              at,
            ),
          );
        else {
          const sub = ctx.compare(wi, r.rest, path);
          found.push(
            ...sub,
            ctx.change(
              hasBreaking(sub)
                ? 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
                : 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
              { ...at, causes: sub },
            ),
          );
        }
      }
    }
    const restKeyword = r.prefix.length > 0 ? r.restKeyword : w.restKeyword;
    const at = { path: [restKeyword], writer: w.rest, reader: r.rest };
    const wPermits = w.rest !== false;
    const rPermits = r.rest !== false;
    if (wPermits !== rPermits)
      found.push(ctx.change(rPermits ? 'ADDITIONAL_ITEMS_ADDED' : 'ADDITIONAL_ITEMS_REMOVED', at));
    else if (wPermits) {
      if (empty(w.rest) && !empty(r.rest)) found.push(ctx.change('ADDITIONAL_ITEMS_NARROWED', at));
      else if (!empty(w.rest) && empty(r.rest)) found.push(ctx.change('ADDITIONAL_ITEMS_EXTENDED', at));
      else if (!empty(w.rest) && !empty(r.rest)) found.push(...ctx.compare(w.rest, r.rest, [restKeyword]));
    }
    return found;
  },
};
