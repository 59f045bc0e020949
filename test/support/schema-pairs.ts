// Soundness search for `evc check`: random related pairs of payload schemas (old, and new = old
// with a few mutations), checked through the real path (contracts in memory → loader → snapshot →
// contract rules → schema rules, the old side optionally through a released lockfile), judged
// against ajv with the configuration the generated validators use. Shared by the unit test
// (test/unit/compat/soundness.test.ts) and the big search (`npm run fuzz:compat`, bench/fuzz-compat.ts).

import fc from 'fast-check';
import { Ajv } from 'ajv';
import { messageValidatorAjv, type ValidateFunction } from '../../generator/ajv.js';
import { checkCompatibility } from '../../generator/compat/check.js';
import { SchemaChecker } from '../../generator/compat/schema-check.js';
import { resolveLocalRefs } from '../../generator/compat/schema/graph.js';
import type { JsonSchema } from '../../generator/model/registry.js';
import { planRelease } from '../../generator/compat/history/release.js';
import { parseLockfile, serializeLockfile, snapshotsOfLockfile } from '../../generator/compat/history/lockfile.js';
import { loadSide } from '../../generator/compat/inputs.js';
import type { CompatibilityLevel } from '../../generator/compat/levels.js';
import type { RegistrySnapshot } from '../../generator/compat/snapshot.js';
import { memorySource } from '../../generator/load/memory-source.js';
import { setOwnProperty } from '../../contract-conventions/index.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Property names: plain ones, JSON Schema keywords and annotations (names are data, whatever they
 * spell), extensions, and names an object inherits from Object.prototype.
 */
export const PROPERTY_NAMES = [
  'a',
  'b',
  'description',
  'title',
  'examples',
  'deprecated',
  'id',
  '$id',
  'default',
  'readOnly',
  'definitions',
  '$defs',
  '$comment',
  'x-note',
  'x-parser-schema-id',
  'properties',
  'type',
  'items',
  'required',
  'enum',
  'const',
  'toString',
  'constructor',
  '__proto__',
] as const;

const DEF_NAMES = ['D0', 'D1'] as const;
const refTo = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

/** An object with own properties only (a `__proto__` key stays a key). */
export function object(entries: readonly (readonly [string, Json])[]): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of entries) setOwnProperty(out, k, v);
  return out;
}

const name = fc.constantFrom(...PROPERTY_NAMES);
const literal = fc.constantFrom<Json>('a', 'b', 'ab', 0, 1, 2.5, true, null);
const annotations = fc.record(
  {
    description: fc.constantFrom('d', 'e'),
    title: fc.constantFrom('T'),
    examples: fc.constant(['a']),
    'x-note': fc.constantFrom('n'),
    $comment: fc.constantFrom('c'),
  },
  { requiredKeys: [] },
);

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.record(
    {
      type: fc.constant('string'),
      minLength: fc.integer({ min: 0, max: 2 }),
      maxLength: fc.integer({ min: 1, max: 3 }),
      pattern: fc.constantFrom('^a', 'b$'),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constantFrom('integer', 'number'),
      minimum: fc.integer({ min: -1, max: 1 }),
      maximum: fc.integer({ min: 1, max: 10 }),
      exclusiveMaximum: fc.integer({ min: 2, max: 10 }),
      multipleOf: fc.constantFrom(1, 2),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ enum: fc.uniqueArray(literal, { minLength: 1, maxLength: 3 }) }),
  fc.record({ const: literal }),
  fc.constantFrom<Json>({ type: 'boolean' }, { type: 'null' }, { type: ['string', 'null'] }, {}, true, {
    type: 'string',
    default: 'a',
  }),
);

function withAnnotations(schema: fc.Arbitrary<Json>): fc.Arbitrary<Json> {
  return fc
    .tuple(schema, annotations)
    .map(([s, a]) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? ({ ...a, ...s } as Json) : s));
}

