// Avro payloads through the loader: both AsyncAPI forms, .avsc references, named types across
// schemas, and a table of invalid schemas, each a located finding (never a crash).
import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { directorySource } from '../../../generator/load/directory-source.js';
import { ruleRegistry } from '../../../generator/rules/registry.js';

/** A 3.0 document sending one message whose payload is the given Avro schema (YAML flow/JSON text). */
function v3(schema: string, contentType = 'application/json'): string {
  return [
    'asyncapi: 3.0.0',
    'info: { title: fleet, version: 1.0.0 }',
    'channels:',
    '  c:',
    '    address: fleet.events',
    '    messages:',
    '      Evt:',
    `        contentType: ${contentType}`,
    '        payload:',
    '          schemaFormat: application/vnd.apache.avro;version=1.9.0',
    `          schema: ${schema}`,
    'operations:',
    '  send: { action: send, channel: { $ref: "#/channels/c" } }',
    '',
  ].join('\n');
}

async function load(files: Record<string, string>) {
  return loadRegistry(memorySource(files));
}

describe('Avro payloads: valid forms', () => {
  it('reads the 3.x multi-format payload: normalised schema, full names, aliases, JSON Schema form', async () => {
    const registry = await load({
      'a.yaml': v3(
        '{type: record, name: Parked, namespace: com.x, aliases: [com.old.Parked, Halt], fields: [{name: at, type: {type: long, logicalType: timestamp-millis}}, {name: e, type: {type: enum, name: E, symbols: [A, B], default: A}}, {name: e2, type: E}]}',
      ),
    });
    expect(registry.diagnostics).toEqual([]);
    const message = registry.messages[0]!;
    expect(message.avro?.name).toBe('com.x.Parked');
    expect(message.avro?.schema).toEqual({
      type: 'record',
      name: 'com.x.Parked',
      aliases: ['com.old.Parked', 'com.x.Halt'],
      fields: [
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'e', type: { type: 'enum', name: 'com.x.E', symbols: ['A', 'B'], default: 'A' } },
        { name: 'e2', type: 'com.x.E' },
      ],
    });
    expect([...message.avro!.namedTypes.keys()].sort()).toEqual(['com.x.E', 'com.x.Parked']);
    expect(message.avro?.encoding).toBe('json');
    expect(message.payload).toMatchObject({
      type: 'object',
      title: 'Parked',
      required: ['at', 'e', 'e2'],
      additionalProperties: false,
      properties: { e: { enum: ['A', 'B'] } },
    });
    const properties = (message.payload as { properties: Record<string, unknown> }).properties;
    expect(properties.e).toBe(properties.e2); // one named type, one schema node
  });

  it('reads the 2.6 form (schemaFormat on the message) and binary contentTypes', async () => {
    const doc = [
      'asyncapi: 2.6.0',
      'info: { title: fleet, version: 1.0.0 }',
      'channels:',
      '  fleet.events:',
      '    subscribe:',
      '      message:',
      '        name: Evt',
      '        contentType: application/vnd.apache.avro+binary',
      '        schemaFormat: application/vnd.apache.avro+yaml;version=1.9.0',
      '        payload: { $ref: "./evt.avsc" }',
      '',
    ].join('\n');
    const registry = await load({
      'a.yaml': doc,
      'evt.avsc': '{"type":"record","name":"Evt","fields":[{"name":"n","type":["null","int"],"default":null}]}',
    });
    expect(registry.diagnostics).toEqual([]);
    expect(registry.messages[0]?.avro).toMatchObject({ name: 'Evt', encoding: 'binary' });
    expect(registry.messages[0]?.avro?.location.file).toBe('evt.avsc');
  });

  it('resolves a named type another schema defines, in .avsc files outside the contracts folder', async () => {
    const registry = await loadRegistry(await directorySource('test/fixtures/avro/valid/contracts'));
    expect(registry.diagnostics).toEqual([]);
    const parked = registry.messages.find((m) => m.name === 'TruckParked')!;
    // Position is defined in ../../schemas/truck-position.avsc and copied in at its first use.
    expect(parked.avro?.namedTypes.get('com.logiflow.fleet.Position')).toMatchObject({ type: 'record' });
    expect((JSON.parse(parked.avro!.text) as { fields: { type: { name: string } }[] }).fields[1]!.type.name).toBe(
      'com.logiflow.fleet.Position',
    );
    const reported = registry.messages.find((m) => m.name === 'TruckPositionReported')!;
    const position = (schema: unknown): unknown =>
      (schema as { properties: Record<string, unknown> }).properties[schema === parked.payload ? 'at' : 'position'];
    expect(position(parked.payload)).toBe(position(reported.payload));
  });
});

