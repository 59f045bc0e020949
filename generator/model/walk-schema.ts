// Visits every schema object reachable from a message's payload, key or headers once (schemas are
// cyclic graphs), with the JSON-pointer-like path it was first reached by.
import type { JsonSchema, MessageModel } from './registry.js';
import { isDataKeyword, isNameMap } from './schema-vocabulary.js';

export type SchemaVisitor = (node: Readonly<Record<string, unknown>>, path: string) => void;

export function walkSchema(root: JsonSchema | undefined, visit: SchemaVisitor, path = ''): void {
  const seen = new Set<object>();
  // Paths are built only for objects not seen yet: most members are scalars or shared schemas met before.
  const unseen = (value: unknown): boolean => typeof value === 'object' && value !== null && !seen.has(value);
  const walk = (node: unknown, at: string): void => {
    if (!unseen(node)) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (unseen(item)) walk(item, `${at}/${i}`);
      });
      return;
    }
    seen.add(node as object);
    const schema = node as Record<string, unknown>;
    visit(schema, at);
    // Keys, not entries: no [key, value] pair allocated per member of every schema node.
    for (const key of Object.keys(schema)) {
      const value = schema[key];
      if (typeof value !== 'object' || value === null || isDataKeyword(key) || key.startsWith('x-')) continue;
      if (isNameMap(key) && !Array.isArray(value)) {
        // Names are data; lists of names (draft-07 `dependencies`) are not schemas.
        const names = value as Record<string, unknown>;
        for (const name of Object.keys(names)) {
          const sub = names[name];
          if (!Array.isArray(sub) && unseen(sub)) walk(sub, `${at}/${key}/${name}`);
        }
      } else if (unseen(value)) walk(value, `${at}/${key}`);
    }
  };
  walk(root, path);
}

/** One schema object a walk reached, with the path it was first reached by. */
export interface SchemaVisit {
  readonly node: Readonly<Record<string, unknown>>;
  readonly path: string;
}

/**
 * The walk of each message, done once for the five lint rules that walk every message's schemas (about
 * 10 ms of linting 400 messages: the repeated walks ran JIT-compiled code, so the first walk is most of the
 * cost). Kept per message with the schemas it walked (schema graphs are immutable once loaded; another
 * schema means another walk).
 */
const walks = new WeakMap<MessageModel, { schemas: readonly unknown[]; visits: readonly SchemaVisit[] }>();

/** The schema objects of a message's payload, key and headers in walk order, with paths like `payload/properties/eta`. */
export function messageSchemaVisits(message: MessageModel): readonly SchemaVisit[] {
  const schemas = [message.payload, message.key, message.headers];
  const known = walks.get(message);
  if (known !== undefined && known.schemas.every((schema, i) => schema === schemas[i])) return known.visits;
  const visits: SchemaVisit[] = [];
  const collect: SchemaVisitor = (node, path) => visits.push({ node, path });
  walkSchema(message.payload, collect, 'payload');
  walkSchema(message.key, collect, 'key');
  walkSchema(message.headers, collect, 'headers');
  walks.set(message, { schemas, visits });
  return visits;
}

/** Walks a message's payload, key and headers, with paths like `payload/properties/eta`. */
export function walkMessageSchemas(message: MessageModel, visit: SchemaVisitor): void {
  for (const { node, path } of messageSchemaVisits(message)) visit(node, path);
}
