// Soundness search for the Avro compatibility rules: random related pairs of Avro schemas (old, and
// new = old after a few edits: fields added/removed/renamed with and without defaults and aliases,
// promotions, enum symbols and defaults, fixed sizes, namespaces and renames of named types, union
// branches, logical types), judged by avsc's schema resolution. For a level evc calls compatible,
// every instance generated from the writer's schema must encode with the writer and decode with the
// reader (`reader.createResolver(writer)`). Shared by the unit test (test/unit/compat/avro-soundness.test.ts)
// and the big search (`npm run fuzz:compat:avro`, bench/fuzz-compat-avro.ts).

import avro from 'avsc';
import fc from 'fast-check';
import { checkCompatibility } from '../../generator/compat/check.js';
import { rule as payloadSchemaRule } from '../../generator/compat/contract-rules/payload-schema.js';
import type { CompatibilityLevel } from '../../generator/compat/levels.js';
import { SchemaChecker } from '../../generator/compat/schema-check.js';
import type { RegistrySnapshot } from '../../generator/compat/snapshot.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const TYPE_NAMES = ['Alpha', 'Beta', 'Gamma'] as const;
const NAMESPACES = ['', 'a', 'b.c'] as const;
const FIELD_NAMES = ['f', 'g', 'h', 'k'] as const;
const SYMBOLS = ['A', 'B', 'C', 'D'] as const;
const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
const LOGICAL: readonly JsonObject[] = [
  { type: 'long', logicalType: 'timestamp-millis' },
  { type: 'long', logicalType: 'timestamp-micros' },
  { type: 'int', logicalType: 'date' },
  { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 },
  { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 3 },
  { type: 'string', logicalType: 'uuid' },
];

const named = <T extends JsonObject>(type: string, rest: T): fc.Arbitrary<JsonObject> =>
  fc
    .record({ name: fc.constantFrom(...TYPE_NAMES), namespace: fc.constantFrom(...NAMESPACES) })
    .map(({ name, namespace }) => ({ type, name, ...(namespace ? { namespace } : {}), ...rest }));

const enumType = fc
  .record({
    symbols: fc.subarray([...SYMBOLS], { minLength: 1 }),
    withDefault: fc.boolean(),
  })
  .chain(({ symbols, withDefault }) =>
    named('enum', { symbols, ...(withDefault ? { default: symbols[symbols.length - 1] ?? 'A' } : {}) }),
  );
const fixedType = fc.integer({ min: 1, max: 3 }).chain((size) => named('fixed', { size }));
const primitive: fc.Arbitrary<Json> = fc.constantFrom(...PRIMITIVES);
const logical: fc.Arbitrary<Json> = fc.constantFrom(...LOGICAL);

interface FieldSeed {
  readonly name: string;
  readonly type: Json;
  readonly withDefault: boolean;
  readonly aliases: readonly string[];
}

const { type: typeArbitrary } = fc.letrec<{
  type: Json;
  single: Json;
  union: Json;
  record: Json;
}>((tie) => ({
  type: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('single'), tie('single'), tie('union')),
  single: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    primitive,
    logical,
    enumType,
    fixedType,
    tie('type').map((items): Json => ({ type: 'array', items })),
    tie('type').map((values): Json => ({ type: 'map', values })),
    tie('record'),
  ),
  union: fc.array(tie('single'), { minLength: 1, maxLength: 3 }),
  record: fc
    .record({
      fields: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom(...FIELD_NAMES),
          type: tie('type'),
          withDefault: fc.boolean(),
          aliases: fc.subarray([...FIELD_NAMES], { maxLength: 1 }),
        }),
        { selector: (f) => f.name, maxLength: 3 },
      ),
    })
    .chain(({ fields }) => named('record', { fields: (fields as FieldSeed[]).map(fieldJson) })),
}));

function fieldJson(seed: FieldSeed): JsonObject {
  return {
    name: seed.name,
    type: seed.type,
    ...(seed.aliases.length > 0 && !seed.aliases.includes(seed.name) ? { aliases: [...seed.aliases] } : {}),
    // Marks the field; `finalize` computes a default that fits the field's type.
    ...(seed.withDefault ? { default: null } : {}),
  };
}