function schemaArbitrary(withRefs: boolean): fc.Arbitrary<Json> {
  return fc.letrec<{ node: Json }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      withAnnotations(leaf),
      ...(withRefs ? [fc.constantFrom(...DEF_NAMES).map(refTo)] : []),
      fc
        .record(
          {
            type: fc.constant('object'),
            properties: fc.uniqueArray(fc.tuple(name, tie('node')), {
              maxLength: 3,
              selector: ([n]) => n,
            }),
            required: fc.uniqueArray(name, { maxLength: 2 }),
            additionalProperties: fc.oneof(fc.constant(false), fc.constant(true), leaf),
            unevaluatedProperties: fc.constant(false),
            patternProperties: fc.constant({ '^x-': { type: 'string' } }),
            dependentRequired: fc.tuple(name, name).map(([a, b]) => object([[a, [b]]])),
            maxProperties: fc.integer({ min: 1, max: 4 }),
          },
          { requiredKeys: ['properties'] },
        )
        .map((o) => {
          const { properties, ...rest } = o;
          return { ...rest, properties: object(properties) };
        }),
      fc.record(
        {
          type: fc.constant('array'),
          items: tie('node'),
          minItems: fc.integer({ min: 0, max: 2 }),
          maxItems: fc.integer({ min: 1, max: 3 }),
          uniqueItems: fc.constant(true),
        },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('array'),
          items: fc.array(tie('node'), { minLength: 1, maxLength: 2 }),
          additionalItems: fc.oneof(fc.constant(false), leaf),
        },
        { requiredKeys: ['type', 'items'] },
      ),
      fc.record({ oneOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ allOf: fc.array(tie('node'), { minLength: 1, maxLength: 2 }) }),
      fc.record({ not: leaf }),
    ),
  })).node;
}

/**
 * Worlds aimed at defaults the validators fill in (ajv `useDefaults`): an object whose properties may
 * have defaults, beside keywords that count or inspect the present properties, sometimes as the item
 * of an array with `uniqueItems`. The mutations add, change and remove defaults among other edits.
 */
export const observedDefaultsWorldArbitrary: fc.Arbitrary<SchemaWorld> = fc
  .tuple(
    fc.uniqueArray(
      fc.tuple(
        fc.constantFrom('a', 'b', 'description'),
        fc.oneof(
          fc.record({ type: fc.constantFrom('string', 'integer'), default: literal }, { requiredKeys: ['type'] }),
          leaf,
        ),
      ),
      { minLength: 1, maxLength: 3, selector: ([n]) => n },
    ),
    fc.array(
      fc.constantFrom<JsonObject>(
        { maxProperties: 1 },
        { minProperties: 2 },
        { dependentRequired: { a: ['b'] } },
        { propertyNames: { maxLength: 1 } },
        { not: { required: ['a'] } },
        { required: ['a'] },
        { patternProperties: { '^a$': { type: 'string' } } },
        { additionalProperties: false },
        { allOf: [{ not: { required: ['b'] } }] },
      ),
      { maxLength: 2 },
    ),
    fc.boolean(),
  )
  .map(([props, observers, asItem]) => {
    const schema: JsonObject = Object.assign({ type: 'object', properties: object(props) }, ...observers);
    return { defs: {}, schema: asItem ? { type: 'array', items: schema, uniqueItems: true } : schema };
  });

/**
 * Worlds aimed at recursion that never moves into the value: D0 refers to itself through a
 * combinator (possibly nested in another), reached at the top or below a property.
 */
export const inPlaceRecursionWorldArbitrary: fc.Arbitrary<SchemaWorld> = fc
  .record({
    keyword: fc.constantFrom('anyOf', 'oneOf', 'allOf', 'not'),
    other: leaf,
    nested: fc.boolean(),
    underProperty: fc.boolean(),
  })
  .map(({ keyword, other, nested, underProperty }) => {
    const self = nested ? { anyOf: [refTo('D0'), { const: 'a' }] } : refTo('D0');
    const D0 = keyword === 'not' ? { not: { anyOf: [self, other] } } : { [keyword]: [other, self] };
    return {
      defs: { D0, D1: { type: 'string' } },
      schema: underProperty ? { type: 'object', properties: { a: refTo('D0') } } : refTo('D0'),
    };
  });

/** The writer/reader pair's shared definitions (reached by `$ref`) and the old payload schema. */
export interface SchemaWorld {
  readonly defs: Readonly<Record<string, Json>>;
  readonly schema: Json;
}

export interface Mutation {
  readonly at: number;
  readonly op: number;
  readonly arg: number;
}

export const worldArbitrary: fc.Arbitrary<SchemaWorld> = fc.record({
  defs: fc.record({ D0: schemaArbitrary(false), D1: schemaArbitrary(false) }),
  schema: schemaArbitrary(true),
});

