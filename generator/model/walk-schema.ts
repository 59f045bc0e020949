// Visits every schema object reachable from a message's payload, key or headers once (schemas are
// cyclic graphs), with the JSON-pointer-like path it was first reached by.
import type { JsonSchema, MessageModel } from './registry.js';
import { isDataKeyword, isNameMap } from './schema-vocabulary.js';

export type SchemaVisitor = (node: Readonly<Record<string, unknown>>, path: string) => void;

export function walkSchema(root: JsonSchema | undefined, visit: SchemaVisitor, path = ''): void {
  const seen = new Set<object>();
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}/${i}`));
      return;
    }
    seen.add(node);
    const schema = node as Record<string, unknown>;
    visit(schema, at);
    for (const [key, value] of Object.entries(schema)) {
      if (isDataKeyword(key) || key.startsWith('x-')) continue;
      if (isNameMap(key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        // Names are data; lists of names (draft-07 `dependencies`) are not schemas.
        for (const [name, sub] of Object.entries(value)) if (!Array.isArray(sub)) walk(sub, `${at}/${key}/${name}`);
      } else walk(value, `${at}/${key}`);
    }
  };
  walk(root, path);
}

/** Walks a message's payload, key and headers, with paths like `payload/properties/eta`. */
export function walkMessageSchemas(message: MessageModel, visit: SchemaVisitor): void {
  walkSchema(message.payload, visit, 'payload');
  walkSchema(message.key, visit, 'key');
  walkSchema(message.headers, visit, 'headers');
}
