// Avro schema JSON (as written: strings, unions as arrays, nested definitions) turned into the graph
// that schema resolution walks: named types with their full names and aliases, references by name
// resolved to the one definition (so recursive records are cycles), and each node tied to the JSON
// object it was written in, for source locations. The loader has already refused invalid Avro; a
// name this cannot resolve throws AvroSchemaGraphError, which the comparison reports as "cannot judge".

export const AVRO_PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type AvroPrimitive = (typeof AVRO_PRIMITIVES)[number];

/** Where a node is written: the closest JSON object and the member segments from it to the node. */
export interface AvroSource {
  readonly json?: object;
  readonly at: readonly string[];
}

/** `logicalType` and the attributes that belong to it (decimal's precision and scale). */
export interface AvroLogicalType {
  readonly name: string;
  readonly precision?: number;
  readonly scale?: number;
}

interface NodeBase extends AvroSource {
  readonly logical?: AvroLogicalType;
}

export interface AvroPrimitiveNode extends NodeBase {
  readonly kind: AvroPrimitive;
}

export interface AvroNamed extends NodeBase {
  readonly fullName: string;
  /** The unqualified name: what Avro resolution matches records, enums and fixed types by. */
  readonly name: string;
  /** Full names (aliases are relative to the type's namespace). */
  readonly aliases: readonly string[];
}

export interface AvroField {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: AvroNode;
  readonly hasDefault: boolean;
  readonly default?: unknown;
  /** The field's JSON object. */
  readonly json?: object;
}

export interface AvroRecordNode extends AvroNamed {
  readonly kind: 'record';
  readonly fields: AvroField[];
}

export interface AvroEnumNode extends AvroNamed {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface AvroFixedNode extends AvroNamed {
  readonly kind: 'fixed';
  readonly size: number;
}

export interface AvroArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: AvroNode;
}

export interface AvroMapNode extends NodeBase {
  readonly kind: 'map';
  readonly values: AvroNode;
}

export interface AvroUnionNode extends NodeBase {
  readonly kind: 'union';
  readonly branches: readonly AvroNode[];
}

export type AvroNamedNode = AvroRecordNode | AvroEnumNode | AvroFixedNode;
export type AvroNode = AvroPrimitiveNode | AvroNamedNode | AvroArrayNode | AvroMapNode | AvroUnionNode;

export class AvroSchemaGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AvroSchemaGraphError';
  }
}

export function isNamed(node: AvroNode): node is AvroNamedNode {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed';
}

export function isPrimitive(kind: string): kind is AvroPrimitive {
  return (AVRO_PRIMITIVES as readonly string[]).includes(kind);
}

/** How a node is named in messages and paths: its type, or the full name of a named type. */
export function nodeLabel(node: AvroNode): string {
  if (isNamed(node)) return node.fullName;
  if (node.kind === 'array') return `array<${nodeLabel(node.items)}>`;
  if (node.kind === 'map') return `map<${nodeLabel(node.values)}>`;
  if (node.kind === 'union') return `[${node.branches.map(nodeLabel).join(', ')}]`;
  return node.logical ? `${node.kind} (${node.logical.name})` : node.kind;
}

/** The segment a union branch is addressed by in paths: its type name, or a named type's full name. */
export function branchKey(node: AvroNode): string {
  return isNamed(node) ? node.fullName : node.kind;
}

/**
 * Builds the graph of one schema. `types` are named types defined elsewhere (other `.avsc` files a
 * schema references by name), parsed first so references to them resolve.
 */