/** A top-level record (the usual payload), with a few fields. */
export const avroSchemaArbitrary: fc.Arbitrary<Json> = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    fields: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom(...FIELD_NAMES),
        type: typeArbitrary,
        withDefault: fc.boolean(),
        aliases: fc.subarray([...FIELD_NAMES], { maxLength: 1 }),
      }),
      { selector: (f) => f.name, minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ namespace, fields }) =>
    finalize({
      type: 'record',
      name: 'Event',
      ...(namespace ? { namespace } : {}),
      fields: (fields as FieldSeed[]).map(fieldJson),
    }),
  );

// --- making a generated tree a valid Avro schema -------------------------------------------------

/**
 * Named types get unique full names (a repeated name gets a suffix, never a reference, so no
 * recursion appears), union branches are made distinct, and every field marked with a default
 * gets one that fits its type (the first branch of a union).
 */
export function finalize(schema: Json): Json {
  const seen = new Set<string>();
  const walk = (node: Json, namespace: string): Json => {
    if (Array.isArray(node)) {
      const keys = new Set<string>();
      const branches: Json[] = [];
      for (const branch of node) {
        const fixed = walk(Array.isArray(branch) ? 'null' : branch, namespace);
        const key = branchKey(fixed, namespace);
        if (keys.has(key)) continue;
        keys.add(key);
        branches.push(fixed);
      }
      return branches;
    }
    if (typeof node !== 'object' || node === null) return node;
    const type = node['type'];
    if (type === 'array') return { ...node, items: walk(node['items'] ?? 'null', namespace) };
    if (type === 'map') return { ...node, values: walk(node['values'] ?? 'null', namespace) };
    if (type !== 'record' && type !== 'enum' && type !== 'fixed') return node;
    const ns = typeof node['namespace'] === 'string' ? node['namespace'] : namespace;
    let name = text(node['name']);
    for (let i = 2; seen.has(qualify(name, ns)); i++) name = `${text(node['name'])}${i}`;
    seen.add(qualify(name, ns));
    if (type !== 'record') return { ...node, name };
    const fields = (Array.isArray(node['fields']) ? node['fields'] : []).map((f) => {
      const field = f as JsonObject;
      const fieldType = walk(field['type'] ?? 'null', ns);
      return {
        ...field,
        type: fieldType,
        ...('default' in field ? { default: defaultFor(fieldType, ns, new Map()) } : {}),
      };
    });
    return { ...node, name, fields };
  };
  return walk(schema, '');
}

/** A JSON value as text: strings as they are, anything else as JSON. */
function text(value: Json | undefined): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function qualify(name: string, namespace: string): string {
  return name.includes('.') || namespace === '' ? name : `${namespace}.${name}`;
}

function branchKey(node: Json, namespace: string): string {
  if (typeof node === 'string') return node;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return 'invalid';
  const type = text(node['type']);
  if (type === 'record' || type === 'enum' || type === 'fixed') {
    const ns = typeof node['namespace'] === 'string' ? node['namespace'] : namespace;
    return qualify(text(node['name']), ns);
  }
  return type;
}

/** A JSON default value of `type` (Avro writes bytes and fixed as strings of code points). */
function defaultFor(type: Json, namespace: string, depth: Map<string, number>): Json {
  if (Array.isArray(type)) return defaultFor(type[0] ?? 'null', namespace, depth);
  if (typeof type === 'string') {
    switch (type) {
      case 'null':
        return null;
      case 'boolean':
        return false;
      case 'int':
      case 'long':
        return 0;
      case 'float':
      case 'double':
        return 0.5;
      case 'bytes':
        return '\u0000';
      case 'string':
        return 's';
      default:
        return null;
    }
  }
  if (typeof type !== 'object' || type === null) return null;
  const t = type['type'];
  if (typeof t === 'string' && t !== 'record' && t !== 'enum' && t !== 'fixed' && t !== 'array' && t !== 'map')
    return defaultFor(t, namespace, depth);
  if (t === 'enum') return Array.isArray(type['symbols']) ? (type['symbols'][0] ?? 'A') : 'A';
  if (t === 'fixed') return '\u0000'.repeat(typeof type['size'] === 'number' ? type['size'] : 1);
  if (t === 'array') return [];
  if (t === 'map') return {};
  const ns = typeof type['namespace'] === 'string' ? type['namespace'] : namespace;
  const out: JsonObject = {};
  for (const f of Array.isArray(type['fields']) ? type['fields'] : []) {
    const field = f as JsonObject;
    out[text(field['name'])] = defaultFor(field['type'] ?? 'null', ns, depth);
  }
  return out;
}

