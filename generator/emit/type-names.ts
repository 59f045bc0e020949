// Decides, once per registry, which schema nodes become named TypeScript types and what they are
// called. Names come from the contract — message names, `$ref` targets, schema titles — never
// from traversal order, so adding a schema never renames another (unlike `AnonymousSchema_3`).
import type { JsonSchema, MessageModel, Registry } from '../model/registry.js';
import { schemaOrigin } from '../model/registry.js';
import { NameAllocator, pascalCase } from './naming.js';

export interface MessageTypeNames {
  readonly payload: string;
  readonly key?: string;
  readonly headers?: string;
}

export interface TypeNames {
  /** Name of each schema node that gets its own declaration. */
  readonly nodes: ReadonlyMap<object, string>;
  /** Per message: the names of its payload, key and headers types (aliases when the node is named elsewhere). */
  readonly messages: ReadonlyMap<MessageModel, MessageTypeNames>;
  /** Declaration order: sorted by name for stable output. */
  readonly order: readonly object[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function assignTypeNames(registry: Registry, messageNames: ReadonlyMap<MessageModel, string>): TypeNames {
  // Candidates first, then allocation in a fixed order (by candidate name, then by location), so
  // the outcome depends on the contract's names only.
  const candidates = new Map<object, string>();
  const roleNames = new Map<MessageModel, { payload: string; key?: string; headers?: string }>();
  const visited = new Set<object>();

  const nameOf = (node: Record<string, unknown>): string | undefined => {
    const ref = schemaOrigin(node)?.refName;
    if (ref) return pascalCase(ref);
    return typeof node.title === 'string' && node.title.trim() !== '' ? pascalCase(node.title) : undefined;
  };

  const visit = (schema: unknown, depth: number): void => {
    if (!isObject(schema) || visited.has(schema) || depth > 200) return;
    visited.add(schema);
    const named = nameOf(schema);
    if (named && !candidates.has(schema)) candidates.set(schema, named);
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples' || key === 'required') continue;
      if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
      else if (isObject(value)) {
        if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions')
          Object.values(value).forEach((v) => visit(v, depth + 1));
        else visit(value, depth + 1);
      }
    }
  };

  for (const message of registry.messages) {
    const base = messageNames.get(message) ?? pascalCase(message.name);
    const role = (schema: JsonSchema | undefined, suffix: string): string | undefined => {
      if (schema === undefined) return undefined;
      const own = `${base}${suffix}`;
      if (isObject(schema)) {
        // A shared component keeps its own name; otherwise the message names it.
        const refName = schemaOrigin(schema)?.refName;
        if (!candidates.has(schema)) candidates.set(schema, refName ? pascalCase(refName) : own);
      }
      return own;
    };
    roleNames.set(message, {
      payload: role(message.payload, '') ?? base,
      ...opt('key', role(message.key, 'Key')),
      ...opt('headers', role(message.headers, 'Headers')),
    });
    for (const schema of [message.payload, message.key, message.headers]) visit(schema, 0);
  }

  const allocator = new NameAllocator();
  const nodes = new Map<object, string>();
  const messages = new Map<MessageModel, MessageTypeNames>();
  // Message role names are claimed first: they are the names users type most.
  for (const message of registry.messages) {
    const names = roleNames.get(message)!;
    const claimed: MessageTypeNames = {
      payload: allocator.claim(names.payload),
      ...opt('key', names.key ? allocator.claim(names.key) : undefined),
      ...opt('headers', names.headers ? allocator.claim(names.headers) : undefined),
    };
    messages.set(message, claimed);
    for (const [schema, claimedName, ownName] of [
      [message.payload, claimed.payload, names.payload],
      [message.key, claimed.key, names.key],
      [message.headers, claimed.headers, names.headers],
    ] as const) {
      if (isObject(schema) && candidates.get(schema) === ownName && !nodes.has(schema) && claimedName)
        nodes.set(schema, claimedName);
    }
  }
  const rest = [...candidates.entries()].filter(([node]) => !nodes.has(node));
  rest.sort(([a, an], [b, bn]) =>
    an < bn ? -1 : an > bn ? 1 : locationKey(a) < locationKey(b) ? -1 : locationKey(a) > locationKey(b) ? 1 : 0,
  );
  for (const [node, name] of rest) nodes.set(node, allocator.claim(name));
  const order = [...nodes.entries()].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([node]) => node);
  return { nodes, messages, order };
}

function locationKey(node: object): string {
  const at = schemaOrigin(node)?.location;
  return at ? `${at.file}:${String(at.line).padStart(8, '0')}:${String(at.column).padStart(6, '0')}` : '';
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