interface BadCase {
  readonly name: string;
  readonly schema: string;
  readonly rule: string;
  readonly line: number;
  readonly message: RegExp;
  readonly contentType?: string;
}

// The schema is written on line 11 of the document (see v3); multi-line schemas continue below it.
const badCases: readonly BadCase[] = [
  {
    name: 'unknown type',
    schema: '{type: record, name: R, fields: [{name: a, type: Nope}]}',
    rule: 'avro-unknown-type',
    line: 11,
    message: /unknown type "Nope"/,
  },
  {
    name: 'default of the wrong type',
    schema: '{type: record, name: R, fields: [{name: a, type: int, default: "x"}]}',
    rule: 'avro-default-invalid',
    line: 11,
    message: /default of field "a" of R/,
  },
  {
    name: 'union default not matching the first branch',
    schema: '{type: record, name: R, fields: [{name: a, type: [null, int], default: 1}]}',
    rule: 'avro-default-invalid',
    line: 11,
    message: /first branch/,
  },
  {
    name: 'enum default not a symbol',
    schema: '{type: enum, name: E, symbols: [A], default: B}',
    rule: 'avro-default-invalid',
    line: 11,
    message: /not one of its symbols/,
  },
  {
    name: 'duplicate type names',
    schema: '{type: record, name: R, fields: [{name: a, type: {type: enum, name: R, symbols: [X]}}]}',
    rule: 'avro-duplicate-name',
    line: 11,
    message: /R is defined twice/,
  },
  {
    name: 'duplicate field names',
    schema: '{type: record, name: R, fields: [{name: a, type: int}, {name: a, type: long}]}',
    rule: 'avro-duplicate-name',
    line: 11,
    message: /two fields named "a"/,
  },
  {
    name: 'union with two of the same type',
    schema: '{type: record, name: R, fields: [{name: a, type: [int, string, int]}]}',
    rule: 'avro-union-duplicate',
    line: 11,
    message: /branches 1 and 3 are both "int"/,
  },
  {
    name: 'union directly containing a union',
    schema: '{type: record, name: R, fields: [{name: a, type: [int, [string, long]]}]}',
    rule: 'avro-union-nested',
    line: 11,
    message: /directly contains another union/,
  },
  {
    name: 'recursive record',
    schema: '{type: record, name: Node, fields: [{name: next, type: [null, Node]}]}',
    rule: 'avro-recursive-type',
    line: 11,
    message: /Node contains itself/,
  },
  {
    name: 'not an Avro schema at all',
    schema: '42',
    rule: 'avro-schema',
    line: 11,
    message: /42 is not an Avro schema/,
  },
  {
    name: 'invalid name',
    schema: '{type: record, name: 1R, fields: []}',
    rule: 'avro-schema',
    line: 11,
    message: /"1R" is not a valid Avro name/,
  },
  {
    name: 'ambiguous union in a binary payload',
    schema: '{type: record, name: R, fields: [{name: a, type: [int, long]}]}',
    rule: 'avro-binary-union',
    line: 11,
    message: /both JSON numbers/,
    contentType: 'avro/binary',
  },
];

describe('Avro payloads: invalid schemas are located findings', () => {
  it.each(badCases)('$name', async ({ schema, rule, line, message, contentType }) => {
    const registry = await load({ 'a.yaml': v3(schema, contentType) });
    const found = registry.diagnostics.filter((d) => d.rule === rule);
    expect(found, JSON.stringify(registry.diagnostics)).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'a.yaml', line, severity: 'error' });
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.hint ?? '').not.toBe('');
    // The message is not handed on half-made: no Avro form, no JSON Schema.
    expect(registry.messages[0]?.avro).toBeUndefined();
    expect(registry.messages[0]?.payload).toBeUndefined();
  });

  it('points into the .avsc file, at the line of the problem', async () => {
    const avsc = [
      '{"type": "record", "name": "R", "fields": [',
      '  {"name": "a", "type": "int"},',
      '  {"name": "b", "type": "Missing"}',
      ']}',
    ].join('\n');
    const registry = await load({ 'a.yaml': v3('{$ref: "./r.avsc"}'), 'r.avsc': avsc });
    expect(registry.diagnostics).toMatchObject([{ file: 'r.avsc', line: 3, rule: 'avro-unknown-type' }]);
  });

  it('a .avsc that is not JSON is a located syntax error', async () => {
    const registry = await load({ 'a.yaml': v3('{$ref: "./r.avsc"}'), 'r.avsc': '{"type": "record", "name": ' });
    expect(registry.diagnostics.some((d) => d.file === 'r.avsc' && d.severity === 'error')).toBe(true);
  });

  it('every Avro finding id is in the rule registry', () => {
    const ids = new Set(ruleRegistry().map((entry) => entry.id));
    for (const { rule } of badCases) expect(ids.has(rule)).toBe(true);
  });
});
