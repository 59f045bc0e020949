// Checks one Avro schema as written and turns it into the model's normalised form (see
// generator/model/avro-payload.ts): full names, named types inlined once at their first use, types
// other schemas of the registry define copied in. Each problem is a located diagnostic naming what
// to do; recursive types are refused here (see avroRecursiveType).
import type { AvroNamedSchema, AvroSchema, AvroSchemaObject } from '../model/avro-payload.js';
import type { Diagnostic, SourceLocation } from '../model/registry.js';
import { isUnresolvedRef, locationOf, memberLocationOf, setNodeLocation } from '../model/registry.js';
import {
  NAMED_KINDS,
  PRIMITIVE_TYPES,
  fullNameOf,
  isValidFullName,
  isValidName,
  namespaceOf,
  referenceCandidates,
} from './avro-names.js';
import type { NamedTypeDefinition } from './named-type-index.js';
import {
  avroDuplicateName,
  avroRecursiveType,
  avroSchemaInvalid,
  avroUnionDuplicate,
  avroUnionNested,
  avroUnknownType,
} from './avro-rules.js';
import type { LintRule } from '../lint/rule.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A record field with a default, for the default check once every named type is known. */
export interface FieldDefault {
  readonly record: string;
  readonly field: string;
  /** The field's type, normalised. */
  readonly type: AvroSchema;
  readonly value: unknown;
  readonly at: SourceLocation;
}

export interface NormalisedSchema {
  readonly schema: AvroSchema;
  readonly namedTypes: ReadonlyMap<string, AvroNamedSchema>;
  readonly defaults: readonly FieldDefault[];
  readonly enumDefaults: readonly {
    readonly symbols: readonly string[];
    readonly value: unknown;
    readonly at: SourceLocation;
  }[];
}

/** Where a node was written: the member of its parent that holds it, else the parent. */
interface Place {
  readonly parent: unknown;
  readonly key: string;
}