// --- edits ----------------------------------------------------------------------------------------

export type AvroMutation =
  | {
      readonly kind: 'add-field';
      readonly at: number;
      readonly name: string;
      readonly type: Json;
      readonly withDefault: boolean;
    }
  | { readonly kind: 'remove-field'; readonly at: number }
  | { readonly kind: 'rename-field'; readonly at: number; readonly name: string; readonly withAlias: boolean }
  | { readonly kind: 'retype'; readonly at: number; readonly type: Json }
  | { readonly kind: 'promote'; readonly at: number; readonly to: string }
  | { readonly kind: 'toggle-default'; readonly at: number }
  | { readonly kind: 'enum-symbols'; readonly at: number; readonly symbols: readonly string[] }
  | { readonly kind: 'enum-default'; readonly at: number; readonly symbol: string | null }
  | { readonly kind: 'fixed-size'; readonly at: number; readonly size: number }
  | { readonly kind: 'move-namespace'; readonly at: number; readonly namespace: string }
  | { readonly kind: 'rename-type'; readonly at: number; readonly name: string; readonly withAlias: boolean }
  | { readonly kind: 'wrap-union'; readonly at: number; readonly nullFirst: boolean }
  | { readonly kind: 'unwrap-union'; readonly at: number; readonly branch: number }
  | { readonly kind: 'add-branch'; readonly at: number; readonly type: Json }
  | { readonly kind: 'logical'; readonly at: number; readonly logical: Json };

const at = fc.nat({ max: 50 });
export const avroMutationArbitrary: fc.Arbitrary<AvroMutation> = fc.oneof(
  fc.record({
    kind: fc.constant('add-field' as const),
    at,
    name: fc.constantFrom('n', 'm', ...FIELD_NAMES),
    type: typeArbitrary,
    withDefault: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('remove-field' as const), at }),
  fc.record({
    kind: fc.constant('rename-field' as const),
    at,
    name: fc.constantFrom('n', 'm', ...FIELD_NAMES),
    withAlias: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('retype' as const), at, type: typeArbitrary }),
  fc.record({ kind: fc.constant('promote' as const), at, to: fc.constantFrom(...PRIMITIVES) }),
  fc.record({ kind: fc.constant('toggle-default' as const), at }),
  fc.record({ kind: fc.constant('enum-symbols' as const), at, symbols: fc.subarray([...SYMBOLS], { minLength: 1 }) }),
  fc.record({
    kind: fc.constant('enum-default' as const),
    at,
    symbol: fc.constantFrom<string | null>(null, ...SYMBOLS),
  }),
  fc.record({ kind: fc.constant('fixed-size' as const), at, size: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('move-namespace' as const), at, namespace: fc.constantFrom(...NAMESPACES) }),
  fc.record({
    kind: fc.constant('rename-type' as const),
    at,
    name: fc.constantFrom(...TYPE_NAMES, 'Delta'),
    withAlias: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('wrap-union' as const), at, nullFirst: fc.boolean() }),
  fc.record({ kind: fc.constant('unwrap-union' as const), at, branch: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('add-branch' as const), at, type: fc.oneof(primitive, enumType, fixedType) }),
  fc.record({ kind: fc.constant('logical' as const), at, logical: fc.oneof(logical, primitive) }),
);

