// The site's content: a page per message, service and topic; receivers with their dead-letter
// topic and retries; release history in `evc check`'s words; the same bytes for the same contracts;
// and hostile contract text that never becomes markup.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { planRelease } from '../../../generator/compat/history/release.js';
import { checkCompatibility } from '../../../generator/compat/check.js';
import { formatText } from '../../../generator/compat/report/text.js';
import { loadSide } from '../../../generator/compat/inputs.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { renderSite } from '../../../generator/docs/site.js';
import { layoutGraph } from '../../../generator/docs/graph.js';
import { editYaml, fixtureFiles, RC, type Files } from '../compat/registry-fixture.js';
import { siteOfDirectory, siteOfFiles } from './docs-fixture.js';

const snapshotOf = async (files: Files) => (await loadSide(memorySource(files, 'contracts'), 'current')).snapshot;

describe('evc docs site', () => {
  it('has an index and a page per message, service and topic of the bundled contracts', async () => {
    const { site, registry } = await siteOfDirectory('contracts');
    const files = renderSite(site);
    expect([...files.keys()].sort()).toEqual(
      [
        'index.html',
        ...registry.messages.map((m) => site.messages.find((v) => v.message === m)!.link.href),
        ...site.services.map((s) => s.link.href),
        ...site.topics.map((t) => t.link.href),
      ].sort(),
    );
    expect(site.messages.map((m) => m.link.name)).toEqual(registry.messages.map((m) => m.name));
    expect(files.get('index.html')).toContain('data-search="invoicegenerated');
  });

  it('is deterministic: the same contracts give the same bytes', async () => {
    const first = renderSite((await siteOfDirectory('contracts')).site);
    const second = renderSite((await siteOfDirectory('contracts')).site);
    expect([...second.entries()]).toEqual([...first.entries()]);
  });

  it('shows each receiver with its dead-letter topic and retry settings', async () => {
    const { site } = await siteOfDirectory('contracts');
    const route = site.messages.find((m) => m.link.name === 'RouteCalculated')!;
    expect(route.receivers.map((r) => [r.service.name, r.deadLetterTopic, r.retryDeclared, r.retry]))
      .toMatchInlineSnapshot(`
      [
        [
          "invoicing",
          "routing.events-dlt",
          true,
          "5 attempts, exponential backoff from 200 ms ×2, at most 5 s",
        ],
        [
          "tracking",
          "routing.events-dlt",
          false,
          "5 attempts, exponential backoff from 200 ms ×2, at most 10 s",
        ],
      ]
    `);
    expect(route.searchText.split(' ')).toEqual(expect.arrayContaining(['routing.events', 'routing', 'truckid']));
  });

  it('tells the release history in the words of evc check', async () => {
    const v1 = fixtureFiles();
    const v2 = editYaml(v1, 'routing.yaml', (doc) => {
      doc.deleteIn([...RC, 'payload', 'properties', 'notes']);
      doc.setIn([...RC, 'payload', 'properties', 'eta'], doc.createNode({ type: 'string', format: 'date-time' }));
    });
    const v3 = editYaml(v2, 'routing.yaml', (doc) =>
      doc.setIn([...RC, 'payload', 'properties', 'distanceKm', 'minimum'], 1),
    );
    const lock1 = planRelease(await snapshotOf(v1), undefined, 'BACKWARD', 'strict').lockfile;
    const lock2 = planRelease(await snapshotOf(v2), lock1, 'BACKWARD', 'strict').lockfile;
    const { site } = await siteOfFiles(v3, lock2);
    const history = site.messages.find((m) => m.link.name === 'RouteCalculated')!.history;
    expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(history.versions[0]!.changes).toEqual([]);

    const said = formatText(
      checkCompatibility({
        baselines: [await snapshotOf(v1)],
        current: await snapshotOf(v2),
        level: 'BACKWARD',
        mode: 'strict',
      }),
      { against: 'v1', mode: 'strict' },
    );
    const v2Changes = history.versions[1]!.changes;
    expect(v2Changes.map((c) => c.rule).sort()).toEqual([
      'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL',
      'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
    ]);
    for (const change of v2Changes) expect(said).toContain(`${change.rule} ${change.path}: ${change.text}`);
    expect(history.unreleased?.map((c) => [c.rule, c.breaking])).toEqual([[expect.stringMatching(/MINIMUM/), true]]);

    const page = renderSite(site).get(site.messages.find((m) => m.link.name === 'RouteCalculated')!.link.href)!;
    expect(page).toContain('Since the last release (not released yet)');
    expect(page).toContain('<h3>v2</h3>');
  });

  it('lays out a node per service and topic, each linking to its page', async () => {
    const { site } = await siteOfDirectory('contracts');
    const placed = layoutGraph(site.graph);
    expect(
      placed.nodes
        .filter((n) => n.kind === 'service')
        .map((n) => n.label)
        .sort(),
    ).toEqual(site.services.map((s) => s.link.name).sort());
    expect(placed.nodes.filter((n) => n.kind === 'topic')).toHaveLength(site.topics.length);
    for (const node of placed.nodes) expect(node.href).toMatch(/^(service|topic)-[a-z0-9-]+\.html$/);
    for (const edge of placed.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    // Laid out, not stacked: no two nodes overlap.
    for (const a of placed.nodes)
      for (const b of placed.nodes)
        if (a !== b)
          expect(
            Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2,
          ).toBe(true);
  });

  it('allows exactly its own inline style and script by hash, and nothing else', async () => {
    const files = renderSite((await siteOfDirectory('contracts')).site);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    for (const [file, content] of files) {
      const policy = (/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(content)?.[1] ?? '').replaceAll(
        '&#39;',
        "'",
      );
      expect(policy, file).toContain("default-src 'none'");
      const style = /<style>([\s\S]*?)<\/style>/.exec(content)?.[1];
      expect(policy, file).toContain(`style-src ${hash(style ?? '')}`);
      const script = /<script>([\s\S]*?)<\/script>/.exec(content)?.[1];
      if (script !== undefined) expect(policy, file).toContain(`script-src ${hash(script)}`);
    }
  });

  it('never turns hostile contract text into markup', async () => {
    for (const dir of ['test/fixtures/hostile-docs', 'test/fixtures/hostile/asyncapi.yaml']) {
      const files = renderSite((await siteOfDirectory(dir)).site);
      for (const [file, content] of files) {
        const scripts = content.match(/<script\b/gi) ?? [];
        expect(scripts, file).toHaveLength(file === 'index.html' ? 1 : 0);
        expect(content, file).not.toMatch(/<(img|iframe|object|embed|b)\b/i);
        // Attribute values are escaped (no raw quote inside), so blanking them leaves only real markup.
        expect(content.replace(/"[^"]*"/g, '""'), file).not.toMatch(/<[^>]*\son\w+=/i);
        expect(content, file).not.toMatch(/href="(javascript|data):/i);
      }
    }
    const page = renderSite((await siteOfDirectory('test/fixtures/hostile-docs')).site).get('message-alert.html')!;
    expect(page).toContain('Raw HTML &lt;script&gt;window.__evcPwned=&quot;description&quot;&lt;/script&gt;');
  });
});
