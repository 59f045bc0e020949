// `evc registry`: what the catalog says about each message (owner, receivers and where their dead
// letters go, release status against the lockfile) and how it prints, including hostile text.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCatalog, type Catalog, type CatalogEntry } from '../../../generator/catalog/catalog.js';
import { formatCatalog } from '../../../generator/catalog/format.js';
import { planRelease } from '../../../generator/compat/history/release.js';
import type { Lockfile } from '../../../generator/compat/history/lockfile.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { main } from '../../../generator/cli/main.js';
import { editYaml, fixtureFiles, RC, type Files } from '../compat/registry-fixture.js';

const base = fixtureFiles();

async function catalogOf(files: Files, history: Lockfile | undefined): Promise<Catalog> {
  const side = await loadSide(memorySource(files, 'contracts'), 'current');
  return buildCatalog(side.registry, side.snapshot, history);
}

async function released(files: Files): Promise<Lockfile> {
  const side = await loadSide(memorySource(files, 'contracts'), 'current');
  return planRelease(side.snapshot, undefined, 'BACKWARD', 'strict').lockfile;
}

const statuses = (catalog: Catalog) =>
  Object.fromEntries(catalog.entries.map((entry) => [entry.message, entry.status]));

/** The fixture without RouteCancelled: routing no longer sends it, tracking no longer receives it. */
function withoutRouteCancelled(files: Files): Files {
  const routing = editYaml(files, 'routing.yaml', (doc) => {
    doc.deleteIn(['operations', 'sendRouteCancelled']);
    doc.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
    doc.deleteIn(['components', 'messages', 'RouteCancelled']);
  });
  return editYaml(routing, 'tracking.yaml', (doc) => {
    doc.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
    doc.setIn(
      ['operations', 'receiveRoutes', 'messages'],
      doc.createNode([{ $ref: '#/channels/routingEvents/messages/RouteCalculated' }]),
    );
  });
}

describe('registry catalog', () => {
  it('names owner, receivers, default dead-letter topics and where each message is defined', async () => {
    const catalog = await catalogOf(base, undefined);
    const calculated = catalog.entries.find((entry) => entry.message === 'RouteCalculated')!;
    expect(calculated).toMatchObject({
      topics: ['routing.events'],
      owners: ['routing'],
      receivers: [{ service: 'tracking', topic: 'routing.events', deadLetterTopic: 'routing.events-dlt' }],
      status: 'unreleased',
      versions: [],
    });
    expect(calculated.definedAt).toMatchObject({ file: 'routing.yaml', line: 28 });
    expect(catalog.hasHistory).toBe(false);
  });

  it("takes a receiver's dead-letter topic from its x-dead-letter", async () => {
    const files = editYaml(base, 'tracking.yaml', (doc) =>
      doc.setIn(['operations', 'receiveRoutes', 'x-dead-letter'], doc.createNode({ channel: 'tracking.poison' })),
    );
    const catalog = await catalogOf(files, undefined);
    expect(catalog.entries.find((entry) => entry.message === 'RouteCancelled')!.receivers).toEqual([
      { service: 'tracking', topic: 'routing.events', deadLetterTopic: 'tracking.poison', retryTopics: [] },
    ]);
  });

  it("shows a receiver's retry topics (x-retry.delays) in the catalog and its text", async () => {
    const files = editYaml(base, 'tracking.yaml', (doc) =>
      doc.setIn(['operations', 'receiveRoutes', 'x-retry'], doc.createNode({ delays: ['10s', '1m'] })),
    );
    const catalog = await catalogOf(files, undefined);
    expect(catalog.entries.find((entry) => entry.message === 'RouteCancelled')!.receivers).toEqual([
      {
        service: 'tracking',
        topic: 'routing.events',
        deadLetterTopic: 'routing.events-dlt',
        retryTopics: [
          { topic: 'routing.events-retry-0', delayMs: 10_000 },
          { topic: 'routing.events-retry-1', delayMs: 60_000 },
        ],
      },
    ]);
    expect(formatCatalog(catalog, 'text', { contracts: 'contracts', lockfile: 'evc.lock.yaml' })).toContain(
      'tracking, retries via routing.events-retry-0 (10s), routing.events-retry-1 (1m), dead letters to routing.events-dlt',
    );
  });

  it.each([
    {
      name: 'unchanged since the release',
      edit: (files: Files) => files,
      expected: { RouteCalculated: 'released', RouteCancelled: 'released' },
    },
    {
      name: 'a payload changed since',
      edit: (files: Files) =>
        editYaml(files, 'routing.yaml', (doc) =>
          doc.setIn([...RC, 'payload', 'properties', 'notes', 'maxLength'], 600),
        ),
      expected: { RouteCalculated: 'changed', RouteCancelled: 'released' },
    },
    {
      name: 'a message removed since',
      edit: withoutRouteCancelled,
      expected: { RouteCalculated: 'released', RouteCancelled: 'removed' },
    },
  ])('release status: $name', async ({ edit, expected }) => {
    const history = await released(base);
    expect(statuses(await catalogOf(edit(base), history))).toEqual(expected);
  });

  it('keeps hostile contract text inert in text and markdown', async () => {
    const files = editYaml(base, 'routing.yaml', (doc) =>
      doc.setIn([...RC, 'summary'], 'pipes | and\nnewlines \u001b[31mred\u001b[0m'),
    );
    const catalog = await catalogOf(files, undefined);
    const context = { contracts: 'contracts', lockfile: 'contracts/evc.lock.yaml' };
    const text = formatCatalog(catalog, 'text', context);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('summary     pipes | and\\u000anewlines \\u001b[31mred\\u001b[0m');
    const row = formatCatalog(catalog, 'markdown', context)
      .split('\n')
      .find((line) => line.startsWith('| `RouteCalculated`'))!;
    expect(row).toContain('pipes \\| and newlines');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(8); // six cells between the outer pipes: nothing split
  });

  it('prints every element of a list in full, whatever its position', () => {
    const entry: CatalogEntry = {
      message: 'Shared',
      status: 'unreleased',
      versions: [],
      topics: ['first.topic', 'second.topic', 'third.topic'],
      owners: ['alpha', 'beta'],
      teams: ['team-a', 'team-b'],
      receivers: [],
    };
    const catalog: Catalog = { entries: [entry], topics: 3, services: 2, hasHistory: false };
    const text = formatCatalog(catalog, 'text', { contracts: 'contracts', lockfile: 'contracts/evc.lock.yaml' });
    expect(text).toContain('  topic       first.topic, second.topic, third.topic\n');
    expect(text).toContain('  owner       alpha, beta (team-a, team-b)\n');
  });
});