/** A place in a schema holding a type: read it, replace it. */
interface Slot {
  get(): Json;
  set(value: Json): void;
  /** Namespace in force at this place. */
  readonly namespace: string;
}

function slotsOf(root: { value: Json }): Slot[] {
  const slots: Slot[] = [];
  const visit = (get: () => Json, set: (v: Json) => void, namespace: string): void => {
    slots.push({ get, set, namespace });
    const node = get();
    if (Array.isArray(node)) {
      node.forEach((_, i) =>
        visit(
          () => node[i] ?? null,
          (v) => (node[i] = v),
          namespace,
        ),
      );
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const type = node['type'];
    if (type === 'array')
      visit(
        () => node['items'] ?? null,
        (v) => (node['items'] = v),
        namespace,
      );
    if (type === 'map')
      visit(
        () => node['values'] ?? null,
        (v) => (node['values'] = v),
        namespace,
      );
    if (type === 'record') {
      const ns = typeof node['namespace'] === 'string' ? node['namespace'] : namespace;
      for (const f of Array.isArray(node['fields']) ? node['fields'] : []) {
        const field = f as JsonObject;
        visit(
          () => field['type'] ?? null,
          (v) => (field['type'] = v),
          ns,
        );
      }
    }
  };
  visit(
    () => root.value,
    (v) => (root.value = v),
    '',
  );
  return slots;
}

const pick = <T>(list: readonly T[], at: number): T | undefined => list[at % Math.max(1, list.length)];
const ofType = (slots: readonly Slot[], kinds: readonly string[]): Slot[] =>
  slots.filter((s) => {
    const v = s.get();
    return typeof v === 'object' && v !== null && !Array.isArray(v) && kinds.includes(text(v['type']));
  });

function applyMutation(root: { value: Json }, m: AvroMutation): void {
  const slots = slotsOf(root);
  const records = ofType(slots, ['record']).map((s) => s.get() as JsonObject);
  const fields = records.flatMap((r) => (Array.isArray(r['fields']) ? (r['fields'] as JsonObject[]) : []));
  const fieldsOf = (r: JsonObject): JsonObject[] => (Array.isArray(r['fields']) ? (r['fields'] as JsonObject[]) : []);
  switch (m.kind) {
    case 'add-field': {
      const record = pick(records, m.at);
      if (!record || fieldsOf(record).some((f) => f['name'] === m.name)) return;
      fieldsOf(record).push({ name: m.name, type: m.type, ...(m.withDefault ? { default: null } : {}) });
      return;
    }
    case 'remove-field': {
      const record = pick(records, m.at);
      if (!record) return;
      const list = fieldsOf(record);
      list.splice(m.at % Math.max(1, list.length), 1);
      return;
    }
    case 'rename-field': {
      const field = pick(fields, m.at);
      const record = records.find((r) => field && fieldsOf(r).includes(field));
      if (!field || !record || fieldsOf(record).some((f) => f['name'] === m.name)) return;
      const old = text(field['name']);
      field['name'] = m.name;
      if (m.withAlias) field['aliases'] = [old];
      else delete field['aliases'];
      return;
    }
    case 'retype':
      pick(slots, m.at)?.set(m.type);
      return;
    case 'promote': {
      const slot = pick(
        slots.filter((s) => typeof s.get() === 'string'),
        m.at,
      );
      slot?.set(m.to);
      return;
    }
    case 'toggle-default': {
      const field = pick(fields, m.at);
      if (!field) return;
      if ('default' in field) delete field['default'];
      else field['default'] = null;
      return;
    }
    case 'enum-symbols': {
      const node = pick(ofType(slots, ['enum']), m.at)?.get() as JsonObject | undefined;
      if (!node) return;
      node['symbols'] = [...m.symbols];
      if (typeof node['default'] === 'string' && !m.symbols.includes(node['default']))
        node['default'] = m.symbols[0] ?? 'A';
      return;
    }
    case 'enum-default': {
      const node = pick(ofType(slots, ['enum']), m.at)?.get() as JsonObject | undefined;
      if (!node) return;
      const symbols = Array.isArray(node['symbols']) ? node['symbols'] : [];
      if (m.symbol === null) delete node['default'];
      else if (symbols.includes(m.symbol)) node['default'] = m.symbol;
      return;
    }
    case 'fixed-size': {
      const node = pick(ofType(slots, ['fixed']), m.at)?.get() as JsonObject | undefined;
      if (node) node['size'] = m.size;
      return;
    }
    case 'move-namespace': {
      const node = pick(ofType(slots, ['record', 'enum', 'fixed']), m.at)?.get() as JsonObject | undefined;
      if (!node) return;
      if (m.namespace) node['namespace'] = m.namespace;
      else node['namespace'] = '';
      return;
    }
    case 'rename-type': {
      const slot = pick(ofType(slots, ['record', 'enum', 'fixed']), m.at);
      const node = slot?.get() as JsonObject | undefined;
      if (!slot || !node) return;
      const ns = typeof node['namespace'] === 'string' ? node['namespace'] : slot.namespace;
      const oldFull = qualify(text(node['name']), ns);
      node['name'] = m.name;
      if (m.withAlias) node['aliases'] = [oldFull];
      else delete node['aliases'];
      return;
    }
    case 'wrap-union': {
      const slot = pick(
        slots.filter((s) => !Array.isArray(s.get())),
        m.at,
      );
      if (!slot) return;
      const value = slot.get();
      if (value === 'null') return;
      slot.set(m.nullFirst ? ['null', value] : [value, 'null']);
      return;
    }
    case 'unwrap-union': {
      const slot = pick(
        slots.filter((s) => Array.isArray(s.get())),
        m.at,
      );
      const branches = slot?.get() as Json[] | undefined;
      if (!slot || !branches || branches.length === 0) return;
      slot.set(branches[m.branch % branches.length] ?? 'null');
      return;
    }
    case 'add-branch': {
      const slot = pick(
        slots.filter((s) => Array.isArray(s.get())),
        m.at,
      );
      const branches = slot?.get() as Json[] | undefined;
      if (branches) branches.push(m.type);
      return;
    }
    case 'logical': {
      const slot = pick(
        slots.filter((s) => {
          const v = s.get();
          return typeof v === 'string' || (typeof v === 'object' && v !== null && 'logicalType' in v);
        }),
        m.at,
      );
      slot?.set(m.logical);
      return;
    }
  }
}

export function mutateAvro(schema: Json, mutations: readonly AvroMutation[]): Json {
  const root = { value: structuredClone(schema) };
  for (const m of mutations) applyMutation(root, m);
  return finalize(root.value);
}

// --- the oracle -----------------------------------------------------------------------------------

export const AVRO_CHECKED_LEVELS = ['BACKWARD', 'FORWARD', 'FULL'] as const satisfies readonly CompatibilityLevel[];
type CheckedLevel = (typeof AVRO_CHECKED_LEVELS)[number];

/** Whether data written with `writer` reads with `reader` (avsc resolution), or why not. */
export function avscResolution(
  writer: avro.Type,
  reader: avro.Type,
  instances: readonly unknown[],
): string | undefined {
  let resolver: avro.Resolver;
  try {
    resolver = reader.createResolver(writer, { ignoreNamespaces: true });
  } catch (error) {
    return `avsc refuses to resolve: ${error instanceof Error ? error.message : String(error)}`;
  }
  for (const value of instances) {
    try {
      reader.fromBuffer(writer.toBuffer(value), resolver);
    } catch (error) {
      return `instance ${writer.toString(value)} does not decode: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return undefined;
}

export interface AvroPairCase {
  readonly old: Json;
  readonly new: Json;
  readonly mutations: readonly AvroMutation[];
  /** Checked through the contract rules with snapshots (as `evc check` does) rather than the checker alone. */
  readonly throughContracts: boolean;
  readonly seed: number;
}

export const avroPairArbitrary: fc.Arbitrary<AvroPairCase> = avroSchemaArbitrary.chain((old) =>
  fc
    .record({
      mutations: fc.array(avroMutationArbitrary, { minLength: 1, maxLength: 3 }),
      throughContracts: fc.boolean(),
      seed: fc.nat(),
    })
    .map(({ mutations, throughContracts, seed }) => ({
      old,
      new: mutateAvro(old, mutations),
      mutations,
      throughContracts,
      seed,
    })),
);

export interface AvroJudgement {
  /** Levels called compatible although avsc cannot read some instance in a direction they check. */
  readonly unsound: readonly { readonly level: CheckedLevel; readonly why: string }[];
  /** Levels called breaking although avsc resolves every direction they check and reads every instance. */
  readonly overStrict: readonly { readonly level: CheckedLevel; readonly ids: readonly string[] }[];
  /** evc's verdict (compatible?) at each of AVRO_CHECKED_LEVELS, in order. */
  readonly verdicts: readonly boolean[];
  /** Set when avsc refuses one of the schemas (the generator made an invalid one): nothing is judged. */
  readonly skipped?: string;
}

const INSTANCES = 12;

export function judgeAvro(pair: AvroPairCase, checker = new SchemaChecker()): AvroJudgement {
  let oldType: avro.Type;
  let newType: avro.Type;
  try {
    oldType = avro.Type.forSchema(pair.old as avro.Schema);
    newType = avro.Type.forSchema(pair.new as avro.Schema);
  } catch (error) {
    return {
      unsound: [],
      overStrict: [],
      verdicts: [],
      skipped: error instanceof Error ? error.message : String(error),
    };
  }
  const random = (type: avro.Type): unknown[] => Array.from({ length: INSTANCES }, () => type.random());
  const backwardFails = avscResolution(oldType, newType, random(oldType));
  const forwardFails = avscResolution(newType, oldType, random(newType));
  const unsound: { level: CheckedLevel; why: string }[] = [];
  const overStrict: { level: CheckedLevel; ids: string[] }[] = [];
  const verdicts: boolean[] = [];
  for (const level of AVRO_CHECKED_LEVELS) {
    const verdict = evcVerdict(pair, level, checker);
    verdicts.push(verdict.compatible);
    const fails = [
      ...(level !== 'FORWARD' && backwardFails ? [`backward: ${backwardFails}`] : []),
      ...(level !== 'BACKWARD' && forwardFails ? [`forward: ${forwardFails}`] : []),
    ];
    if (verdict.compatible && fails.length > 0) unsound.push({ level, why: fails.join('; ') });
    if (!verdict.compatible && fails.length === 0) overStrict.push({ level, ids: verdict.breaking });
  }
  return { unsound, overStrict, verdicts };
}

function evcVerdict(
  pair: AvroPairCase,
  level: CompatibilityLevel,
  checker: SchemaChecker,
): { compatible: boolean; breaking: string[] } {
  if (!pair.throughContracts) {
    const result = checker.checkAvro(pair.old, pair.new, { level });
    return { compatible: result.compatible, breaking: result.findings.filter((f) => f.breaking).map((f) => f.id) };
  }
  const result = checkCompatibility({
    baselines: [snapshotOf('old', pair.old)],
    current: snapshotOf('new', pair.new),
    level,
    mode: 'strict',
    rules: [payloadSchemaRule],
    schemas: checker,
  });
  return { compatible: result.compatible, breaking: result.changes.filter((c) => c.breaking).map((c) => c.rule) };
}

function snapshotOf(label: string, schema: Json): RegistrySnapshot {
  return {
    label,
    messages: new Map([['Event', { name: 'Event', payload: true, avro: schema }]]),
    topics: new Map([['events', { address: 'events', messages: new Set(['Event']) }]]),
    flows: [],
  };
}

export function describeAvroCounterexample(pair: AvroPairCase, judgement: AvroJudgement): string {
  const lines = judgement.unsound.map((u) => `${u.level} called compatible, but ${u.why}`);
  lines.push(`  old: ${JSON.stringify(pair.old)}`, `  new: ${JSON.stringify(pair.new)}`);
  lines.push(`  edits: ${JSON.stringify(pair.mutations)}`);
  return lines.join('\n');
}