export const mutationsArbitrary: fc.Arbitrary<readonly Mutation[]> = fc.array(
  fc.record({ at: fc.nat(40), op: fc.nat(40), arg: fc.nat(40) }),
  { minLength: 1, maxLength: 3 },
);

// ---------------------------------------------------------------------------------------------
// Mutations: the new schema is the old one with a few edits at schema positions (defs included).

type Slot = { get(): Json; set(value: Json): void };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every schema position in a world, reached through keywords only (names in maps are data). */
function schemaSlots(world: { defs: Record<string, Json>; schema: Json }): Slot[] {
  const slots: Slot[] = [];
  const visit = (slot: Slot): void => {
    slots.push(slot);
    const node = slot.get();
    if (!isObject(node)) return;
    for (const keyword of ['items', 'additionalProperties', 'additionalItems', 'not']) {
      const child = node[keyword];
      if (Array.isArray(child))
        child.forEach((_, i) => visit({ get: () => child[i] as Json, set: (v) => void (child[i] = v) }));
      else if (child !== undefined) visit({ get: () => node[keyword] as Json, set: (v) => void (node[keyword] = v) });
    }
    for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
      const list = node[keyword];
      if (Array.isArray(list))
        list.forEach((_, i) => visit({ get: () => list[i] as Json, set: (v) => void (list[i] = v) }));
    }
    for (const keyword of ['properties', 'patternProperties']) {
      const map = node[keyword];
      if (isObject(map))
        for (const key of Object.keys(map))
          visit({ get: () => map[key] as Json, set: (v) => setOwnProperty(map, key, v) });
    }
  };
  visit({ get: () => world.schema, set: (v) => void (world.schema = v) });
  for (const key of Object.keys(world.defs))
    visit({ get: () => world.defs[key] as Json, set: (v) => void (world.defs[key] = v) });
  return slots;
}

const LEAVES: readonly Json[] = [
  { type: 'string' },
  { type: 'integer' },
  { type: 'number', maximum: 5 },
  { type: 'string', maxLength: 2 },
  { enum: ['a', 1] },
  { const: 'a' },
  { type: 'boolean' },
  {},
  { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
  { type: 'array', items: { type: 'integer' } },
  { type: 'string', default: 'a' },
  { type: ['string', 'null'] },
];
const BOUNDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'maxProperties'] as const;
const TYPES = ['string', 'integer', 'number', 'object', 'array', 'boolean', 'null'] as const;

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function editObject(node: JsonObject, op: number, arg: number): void {
  const props = isObject(node['properties']) ? node['properties'] : undefined;
  const names = props ? Object.keys(props) : [];
  const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
  switch (op % 10) {
    case 0: {
      // add a property (optional or required)
      const n = pick(PROPERTY_NAMES, arg);
      const map = props ?? (node['properties'] = {});
      setOwnProperty(map, n, structuredClone(pick(LEAVES, arg >> 1)));
      if (arg % 3 === 0 && !required.includes(n)) node['required'] = [...required, n];
      return;
    }
    case 1:
      if (props && names.length > 0) delete props[pick(names, arg)];
      return;
    case 2: {
      const n = names.length > 0 ? pick(names, arg) : pick(PROPERTY_NAMES, arg);
      node['required'] = required.includes(n) ? required.filter((r) => r !== n) : [...required, n];
      return;
    }
    case 3:
      if (node['additionalProperties'] === false) delete node['additionalProperties'];
      else node['additionalProperties'] = arg % 2 === 0 ? false : structuredClone(pick(LEAVES, arg));
      return;
    case 4:
      if (node['unevaluatedProperties'] === false) delete node['unevaluatedProperties'];
      else node['unevaluatedProperties'] = false;
      return;
    case 5: {
      // rename a property: same schema under another name
      if (!props || names.length === 0) return;
      const from = pick(names, arg);
      const to = pick(PROPERTY_NAMES, arg + 1);
      const schema = props[from] as Json;
      delete props[from];
      setOwnProperty(props, to, schema);
      return;
    }
    case 6:
      if (node['dependentRequired'] !== undefined) delete node['dependentRequired'];
      else node['dependentRequired'] = object([[pick(PROPERTY_NAMES, arg), [pick(PROPERTY_NAMES, arg + 3)]]]);
      return;
    case 7:
      if (node['patternProperties'] !== undefined) delete node['patternProperties'];
      else node['patternProperties'] = { '^x-': structuredClone(pick(LEAVES, arg)) };
      return;
    case 8: {
      // a property's default is added, changed or removed (the validators fill defaults in)
      if (!props || names.length === 0) return;
      const target = props[pick(names, arg)];
      if (!isObject(target)) return;
      if ('default' in target && arg % 3 === 0) delete target['default'];
      else target['default'] = pick(['a', 'b', 1, null, true] as Json[], arg);
      return;
    }
    default:
      node['allOf'] = [
        ...(Array.isArray(node['allOf']) ? node['allOf'] : []),
        { properties: object([[pick(PROPERTY_NAMES, arg), structuredClone(pick(LEAVES, arg >> 1))]]) },
      ];
  }
}

