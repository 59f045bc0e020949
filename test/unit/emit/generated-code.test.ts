// Golden files for the LogiFlow registry (the committed `generated/` tree) and the hostile-names
// contract, and a compile of everything generated — LogiFlow, hostile, every corpus document —
// under strict + noUncheckedIndexedAccess, with no `any` anywhere.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRegistry, directorySource } from '../../../generator/load/index.js';
import { generateCode } from '../../../generator/emit/index.js';
import { lintRegistry } from '../../../generator/lint/index.js';
import { compareTree } from '../../../generator/emit/output-tree.js';
import { anyTypes, identifiers, typeCheck } from '../../support/compile.js';
import { corpusDocuments, corpusIndex } from '../../support/corpus.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const corpusRoot = corpusDocuments;

async function generate(target: string): Promise<Map<string, string>> {
  const registry = await loadRegistry(await directorySource(target, repo));
  const errors = lintRegistry(registry).filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`${target}: ${JSON.stringify(errors)}`);
  const generated = generateCode(registry);
  expect(generated.diagnostics).toEqual([]);
  return new Map(generated.files);
}

function writeFiles(dir: string, files: ReadonlyMap<string, string>): string[] {
  const written: string[] = [];
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    if (file.endsWith('.ts')) written.push(target);
  }
  return written;
}

describe('generated code for the LogiFlow registry', async () => {
  const files = await generate('contracts');

  it('matches the committed generated/ tree byte for byte (golden)', async () => {
    expect(await compareTree(path.join(repo, 'generated'), files)).toEqual({ changed: [], missing: [], stale: [] });
  });

  it('is deterministic: a second run gives identical files', async () => {
    expect(await generate('contracts')).toEqual(files);
  });

  it('emits one producer method per sent message and one handler per received message', () => {
    const tracking = files.get('services/tracking.ts')!;
    expect(tracking).toContain(
      'sendShipmentStatusChanged(event: { readonly payload: ShipmentStatusChanged; readonly key: ShipmentStatusChangedKey; readonly headers: ShipmentStatusChangedHeaders }): Promise<void>',
    );
    expect(tracking.match(/readonly on\w+: EventHandler</g)).toEqual([
      'readonly onInvoiceGenerated: EventHandler<',
      'readonly onRouteCalculated: EventHandler<',
      'readonly onRouteCancelled: EventHandler<',
    ]);
    expect(files.get('services/routing.ts')).not.toContain('RoutingConsumer');
  });

  it('types oneOf as a union, enums as literal unions and keeps names from the contract', () => {
    const types = files.get('types.ts')!;
    expect(types).toContain('export type RouteStop = PickupStop | DropoffStop;');
    expect(types).toContain('readonly currency: "EUR" | "USD" | "GBP";');
    expect(types).not.toMatch(/AnonymousSchema/);
  });
});

describe('generated code for the fleet-avro example registry (Avro payloads)', async () => {
  const files = await generate('examples/fleet-avro/contracts');

  it('matches the committed examples/fleet-avro/generated/ tree byte for byte (golden)', async () => {
    expect(await compareTree(path.join(repo, 'examples/fleet-avro/generated'), files)).toEqual({
      changed: [],
      missing: [],
      stale: [],
    });
  });

  it('names types after the Avro records, declares a named type used across files once, maps Avro types', () => {
    const types = files.get('types.ts')!;
    expect(types.match(/^export type TruckRef = /gm)).toHaveLength(1);
    expect(types).toContain('export type VehicleKind = "VAN" | "BOX_TRUCK" | "SEMI";');
    expect(types).toContain('readonly speedKmh: null | number;');
    expect(types).toContain('readonly [property: string]: number;');
    expect(types).toContain('export type UnitSerial = string;');
  });

  it('gives binary-encoded messages their Avro schema and JSON-encoded ones none', () => {
    const messages = files.get('messages.ts')!;
    expect(messages.match(/avroBinary: \{ schema: /g)).toHaveLength(1);
    expect(messages).toContain('contentType: "application/vnd.apache.avro+binary"');
  });
});

describe('generated code for hostile names and descriptions', async () => {
  const files = await generate('test/fixtures/hostile/asyncapi.yaml');
  const golden = path.join(repo, 'test/golden/hostile');

  it('matches the reviewed golden files', async () => {
    if (process.env.UPDATE_GOLDEN === '1') {
      const { writeTree } = await import('../../../generator/emit/output-tree.js');
      await writeTree(golden, files);
    }
    expect(await compareTree(golden, files)).toEqual({ changed: [], missing: [], stale: [] });
  });

  it('never lets contract text out of comments and string literals', () => {
    expect([...files.values()].filter((c) => c.includes('process.exit')).length).toBeGreaterThan(3);
    for (const [file, content] of files) {
      // The contract tries `${process.exit(1)}`, `*/` and backticks: as code, `process` would be
      // an identifier token; it must only ever appear inside comments and string literals.
      const tokens = identifiers(content);
      expect(tokens.has('process'), file).toBe(false);
      expect(tokens.has('`template`'), file).toBe(false);
    }
  });

  it('keeps names that collide after case conversion apart', () => {
    const types = files.get('types.ts')!;
    expect(types).toMatch(/export type OrderCreated = /);
    expect(types).toMatch(/export type OrderCreated2 = /);
    expect(types).toMatch(/export type OrderCreated3 = /);
  });
});

describe('every generated file compiles under strict with noUncheckedIndexedAccess and exposes no any', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'evc-compile-'));
  const roots: string[] = [];
  const sources = new Map<string, string>();
  const targets: [string, string][] = [
    ['logiflow', 'contracts'],
    ['hostile', 'test/fixtures/hostile/asyncapi.yaml'],
    // Avro payloads: the fleet example registry, hostile Avro names, Avro named types across files.
    ['fleet-avro', 'examples/fleet-avro/contracts'],
    ['avro-hostile', 'test/fixtures/avro/hostile/asyncapi.yaml'],
    ['avro-valid', 'test/fixtures/avro/valid/contracts'],
    // The social-media folders are multi-service registries: each is loaded as one.
    ['v2.6-social-media', path.join(corpusRoot, 'v2.6/social-media')],
    ['v3-social-media', path.join(corpusRoot, 'v3/social-media')],
    ...corpusIndex
      .filter(
        (entry) => entry.isMainDocument && !entry.storedAt.includes('adeo') && !entry.storedAt.includes('social-media'),
      )
      .map(
        (entry) =>
          [entry.storedAt.replace(/[^a-z0-9]+/gi, '-'), path.join(corpusRoot, entry.storedAt)] as [string, string],
      ),
  ];
  for (const [name, target] of targets) {
    const files = await generate(target);
    roots.push(...writeFiles(path.join(out, name), files));
    for (const [file, content] of files) if (file.endsWith('.ts')) sources.set(`${name}/${file}`, content);
  }

  it(`type-checks ${targets.length} generated trees`, () => {
    expect(typeCheck(roots).errors).toEqual([]);
  }, 120_000);

  it('has no `any` in generated TypeScript and declarations', () => {
    const withAny = [...sources].filter(([, content]) => anyTypes(content).length > 0).map(([file]) => file);
    expect(withAny).toEqual([]);
  });

  it('covers every main document of the corpus except the one with remote refs', () => {
    const single = corpusIndex.filter((e) => e.isMainDocument && !e.storedAt.includes('social-media')).length;
    expect(targets.length - 7).toBe(single - 1);
    expect(existsSync(out) && readdirSync(out).length).toBe(targets.length);
  });
});
