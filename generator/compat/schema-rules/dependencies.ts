// `dependencies` (draft-07) and `dependentRequired`/`dependentSchemas` (2019-09): "if property X is
// present, then ...". A reader may drop or relax such conditions, never add or tighten them.

import type { JsonSchema, SchemaObject } from '../../model/registry.js';
import { isSchemaObject } from '../schema/graph.js';
import type { SchemaDifference, SchemaRule } from '../schema/rule.js';
import { T_OBJECT } from '../schema/types.js';
import { showList } from '../schema/values.js';

export const id = 'DEPENDENCIES';
export const description = 'A reader may remove or relax property dependencies, never add or extend them.';

const arrayChange = (v: { old: unknown; new: unknown; subject?: string }): string =>
  `dependency of '${v.subject}' changed from ${Array.isArray(v.old) ? `[${showList(v.old)}]` : 'none'} to ${Array.isArray(v.new) ? `[${showList(v.new)}]` : 'none'}`;

export const rule: SchemaRule = {
  id,
  description,
  appliesToTypes: T_OBJECT,
  changes: {
    DEPENDENCY_ARRAY_ADDED: {
      breaks: 'always',
      what: arrayChange,
      rejects: (v) => `records with '${v.subject}' but without ${showList(v.reader as unknown[])}`,
      hint: 'enforce the dependency in the producer only',
    },
    DEPENDENCY_ARRAY_REMOVED: { breaks: 'never', what: arrayChange },
    DEPENDENCY_ARRAY_EXTENDED: {
      breaks: 'always',
      what: arrayChange,
      rejects: (v) => `records with '${v.subject}' that lack one of ${showList(v.reader as unknown[])}`,
      hint: 'enforce the stricter dependency in the producer only',
    },
    DEPENDENCY_ARRAY_NARROWED: { breaks: 'never', what: arrayChange },
    DEPENDENCY_ARRAY_CHANGED: {
      breaks: 'always',
      what: arrayChange,
      rejects: (v) => `records with '${v.subject}' that lack one of ${showList(v.reader as unknown[])}`,
      hint: 'only remove names from a dependency',
    },
    DEPENDENCY_SCHEMA_ADDED: {
      breaks: 'always',
      what: (v) => `dependent schema for '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`,
      rejects: (v) => `records with '${v.subject}' that do not match the new dependent schema`,
      hint: 'enforce the condition in the producer only',
    },
    DEPENDENCY_SCHEMA_REMOVED: {
      breaks: 'never',
      what: (v) => `dependent schema for '${v.subject}' ${v.old === undefined ? 'added' : 'removed'}`,
    },
  },
  check(pair, ctx) {
    const w = dependenciesOf(pair.writer);
    const r = dependenciesOf(pair.reader);
    const found: SchemaDifference[] = [];
    for (const name of new Set([...w.arrays.keys(), ...r.arrays.keys()])) {
      const wa = w.arrays.get(name);
      const ra = r.arrays.get(name);
      const at = { path: ['dependencies', name], subject: name, writer: wa, reader: ra };
      if (!ra) found.push(ctx.change('DEPENDENCY_ARRAY_REMOVED', at));
      else if (!wa) found.push(ctx.change('DEPENDENCY_ARRAY_ADDED', at));
      else {
        const extra = ra.filter((x) => !wa.includes(x));
        const dropped = wa.filter((x) => !ra.includes(x));
        if (extra.length === 0 && dropped.length === 0) continue;
        found.push(
          ctx.change(
            extra.length === 0
              ? 'DEPENDENCY_ARRAY_NARROWED'
              : dropped.length === 0
                ? 'DEPENDENCY_ARRAY_EXTENDED'
                : 'DEPENDENCY_ARRAY_CHANGED',
            at,
          ),
        );
      }
    }
    for (const name of new Set([...w.schemas.keys(), ...r.schemas.keys()])) {
      const ws = w.schemas.get(name);
      const rs = r.schemas.get(name);
      const path = ['dependencies', name];
      if (rs === undefined)
        found.push(ctx.change('DEPENDENCY_SCHEMA_REMOVED', { path, subject: name, writer: ws, reader: undefined }));
      else if (ws === undefined)
        found.push(ctx.change('DEPENDENCY_SCHEMA_ADDED', { path, subject: name, writer: undefined, reader: rs }));
      else found.push(...ctx.compare(ws, rs, path));
    }
    return found;
  },
};

function dependenciesOf(schema: SchemaObject): { arrays: Map<string, string[]>; schemas: Map<string, JsonSchema> } {
  const arrays = new Map<string, string[]>();
  const schemas = new Map<string, JsonSchema>();
  for (const keyword of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
    const value = schema[keyword];
    if (!isSchemaObject(value)) continue;
    for (const [name, dep] of Object.entries(value)) {
      if (Array.isArray(dep))
        arrays.set(
          name,
          dep.filter((d): d is string => typeof d === 'string'),
        );
      else if (typeof dep === 'boolean' || isSchemaObject(dep)) schemas.set(name, dep);
    }
  }
  return { arrays, schemas };
}