function editNode(slot: Slot, op: number, arg: number): void {
  const node = slot.get();
  if (!isObject(node)) {
    slot.set(structuredClone(pick(LEAVES, arg)));
    return;
  }
  if (typeof node['$ref'] === 'string') {
    // Keywords beside a $ref are ignored by the loader (JSON Reference): edit around the reference.
    if (op % 2 === 0) slot.set({ allOf: [node, structuredClone(pick(LEAVES, arg))] });
    else slot.set(arg % 2 === 0 ? refTo(pick(DEF_NAMES, arg + 1)) : structuredClone(pick(LEAVES, arg)));
    return;
  }
  switch (op % 12) {
    case 0:
      node['type'] = pick(TYPES, arg);
      return;
    case 1:
      delete node['type'];
      return;
    case 2: {
      const bound = pick(BOUNDS, arg);
      const current = typeof node[bound] === 'number' ? node[bound] : 2;
      if (arg % 5 === 4) delete node[bound];
      else node[bound] = Math.max(0, current + (arg % 2 === 0 ? 1 : -1));
      return;
    }
    case 3: {
      const values = Array.isArray(node['enum']) ? node['enum'] : undefined;
      const value: Json = pick(['a', 'b', 1, 2, null, true] as Json[], arg);
      if (!values) node['enum'] = [value];
      else if (values.some((v) => v === value)) node['enum'] = values.filter((v) => v !== value);
      else node['enum'] = [...values, value];
      if (node['enum'].length === 0) delete node['enum'];
      return;
    }
    case 4:
      if ('const' in node) delete node['const'];
      else node['const'] = pick(['a', 1, null] as Json[], arg);
      return;
    case 5: {
      const key = Array.isArray(node['oneOf']) ? 'oneOf' : 'anyOf';
      const list = Array.isArray(node[key]) ? node[key] : undefined;
      if (list && list.length > 1 && arg % 2 === 0) list.splice(arg % list.length, 1);
      else node[key] = [...(list ?? [structuredClone(node)]), structuredClone(pick(LEAVES, arg))];
      return;
    }
    case 6:
      slot.set({ allOf: [node, structuredClone(pick(LEAVES, arg))] });
      return;
    case 7:
      // an annotation changes (valid values, so the loader accepts the document)
      if (arg % 5 === 4) node['examples'] = [pick(['a', 1, null] as Json[], arg)];
      else node[pick(['description', 'title', 'x-note', '$comment'], arg)] = pick(['changed', 'other'], arg);
      return;
    case 8:
      slot.set(arg % 4 === 0 ? refTo(pick(DEF_NAMES, arg)) : structuredClone(pick(LEAVES, arg)));
      return;
    case 9:
      if (node['pattern'] !== undefined) delete node['pattern'];
      else node['pattern'] = pick(['^a', 'b$', '^(a|b)+$'], arg);
      return;
    case 10:
      if (node['uniqueItems'] === true) delete node['uniqueItems'];
      else node['uniqueItems'] = true;
      return;
    default:
      editObject(node, op >> 2, arg);
  }
}

