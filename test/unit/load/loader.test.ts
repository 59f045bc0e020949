import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadRegistry, directorySource } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { corpusDocuments } from '../../support/corpus.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const corpus = corpusDocuments;

describe('loader on the LogiFlow registry', async () => {
  const registry = await loadRegistry(await directorySource('contracts', repo));

  it('loads every service without diagnostics', () => {
    expect(registry.diagnostics).toEqual([]);
    expect(registry.services.map((s) => s.name)).toEqual(['customer-portal', 'invoicing', 'routing', 'tracking']);
  });

  it('knows topics by channel address, with every message on them', () => {
    expect(registry.topics.map((t) => [t.address, [...t.messages.keys()].sort()])).toEqual([
      ['invoicing.events', ['InvoiceGenerated']],
      ['routing.events', ['RouteCalculated', 'RouteCancelled']],
      ['tracking.events', ['ShipmentStatusChanged']],
    ]);
  });

  it('shares one message model between the producer and the consumers that $ref it', () => {
    const routing = registry.services.find((s) => s.name === 'routing')!;
    const invoicing = registry.services.find((s) => s.name === 'invoicing')!;
    const sent = routing.operations.find(
      (o) => o.action === 'send' && o.messages.some((m) => m.name === 'RouteCalculated'),
    )!.messages[0];
    const received = invoicing.operations.find((o) => o.action === 'receive')!.messages[0];
    expect(received).toBe(sent);
    expect(registry.messages.filter((m) => m.name === 'RouteCalculated')).toHaveLength(1);
  });

  it('lifts the Kafka key, headers and payload with source locations', () => {
    const message = registry.messages.find((m) => m.name === 'RouteCalculated')!;
    expect(message.key).toMatchObject({ type: 'string', pattern: '^TRK-[0-9]{4,}$' });
    expect(message.headers).toMatchObject({ type: 'object' });
    expect(message.payload).toMatchObject({ type: 'object', additionalProperties: false });
    expect(message.definition).toEqual({
      file: 'contracts/routing/asyncapi.yaml',
      line: expect.any(Number),
      column: 5,
    });
    expect(message.definitionPointer).toBe('/components/messages/RouteCalculated');
  });

  it('resolves relative $refs across files into shared objects', () => {
    const calculated = registry.messages.find((m) => m.name === 'RouteCalculated')!.payload as Record<
      string,
      Record<string, unknown>
    >;
    const cancelled = registry.messages.find((m) => m.name === 'RouteCancelled')!.payload as Record<
      string,
      Record<string, unknown>
    >;
    expect(calculated.properties!.metadata).toBe(cancelled.properties!.metadata);
  });
});

describe('loader on AsyncAPI 2.6', () => {
  it('inverts publish/subscribe: 2.x publish means the application receives', async () => {
    const registry = await loadRegistry(await directorySource(path.join(corpus, 'v2.6/streetlights-kafka.yml')));
    const ops = registry.services[0]!.operations.map((o) => [o.id, o.action]);
    expect(ops).toContainEqual(['receiveLightMeasurement', 'receive']);
    expect(ops).toContainEqual(['turnOn', 'send']);
  });
});

// Each bad input must give a located diagnostic, never a throw.
const badInputs: { name: string; files: Record<string, string>; rule: string; line: number; message: RegExp }[] = [
  {
    name: 'unreadable YAML',
    files: { 'a.yaml': 'asyncapi: 3.0.0\ninfo: [unclosed\n' },
    rule: 'yaml-syntax',
    line: 3,
    message: /cannot parse a\.yaml/,
  },
  {
    name: 'duplicate keys',
    files: { 'a.yaml': 'asyncapi: 3.0.0\nasyncapi: 3.0.0\n' },
    rule: 'yaml-syntax',
    line: 2,
    message: /unique/i,
  },
  {
    name: 'unknown AsyncAPI version',
    files: { 'a.yaml': 'asyncapi: 9.9.9\ninfo: {title: a, version: "1"}\n' },
    rule: 'asyncapi-version',
    line: 1,
    message: /unsupported AsyncAPI version "9\.9\.9"/,
  },
  {
    name: 'missing $ref target file',
    files: { 'a.yaml': doc(`components:\n  schemas:\n    A:\n      $ref: './missing.yaml'\n`) },
    rule: 'ref-unresolved',
    line: 8,
    message: /missing\.yaml does not exist/,
  },
  {
    name: 'missing $ref pointer',
    files: { 'a.yaml': doc(`components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/Nope'\n`) },
    rule: 'ref-unresolved',
    line: 8,
    message: /has nothing at "#\/components\/schemas\/Nope"/,
  },
  {
    name: 'cycle of $refs',
    files: {
      'a.yaml': doc(
        `components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n`,
      ),
    },
    rule: 'ref-cycle',
    line: 8,
    message: /reference cycle/,
  },
  {
    name: '$ref with a broken percent-encoding (was a URIError crash)',
    files: { 'a.yaml': doc(`components:\n  schemas:\n    A:\n      $ref: './x%zz.yaml'\n`) },
    rule: 'ref-unresolved',
    line: 8,
    message: /invalid percent-encoding/,
  },
  {
    name: 'remote $ref',
    files: { 'a.yaml': doc(`components:\n  schemas:\n    A:\n      $ref: 'https://example.com/a.json'\n`) },
    rule: 'ref-remote',
    line: 8,
    message: /remote reference/,
  },
  {
    name: '$ref outside the contracts directory',
    files: { 'a.yaml': doc(`components:\n  schemas:\n    A:\n      $ref: '../../etc/passwd'\n`) },
    rule: 'ref-outside-root',
    line: 8,
    message: /outside the contracts directory/,
  },
  {
    name: 'invalid against the AsyncAPI schema',
    files: { 'a.yaml': doc(`channels:\n  c:\n    address: 42\n`) },
    rule: 'asyncapi-schema',
    line: 7,
    message: /"channels\.c\.address" must be of type string,null/,
  },
];

function doc(rest: string): string {
  return `asyncapi: 3.0.0\ninfo:\n  title: a\n  version: '1'\n${rest}`;
}

describe('loader diagnostics for bad input', () => {
  it.each(badInputs)('$name → $rule', async ({ files, rule, line, message }) => {
    const registry = await loadRegistry(memorySource(files));
    const found = registry.diagnostics.find((d) => d.rule === rule);
    expect(found, JSON.stringify(registry.diagnostics)).toBeDefined();
    expect(found).toMatchObject({ file: 'a.yaml', line, severity: 'error' });
    expect(found!.message).toMatch(message);
  });

  it('refuses a 20 MB document with a diagnostic instead of parsing it', async () => {
    const big = `asyncapi: 3.0.0\ninfo: {title: big, version: '1'}\nx-padding: "${'x'.repeat(20 * 1024 * 1024)}"\n`;
    const registry = await loadRegistry(memorySource({ 'big.yaml': big }));
    expect(registry.diagnostics).toEqual([
      expect.objectContaining({
        rule: 'file-too-large',
        file: 'big.yaml',
        line: 1,
        message: expect.stringMatching(/20\.0 MiB, over the 5 MiB limit/),
      }),
    ]);
  });

  it('never lets a __proto__ key reach a prototype', async () => {
    const registry = await loadRegistry(
      memorySource({
        'a.yaml': doc(
          `components:\n  schemas:\n    A:\n      type: object\n      properties:\n        __proto__: {type: string, polluted: true}\n`,
        ),
      }),
    );
    expect(registry.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