describe('evc registry', () => {
  const repo = path.resolve(import.meta.dirname, '../../..');
  async function evc(args: string[], cwd = repo): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, { cwd, stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
    return { code, out, err };
  }

  it('lists the LogiFlow registry with its released versions', async () => {
    const { code, out } = await evc(['registry']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(
      'contracts: 4 message(s) on 3 topic(s) from 4 service(s); history contracts/evc.lock.yaml',
    );
    expect(out).toContain('RouteCalculated  v1 (released)');
    expect(out).toContain('  receivers   invoicing, dead letters to routing.events-dlt');
  });

  it('prints the names of topics, owners and teams in full (issue 16: they showed as "…")', async () => {
    const { code, out } = await evc(['registry', 'RouteCalculated']);
    expect(code).toBe(0);
    expect(out).not.toContain('…');
    expect(out).toContain('  topic       routing.events\n');
    expect(out).toContain('  owner       routing (team-routing)\n');
  });

  it('prints JSON for scripts and filters by message name', async () => {
    const { code, out } = await evc(['registry', 'InvoiceGenerated', '--format', 'json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as {
      history: string;
      messages: {
        message: string;
        owners: string[];
        receivers: { service: string }[];
        versions: number[];
        status: string;
      }[];
    };
    expect(parsed.history).toBe('contracts/evc.lock.yaml');
    expect(parsed.messages).toHaveLength(1);
    expect(parsed.messages[0]).toMatchObject({
      message: 'InvoiceGenerated',
      owners: ['invoicing'],
      versions: [1],
      status: 'released',
    });
    expect(parsed.messages[0]!.receivers.map((r) => r.service)).toEqual(['customer-portal', 'tracking']);
  });

  it('exits 2 naming the messages that exist when asked for an unknown one', async () => {
    const { code, err } = await evc(['registry', 'InvoiceGenerate']);
    expect(code).toBe(2);
    expect(err).toContain(
      'no message named "InvoiceGenerate"; the registry has InvoiceGenerated, RouteCalculated, RouteCancelled, ShipmentStatusChanged',
    );
  });

  it('says when nothing was released yet, and exits 2 on unreadable contracts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-registry-'));
    for (const [file, content] of Object.entries(base)) {
      mkdirSync(path.dirname(path.join(dir, 'contracts', file)), { recursive: true });
      writeFileSync(path.join(dir, 'contracts', file), content);
    }
    const fresh = await evc(['registry', '--format', 'markdown'], dir);
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain('no release history yet (run evc release to record contracts/evc.lock.yaml)');
    expect(fresh.out).toContain(
      '| `RouteCalculated` | `routing.events` | `routing` | `tracking` (`routing.events-dlt`) | not released yet |',
    );
    expect((await evc(['registry', '--contracts', 'missing'], dir)).code).toBe(2);
  });
});