/** The new side: a copy of `world` with the mutations applied in order. */
export function mutate(world: SchemaWorld, mutations: readonly Mutation[]): SchemaWorld {
  const copy = { defs: { ...structuredClone(world.defs) }, schema: structuredClone(world.schema) };
  for (const m of mutations) {
    const slots = schemaSlots(copy);
    editNode(pick(slots, m.at), m.op, m.arg);
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Instances: values shaped by either schema (so both sides' corners are tried), plus noise.

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', 'a', 'b', 'ab', 'ba', 'abc', 'aab', 'x-1', 'zzzz'];
const NUMBERS = [-1, 0, 1, 2, 2.5, 3, 4, 5, 9, 10, 11];

function sampler(world: SchemaWorld, random: () => number) {
  const chance = (p: number): boolean => random() < p;
  const choose = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const noise = (depth: number): Json => {
    const kind = Math.floor(random() * (depth > 0 ? 7 : 5));
    if (kind === 0) return choose(STRINGS);
    if (kind === 1) return choose(NUMBERS);
    if (kind === 2) return chance(0.5);
    if (kind === 3) return null;
    if (kind === 4) return choose(['a', 1, null, true] as Json[]);
    if (kind === 5) return [noise(depth - 1)];
    return object([[choose(PROPERTY_NAMES), noise(depth - 1)]]);
  };
  const sample = (schema: Json | undefined, depth: number): Json => {
    if (schema === undefined || schema === true || schema === false || !isObject(schema) || depth < 0)
      return noise(Math.max(depth, 0));
    if (typeof schema['$ref'] === 'string') {
      const target = world.defs[schema['$ref'].split('/').pop() ?? ''];
      return sample(target, depth - 1);
    }
    if ('const' in schema && chance(0.9)) return structuredClone(schema['const']);
    if (Array.isArray(schema['enum']) && chance(0.9)) return structuredClone(choose(schema['enum']));
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      const list = schema[key];
      if (Array.isArray(list) && list.length > 0 && chance(0.6)) {
        const base = sample({ ...schema, [key]: undefined as unknown as Json }, depth);
        const branch = sample(choose(list), depth - 1);
        // allOf: combine object shapes from the branch and the rest
        return isObject(base) && isObject(branch)
          ? object([...Object.entries(base), ...Object.entries(branch)])
          : branch;
      }
    }
    if (schema['not'] !== undefined && chance(0.5)) return noise(depth);
    const types = Array.isArray(schema['type']) ? schema['type'] : schema['type'] !== undefined ? [schema['type']] : [];
    const type =
      types.length > 0
        ? choose(types)
        : isObject(schema['properties'])
          ? 'object'
          : schema['items'] !== undefined
            ? 'array'
            : choose(TYPES);
    switch (type) {
      case 'string':
        return choose(STRINGS);
      case 'integer':
        return choose(NUMBERS.filter(Number.isInteger));
      case 'number':
        return choose(NUMBERS);
      case 'boolean':
        return chance(0.5);
      case 'null':
        return null;
      case 'array': {
        const items = schema['items'];
        const length = Math.floor(random() * 4);
        return Array.from({ length }, (_, i) =>
          Array.isArray(items) ? sample(items[i] ?? schema['additionalItems'], depth - 1) : sample(items, depth - 1),
        );
      }
      default: {
        const props = isObject(schema['properties']) ? schema['properties'] : {};
        const required = Array.isArray(schema['required']) ? schema['required'] : [];
        const entries: [string, Json][] = [];
        for (const key of Object.keys(props))
          if (chance(required.includes(key) ? 0.9 : 0.6)) entries.push([key, sample(props[key], depth - 1)]);
        for (const key of required)
          if (typeof key === 'string' && !(key in props) && chance(0.8)) entries.push([key, noise(0)]);
        if (chance(0.3)) entries.push([choose(PROPERTY_NAMES), noise(1)]);
        if (chance(0.1)) entries.push(['x-1', choose(STRINGS)]);
        return object(entries);
      }
    }
  };
  return (schema: Json) => sample(schema, 4);
}

/** Candidate instances for a pair: drawn from both sides' schemas with one seed. */
export function candidates(old: SchemaWorld, next: SchemaWorld, seed: number, count = 40): Json[] {
  const random = prng(seed);
  const fromOld = sampler(old, random);
  const fromNew = sampler(next, random);
  const seen = new Map<string, Json>();
  for (let i = 0; i < count; i++) {
    for (const value of [fromOld(old.schema), fromNew(next.schema)]) {
      const text = JSON.stringify(value);
      if (!seen.has(text)) seen.set(text, JSON.parse(text) as Json);
    }
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// The oracle: ajv with the generated validators' configuration, on the schema as written.

export class Oracle {
  private ajv: Ajv = messageValidatorAjv({ standalone: false });
  private compiled = new Map<string, ValidateFunction>();

  validator(world: SchemaWorld): ValidateFunction {
    const document = { components: { schemas: world.defs }, allOf: [world.schema] };
    const key = JSON.stringify(document);
    let v = this.compiled.get(key);
    if (!v) {
      if (this.compiled.size > 300) {
        this.ajv = messageValidatorAjv({ standalone: false });
        this.compiled.clear();
      }
      v = this.ajv.compile(JSON.parse(key) as object);
      this.compiled.set(key, v);
    }
    return v;
  }

  accepts(world: SchemaWorld, instance: Json): boolean {
    // ajv's useDefaults writes into the instance: validate a copy. A validator that throws rejects.
    try {
      return this.validator(world)(JSON.parse(JSON.stringify(instance))) === true;
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The checker, through the path `evc check` takes.

export function contractsOf(world: SchemaWorld): Record<string, string> {
  const document = {
    asyncapi: '3.0.0',
    info: { title: 'fuzz', version: '1.0.0' },
    channels: {
      events: { address: 'fuzz.events', messages: { Evt: { $ref: '#/components/messages/Evt' } } },
    },
    operations: {
      sendEvt: {
        action: 'send',
        channel: { $ref: '#/channels/events' },
        messages: [{ $ref: '#/channels/events/messages/Evt' }],
      },
    },
    components: {
      messages: { Evt: { name: 'Evt', contentType: 'application/json', payload: world.schema } },
      schemas: world.defs,
    },
  };
  return {
    'fuzz.json': JSON.stringify(document, null, 1),
    'evc.config.yaml': 'compatibility: BACKWARD\nmode: strict\n',
  };
}

export const CHECKED_LEVELS = ['BACKWARD', 'FORWARD', 'FULL'] as const satisfies readonly CompatibilityLevel[];

/**
 * How the schemas reach the checker: `contracts` (AsyncAPI documents through the loader, as `evc
 * check --against` reads both sides), `lockfile` (the old side released into `evc.lock.yaml` and
 * read back, as `evc check` without `--against`), `schemas` (plain JSON with local `$ref`s straight
 * into the schema comparison entry point the contract rules call, fastest).
 */
export type Route = 'contracts' | 'lockfile' | 'schemas';

function resolvedPayload(world: SchemaWorld): JsonSchema {
  const document = resolveLocalRefs({ components: { schemas: world.defs }, payload: world.schema });
  return (document as Record<string, JsonSchema>)['payload'] as JsonSchema;
}

/** `evc check` verdicts (compatible or not) per level, old side from contracts or from a release. */
export async function checkerVerdicts(
  old: SchemaWorld,
  next: SchemaWorld,
  route: Route,
): Promise<Record<(typeof CHECKED_LEVELS)[number], { compatible: boolean; ids: string[] }>> {
  const out = {} as Record<(typeof CHECKED_LEVELS)[number], { compatible: boolean; ids: string[] }>;
  const schemas = new SchemaChecker();
  if (route === 'schemas') {
    const [o, n] = [resolvedPayload(old), resolvedPayload(next)];
    for (const level of CHECKED_LEVELS) {
      const result = schemas.check(o, n, { level, mode: 'strict' });
      out[level] = {
        compatible: result.compatible,
        ids: result.findings.map((f) => `${f.direction}:${f.id}${f.breaking ? '!' : ''}@/${f.path.join('/')}`),
      };
    }
    return out;
  }
  // As `evc check` opens them: the baseline loads without lint, the proposed side is linted (an
  // error there means "could not check", exit 2, not a verdict: such pairs are skipped).
  const oldSide = await loadSide(memorySource(contractsOf(old), 'old'), 'baseline', { lint: false });
  const newSide = await loadSide(memorySource(contractsOf(next), 'new'), 'proposed');
  let baselines: RegistrySnapshot[] = [oldSide.snapshot];
  if (route === 'lockfile') {
    const released = planRelease(oldSide.snapshot, undefined, 'NONE', 'strict').lockfile;
    baselines = snapshotsOfLockfile(parseLockfile(serializeLockfile(released), 'evc.lock.yaml'), 'evc.lock.yaml');
  }
  for (const level of CHECKED_LEVELS) {
    const result = checkCompatibility({ baselines, current: newSide.snapshot, level, mode: 'strict', schemas });
    out[level] = {
      compatible: result.compatible,
      ids: result.changes.map((c) => `${c.direction ?? ''}:${c.rule}${c.breaking ? '!' : ''}@${c.path}`),
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One pair judged.

export interface PairCase {
  readonly old: SchemaWorld;
  readonly mutations: readonly Mutation[];
  readonly seed: number;
  readonly route: Route;
}

/** Pairs with the route drawn from `routes` (repeat a route to weight it), old sides from `worlds`. */
export function pairsThrough(
  routes: readonly Route[],
  worlds: fc.Arbitrary<SchemaWorld> = worldArbitrary,
): fc.Arbitrary<PairCase> {
  return fc.record({
    old: worlds,
    mutations: mutationsArbitrary,
    seed: fc.nat(),
    route: fc.constantFrom<Route>(...routes),
  });
}

/** Half the pairs through the schema checker directly, a quarter each through contracts and a lockfile. */
export const pairArbitrary: fc.Arbitrary<PairCase> = pairsThrough(['schemas', 'contracts', 'lockfile', 'schemas']);

export interface Judgement {
  readonly next: SchemaWorld;
  /** Levels called compatible although an instance tells old and new apart in a checked direction. */
  readonly unsound: readonly { level: string; instance: Json; acceptedBy: 'old' | 'new'; ids: string[] }[];
  /** Levels called breaking although no generated instance tells old and new apart. */
  readonly overStrict: readonly { level: string; ids: string[] }[];
  /** The loader refused one side (not a verdict: skipped). */
  readonly skipped?: string;
}

/** `instances`: how many candidate instances to draw from each side. */
export async function judge(pair: PairCase, oracle: Oracle, instances = 40): Promise<Judgement> {
  const next = mutate(pair.old, pair.mutations);
  let verdicts: Awaited<ReturnType<typeof checkerVerdicts>>;
  try {
    verdicts = await checkerVerdicts(pair.old, next, pair.route);
  } catch (error) {
    return { next, unsound: [], overStrict: [], skipped: (error as Error).message };
  }
  const drawn = candidates(pair.old, next, pair.seed, instances);
  let backwardWitness: Json | undefined; // old accepts, new rejects
  let forwardWitness: Json | undefined; // new accepts, old rejects
  for (const instance of drawn) {
    const byOld = oracle.accepts(pair.old, instance);
    const byNew = oracle.accepts(next, instance);
    if (byOld && !byNew && backwardWitness === undefined) backwardWitness = instance;
    if (byNew && !byOld && forwardWitness === undefined) forwardWitness = instance;
  }
  const unsound: Judgement['unsound'][number][] = [];
  const overStrict: Judgement['overStrict'][number][] = [];
  const witnessFor = (level: string): { instance: Json; acceptedBy: 'old' | 'new' } | undefined => {
    if (level !== 'FORWARD' && backwardWitness !== undefined) return { instance: backwardWitness, acceptedBy: 'old' };
    if (level !== 'BACKWARD' && forwardWitness !== undefined) return { instance: forwardWitness, acceptedBy: 'new' };
    return undefined;
  };
  for (const level of CHECKED_LEVELS) {
    const verdict = verdicts[level];
    const witness = witnessFor(level);
    if (verdict.compatible && witness) unsound.push({ level, ...witness, ids: verdict.ids });
    if (!verdict.compatible && !witness) overStrict.push({ level, ids: verdict.ids.filter((id) => id.includes('!')) });
  }
  return { next, unsound, overStrict };
}

/** A counterexample as a reader wants it: both schemas, the instance, what the checker said. */
export function describeCounterexample(pair: PairCase, judgement: Judgement): string {
  const u = judgement.unsound[0];
  if (!u) return 'no counterexample';
  const show = (w: SchemaWorld): string =>
    JSON.stringify(Object.keys(w.defs).length > 0 && JSON.stringify(w.schema).includes('$ref') ? w : w.schema);
  return [
    `${u.level} called compatible (route: ${pair.route}), but:`,
    `  old:      ${show(pair.old)}`,
    `  new:      ${show(judgement.next)}`,
    `  instance: ${JSON.stringify(u.instance)} is accepted by the ${u.acceptedBy} schema only`,
    `  checker reported: ${u.ids.length > 0 ? u.ids.join(', ') : 'no change at all'}`,
  ].join('\n');
}