export function normaliseAvroSchema(
  written: unknown,
  fallback: SourceLocation,
  external: ReadonlyMap<string, NamedTypeDefinition>,
  what: string,
): NormalisedSchema | { readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const namedTypes = new Map<string, AvroNamedSchema>();
  const definedAt = new Map<string, SourceLocation>();
  const inProgress = new Set<string>();
  const onStack = new Set<object>();
  const defaults: FieldDefault[] = [];
  let unresolved = false;
  const enumDefaults: { symbols: readonly string[]; value: unknown; at: SourceLocation }[] = [];

  const at = (place: Place | undefined, node?: unknown): SourceLocation =>
    (node !== undefined ? locationOf(node) : undefined) ??
    (place ? memberLocationOf(place.parent, place.key) : undefined) ??
    fallback;
  const report = (rule: LintRule, where: SourceLocation, message: string, hint?: string): void => {
    diagnostics.push({
      ...where,
      severity: 'error',
      rule: rule.id,
      message: `${what}: ${message}`,
      ...(hint ? { hint } : {}),
    });
  };
  const located = <T extends object>(copy: T, from: unknown, place: Place | undefined): T => {
    setNodeLocation(copy, at(place, from));
    return copy;
  };

  const reference = (name: string, namespace: string | undefined, place: Place | undefined): AvroSchema | undefined => {
    if (PRIMITIVE_TYPES.has(name)) return name;
    const candidates = referenceCandidates(name, namespace);
    for (const candidate of candidates) {
      if (inProgress.has(candidate)) {
        report(
          avroRecursiveType,
          at(place),
          `type ${candidate} contains itself (through "${name}" here)`,
          RECURSION_HINT,
        );
        return undefined;
      }
      if (namedTypes.has(candidate)) return candidate;
    }
    for (const candidate of candidates) {
      const definition = external.get(candidate);
      if (definition) return visit(definition.node, namespaceOf(candidate) || undefined, place);
    }
    report(
      avroUnknownType,
      at(place),
      `unknown type "${name}"${candidates.length > 1 ? ` (looked for ${candidates.join(' and ')})` : ''}`,
      'use a primitive type (null, boolean, int, long, float, double, bytes, string) or the name of a record, ' +
        'enum or fixed that an Avro schema of the registry defines; a name without a dot is looked up in the ' +
        'enclosing namespace first',
    );
    return undefined;
  };

  const unionKey = (branch: AvroSchema): string =>
    typeof branch === 'string'
      ? branch
      : Array.isArray(branch)
        ? 'union'
        : typeof (branch as Obj).name === 'string' && NAMED_KINDS.has(String((branch as Obj).type))
          ? String((branch as Obj).name)
          : String((branch as Obj).type);

  const visit = (node: unknown, namespace: string | undefined, place: Place | undefined): AvroSchema | undefined => {
    if (typeof node === 'string') return reference(node, namespace, place);
    // YAML reads an unquoted `null` (as in `type: [null, string]`) as null: in a type position it can only mean Avro's null.
    if (node === null) return 'null';
    if (Array.isArray(node)) {
      const branches: AvroSchema[] = [];
      const seen = new Map<string, number>();
      for (const [index, branch] of node.entries()) {
        const branchPlace = { parent: node, key: String(index) };
        if (Array.isArray(branch)) {
          report(
            avroUnionNested,
            at(branchPlace, branch),
            'a union directly contains another union',
            'list the inner union’s branches in the outer union instead',
          );
          continue;
        }
        const normalised = visit(branch, namespace, branchPlace);
        if (normalised === undefined) continue;
        const key = unionKey(normalised);
        const first = seen.get(key);
        if (first !== undefined)
          report(
            avroUnionDuplicate,
            at(branchPlace, branch),
            `union branches ${first + 1} and ${index + 1} are both "${key}"`,
            'keep one of them: Avro could not tell which branch a value belongs to',
          );
        else seen.set(key, index);
        branches.push(normalised);
      }
      if (node.length === 0) report(avroSchemaInvalid, at(place, node), 'a union needs at least one branch');
      return located(branches, node, place);
    }
    if (!isObj(node)) {
      report(avroSchemaInvalid, at(place), `${JSON.stringify(node)} is not an Avro schema`, AVRO_SHAPE_HINT);
      return undefined;
    }
    // The loader reported the reference it could not follow: nothing more to say about it here.
    if (isUnresolvedRef(node)) {
      unresolved = true;
      return undefined;
    }
    if (onStack.has(node)) {
      report(avroRecursiveType, at(place, node), 'this type contains itself', RECURSION_HINT);
      return undefined;
    }
    const type = node.type;
    if (typeof type === 'string' && NAMED_KINDS.has(type)) return named(node, type, namespace, place);
    if (typeof type !== 'string') {
      if (isObj(type) || Array.isArray(type)) return visit(type, namespace, { parent: node, key: 'type' });
      report(avroSchemaInvalid, at(place, node), 'the schema object has no "type"', AVRO_SHAPE_HINT);
      return undefined;
    }
    if (type === 'array' || type === 'map') {
      const member = type === 'array' ? 'items' : 'values';
      if (!(member in node)) {
        report(avroSchemaInvalid, at(place, node), `an ${type} needs "${member}"`);
        return undefined;
      }
      onStack.add(node);
      const inner = visit(node[member], namespace, { parent: node, key: member });
      onStack.delete(node);
      if (inner === undefined) return undefined;
      return located({ ...withoutNamespace(node), [member]: inner } as AvroSchemaObject, node, place);
    }
    if (PRIMITIVE_TYPES.has(type)) return located({ ...node } as AvroSchemaObject, node, place);
    // `{"type": "com.example.Money"}`: a reference written as a type object.
    return reference(type, namespace, { parent: node, key: 'type' });
  };

  const named = (
    node: Obj,
    kind: string,
    namespace: string | undefined,
    place: Place | undefined,
  ): AvroSchema | undefined => {
    const where = at(place, node);
    if (typeof node.name !== 'string') {
      report(avroSchemaInvalid, where, `a ${kind} needs a "name"`);
      return undefined;
    }
    const own = typeof node.namespace === 'string' && node.namespace !== '' ? node.namespace : namespace;
    const fullName = fullNameOf(node.name, own);
    if (
      !isValidFullName(fullName) ||
      (typeof node.namespace === 'string' && node.namespace !== '' && !isValidFullName(node.namespace))
    ) {
      report(
        avroSchemaInvalid,
        memberLocationOf(node, 'name') ?? where,
        `"${fullName}" is not a valid Avro name`,
        'names are letters, digits and _ (not starting with a digit), joined by dots into a full name',
      );
      return undefined;
    }
    const previous = definedAt.get(fullName);
    if (previous !== undefined || inProgress.has(fullName)) {
      report(
        avroDuplicateName,
        memberLocationOf(node, 'name') ?? where,
        `${fullName} is defined twice` +
          (previous ? ` (first at ${previous.file}:${previous.line}:${previous.column})` : ''),
        'define the type once and refer to it by its name elsewhere',
      );
      return undefined;
    }
    const inner = namespaceOf(fullName) || undefined;
    const aliases = Array.isArray(node.aliases)
      ? (node.aliases as unknown[]).map((alias) => (typeof alias === 'string' ? fullNameOf(alias, inner) : alias))
      : undefined;
    const base: Obj = { ...withoutNamespace(node), name: fullName, ...(aliases ? { aliases } : {}) };
    let copy: Obj | undefined;
    inProgress.add(fullName);
    onStack.add(node);
    if (kind === 'record' || kind === 'error') copy = record(node, base, fullName, inner, where);
    else if (kind === 'enum') copy = enumeration(node, base, where);
    else copy = fixed(node, base, where);
    onStack.delete(node);
    inProgress.delete(fullName);
    if (copy === undefined) return undefined;
    located(copy, node, place);
    definedAt.set(fullName, where);
    namedTypes.set(fullName, copy as unknown as AvroNamedSchema);
    return copy as AvroSchema;
  };

  const record = (
    node: Obj,
    base: Obj,
    fullName: string,
    inner: string | undefined,
    where: SourceLocation,
  ): Obj | undefined => {
    if (!Array.isArray(node.fields)) {
      report(avroSchemaInvalid, where, `record ${fullName} needs a "fields" array`);
      return undefined;
    }
    const fields: Obj[] = [];
    const names = new Map<string, SourceLocation>();
    let ok = true;
    for (const [index, field] of node.fields.entries()) {
      const fieldPlace = { parent: node.fields, key: String(index) };
      if (!isObj(field) || typeof field.name !== 'string') {
        report(avroSchemaInvalid, at(fieldPlace, field), `field ${index + 1} of ${fullName} needs a "name"`);
        ok = false;
        continue;
      }
      const fieldAt = memberLocationOf(field, 'name') ?? at(fieldPlace, field);
      if (!isValidName(field.name)) {
        report(
          avroSchemaInvalid,
          fieldAt,
          `"${field.name}" is not a valid Avro field name`,
          'use letters, digits and _, not starting with a digit',
        );
        ok = false;
        continue;
      }
      const first = names.get(field.name);
      if (first) {
        report(
          avroDuplicateName,
          fieldAt,
          `record ${fullName} has two fields named "${field.name}" (first at line ${first.line})`,
          'rename or remove one of them',
        );
        ok = false;
        continue;
      }
      names.set(field.name, fieldAt);
      if (!('type' in field)) {
        report(avroSchemaInvalid, fieldAt, `field "${field.name}" of ${fullName} has no "type"`);
        ok = false;
        continue;
      }
      const type = visit(field.type, inner, { parent: field, key: 'type' });
      if (type === undefined) {
        ok = false;
        continue;
      }
      const copy = { ...field, type };
      setNodeLocation(copy, at(fieldPlace, field));
      if ('default' in field)
        defaults.push({
          record: fullName,
          field: field.name,
          type,
          value: field.default,
          at: memberLocationOf(field, 'default') ?? fieldAt,
        });
      fields.push(copy);
    }
    return ok ? { ...base, fields } : undefined;
  };

  const enumeration = (node: Obj, base: Obj, where: SourceLocation): Obj | undefined => {
    const symbols = node.symbols;
    if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string' || !isValidName(s))) {
      report(
        avroSchemaInvalid,
        memberLocationOf(node, 'symbols') ?? where,
        `enum ${String(base.name)} needs "symbols": a list of names`,
        'symbols are letters, digits and _, not starting with a digit',
      );
      return undefined;
    }
    const seen = new Set<string>();
    for (const [index, symbol] of (symbols as string[]).entries()) {
      if (seen.has(symbol)) {
        report(
          avroDuplicateName,
          memberLocationOf(symbols, String(index)) ?? where,
          `enum ${String(base.name)} lists symbol "${symbol}" twice`,
          'remove the second one',
        );
        return undefined;
      }
      seen.add(symbol);
    }
    if ('default' in node)
      enumDefaults.push({
        symbols: symbols as string[],
        value: node.default,
        at: memberLocationOf(node, 'default') ?? where,
      });
    return base;
  };

  const fixed = (node: Obj, base: Obj, where: SourceLocation): Obj | undefined => {
    if (typeof node.size !== 'number' || !Number.isInteger(node.size) || node.size < 0) {
      report(
        avroSchemaInvalid,
        memberLocationOf(node, 'size') ?? where,
        `fixed ${String(base.name)} needs a "size": a whole number of bytes`,
      );
      return undefined;
    }
    return base;
  };

  const schema = visit(written, undefined, undefined);
  if (schema === undefined || diagnostics.length > 0 || unresolved) return { diagnostics };
  return { schema, namedTypes, defaults, enumDefaults };
}

const AVRO_SHAPE_HINT =
  'an Avro schema is a type name ("string", "com.example.Money"), a union (a list) or an object with "type"';
const RECURSION_HINT =
  'evc does not support recursive Avro types: replace the self-reference by a key or id of the referenced record';

function withoutNamespace(node: Obj): Obj {
  const { namespace: _namespace, ...rest } = node;
  return rest;
}