export function avroSchemaGraph(schema: unknown, types: readonly unknown[] = []): AvroNode {
  const names = new Map<string, AvroNamedNode>();
  const builder = new GraphBuilder(names);
  for (const t of types) builder.build(t, '', { at: [] });
  return builder.build(schema, '', { at: [] });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class GraphBuilder {
  constructor(private readonly names: Map<string, AvroNamedNode>) {}

  build(schema: unknown, namespace: string, source: AvroSource): AvroNode {
    if (typeof schema === 'string') return this.reference(schema, namespace, source);
    if (Array.isArray(schema)) {
      const branches = schema.map((branch, i) =>
        this.build(
          branch,
          namespace,
          typeof branch === 'object' && branch !== null
            ? { json: branch as object, at: [] }
            : { ...source, at: [...source.at, String(i)] },
        ),
      );
      return { kind: 'union', branches, ...source };
    }
    if (typeof schema !== 'object' || schema === null)
      throw new AvroSchemaGraphError(`not an Avro schema: ${JSON.stringify(schema)}`);
    const json = schema as Record<string, unknown>;
    const here: AvroSource = { json, at: [] };
    const type = json['type'];
    const logical = logicalTypeOf(json);
    if (typeof type !== 'string') {
      // `{"type": [..]}` or `{"type": {..}}`: the wrapped schema, as avsc reads it.
      return this.build(type, namespace, { json, at: ['type'] });
    }
    if (isPrimitive(type)) return { kind: type, ...here, ...(logical ? { logical } : {}) };
    switch (type) {
      case 'array':
        return { kind: 'array', items: this.build(json['items'], namespace, child(json, 'items')), ...here };
      case 'map':
        return { kind: 'map', values: this.build(json['values'], namespace, child(json, 'values')), ...here };
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return this.named(json, type === 'error' ? 'record' : type, namespace, logical);
      default:
        // `{"type": "com.example.Money"}`: a reference written as an object.
        return this.reference(type, namespace, { json, at: ['type'] });
    }
  }

  private reference(name: string, namespace: string, source: AvroSource): AvroNode {
    if (isPrimitive(name)) return { kind: name, ...source };
    // As Avro's Java parser: the name in the enclosing namespace, else the name as written.
    const found = this.names.get(qualify(name, namespace)) ?? this.names.get(name);
    if (!found) throw new AvroSchemaGraphError(`unknown Avro type ${JSON.stringify(name)}`);
    return found;
  }

  private named(
    json: Record<string, unknown>,
    kind: 'record' | 'enum' | 'fixed',
    enclosing: string,
    logical: AvroLogicalType | undefined,
  ): AvroNamedNode {
    const written = json['name'];
    if (typeof written !== 'string') throw new AvroSchemaGraphError(`an Avro ${kind} needs a name`);
    const ns = typeof json['namespace'] === 'string' ? json['namespace'] : enclosing;
    const fullName = qualify(written, ns);
    const namespace = namespaceOf(fullName);
    const aliases = stringsOf(json['aliases']).map((a) => qualify(a, namespace));
    const base = { fullName, name: unqualified(fullName), aliases, json, at: [] as string[] };
    let node: AvroNamedNode;
    if (kind === 'enum') {
      const def = json['default'];
      node = {
        kind,
        ...base,
        symbols: stringsOf(json['symbols']),
        ...(typeof def === 'string' ? { default: def } : {}),
      };
    } else if (kind === 'fixed') {
      node = {
        kind,
        ...base,
        size: typeof json['size'] === 'number' ? json['size'] : -1,
        ...(logical ? { logical } : {}),
      };
    } else {
      node = { kind, ...base, fields: [] };
    }
    // Registered before the fields are built, so a record may refer to itself.
    this.names.set(fullName, node);
    if (node.kind === 'record') {
      const fields = Array.isArray(json['fields']) ? (json['fields'] as unknown[]) : [];
      const target = node.fields as Mutable<AvroField>[];
      for (const f of fields) {
        if (typeof f !== 'object' || f === null) continue;
        const field = f as Record<string, unknown>;
        const name = field['name'];
        if (typeof name !== 'string') throw new AvroSchemaGraphError(`a field of ${fullName} has no name`);
        target.push({
          name,
          aliases: stringsOf(field['aliases']),
          type: this.build(field['type'], namespace, child(field, 'type')),
          hasDefault: 'default' in field,
          ...('default' in field ? { default: field['default'] } : {}),
          json: field,
        });
      }
    }
    return node;
  }
}

function child(json: object, key: string): AvroSource {
  const value = (json as Record<string, unknown>)[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? { json: value, at: [] }
    : { json, at: [key] };
}

function logicalTypeOf(json: Record<string, unknown>): AvroLogicalType | undefined {
  const name = json['logicalType'];
  if (typeof name !== 'string') return undefined;
  const precision = json['precision'];
  const scale = json['scale'];
  return {
    name,
    ...(typeof precision === 'number' ? { precision } : {}),
    ...(typeof scale === 'number' ? { scale } : {}),
  };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

export function unqualified(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
