// `evc docs` in a real browser: headless Chromium (Debian's, driven by playwright-core) opens the
// generated site from file:// — every message and topic listed, search narrowing the lists,
// message pages with payload properties and receivers, a graph node per service, no console
// errors, no request that is not a file — and the hostile fixture's scripts shown, never run.
// Writes the screenshots the README shows (docs/screenshots/).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDocs } from '../../generator/cli/commands/docs.js';
import { loadSide, openDirectory } from '../../generator/compat/inputs.js';
import type { Registry } from '../../generator/model/registry.js';

const repo = path.resolve(import.meta.dirname, '../..');
const screenshots = path.join(repo, 'docs/screenshots');
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

// The tsconfig has no DOM lib (nothing else runs in a browser), so the elements that the callbacks run in
// Chromium receive are typed by the members they use.
interface PageElement {
  readonly textContent: string | null;
  /** HTMLElement only: null when the element is not rendered. */
  readonly offsetParent?: unknown;
  getAttribute(name: string): string | null;
  querySelectorAll(selectors: string): Iterable<PageElement>;
}

let browser: Browser;
let context: BrowserContext;
const problems: string[] = [];
const requests: string[] = [];
let site: string;
let hostileSite: string;
let registry: Registry;

async function buildSite(contracts: string): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'evc-docs-browser-'));
  const err: string[] = [];
  const code = await runDocs(
    { contracts, out },
    { cwd: repo, stdout: () => undefined, stderr: (t) => void err.push(t) },
  );
  expect(code, err.join('')).toBe(0);
  return out;
}

async function open(dir: string, file: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${file}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${file}: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`${file}: dialog ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(path.join(dir, file)).href);
  return page;
}

const visibleTexts = (page: Page, selector: string): Promise<string[]> =>
  page
    .locator(selector)
    .evaluateAll((nodes: PageElement[]) =>
      nodes.filter((node) => node.offsetParent !== null).map((node) => node.textContent ?? ''),
    );

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(
      `no Chromium at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH); .ci/run does this`,
    );
  registry = (await loadSide(await openDirectory('contracts', repo), 'current')).registry;
  site = await buildSite('contracts');
  hostileSite = await buildSite('test/fixtures/hostile-docs');
  browser = await chromium.launch({ executablePath: chromiumPath });
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  // Record and refuse anything that is not a local file: the site must need no network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('evc docs in Chromium', () => {
  it('lists every message and topic on the index, with a graph node per service', async () => {
    const page = await open(site, 'index.html');
    expect((await visibleTexts(page, 'table.messages a.message')).sort()).toEqual(
      registry.messages.map((m) => m.name).sort(),
    );
    expect((await visibleTexts(page, 'table.topics a.topic')).sort()).toEqual(
      registry.topics.map((t) => t.address).sort(),
    );
    const serviceNodes = await page
      .locator('svg.graph a.node.service')
      .evaluateAll((nodes: PageElement[]) =>
        nodes.map((node) => [node.getAttribute('data-node'), node.getAttribute('href')]),
      );
    expect(serviceNodes.map(([name]) => name).sort()).toEqual(registry.services.map((s) => s.name).sort());
    for (const [, href] of serviceNodes) expect(existsSync(path.join(site, href!))).toBe(true);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'index.png'), fullPage: true });
  });

  it('narrows the lists as the reader types', async () => {
    const page = await open(site, 'index.html');
    const all = await visibleTexts(page, 'table.messages a.message');
    await page.fill('#search', 'invoice');
    // ShipmentStatusChanged carries an invoiceId property.
    expect(await visibleTexts(page, 'table.messages a.message')).toEqual(['InvoiceGenerated', 'ShipmentStatusChanged']);
    expect(await visibleTexts(page, 'table.topics a.topic')).toEqual(['invoicing.events']);
    // The services that send or receive InvoiceGenerated; routing has nothing to do with invoices.
    expect(await visibleTexts(page, 'table.services a.service')).toEqual(['customer-portal', 'invoicing', 'tracking']);
    // A property name finds the messages that carry it.
    await page.fill('#search', 'lineitems');
    expect(await visibleTexts(page, 'table.messages a.message')).toEqual(['InvoiceGenerated']);
    await page.fill('#search', 'no such thing');
    expect(await visibleTexts(page, 'table.messages a.message')).toEqual([]);
    expect(await page.textContent('#search-count')).toMatch(/^0 of \d+ shown$/);
    await page.fill('#search', '');
    expect(await visibleTexts(page, 'table.messages a.message')).toEqual(all);
  });

  it('opens a message page with its payload properties and receivers', async () => {
    const page = await open(site, 'index.html');
    await page.click('table.messages a.message:text-is("RouteCalculated")');
    await page.waitForURL(/message-route-calculated\.html$/);
    expect(await page.textContent('h1')).toBe('RouteCalculated');
    const message = registry.messages.find((m) => m.name === 'RouteCalculated')!;
    const properties = Object.keys((message.payload as { properties: object }).properties);
    const rows = await page.locator('#payload ~ table.schema').first().locator('td.name code').allTextContents();
    expect(rows).toEqual(expect.arrayContaining(properties));
    const receivers = await page
      .locator('table.receivers tbody tr')
      .evaluateAll((rows: PageElement[]) =>
        rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)),
      );
    expect(receivers).toEqual([
      ['invoicing', 'routing.events', 'routing.events-dlt'],
      ['tracking', 'routing.events', 'routing.events-dlt'],
    ]);
    expect(await page.locator('pre.example.payload').textContent()).toContain('"type": "RouteCalculated"');
    await page.screenshot({ path: path.join(screenshots, 'message.png') });
  });

  it('goes from a graph node to its page', async () => {
    const page = await open(site, 'index.html');
    await page.click('svg.graph a.node.service[data-node="invoicing"]');
    await page.waitForURL(/service-invoicing\.html$/);
    expect(await page.textContent('h1')).toBe('invoicing');
  });

  it('loads every page without console errors or requests beyond its own files', async () => {
    const page = await open(site, 'index.html');
    for (const file of readdirSync(site).filter((f) => f.endsWith('.html')))
      await page.goto(pathToFileURL(path.join(site, file)).href);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows the hostile fixture’s scripts as text and runs none of them', async () => {
    const page = await open(hostileSite, 'index.html');
    for (const file of readdirSync(hostileSite).filter((f) => f.endsWith('.html'))) {
      await page.goto(pathToFileURL(path.join(hostileSite, file)).href);
      expect(await page.evaluate(() => (globalThis as { __evcPwned?: unknown }).__evcPwned), file).toBeUndefined();
      expect(await page.locator('body script').count(), file).toBe(file === 'index.html' ? 1 : 0);
      expect(await page.locator('main img, main iframe, main b').count(), file).toBe(0);
    }
    await page.goto(pathToFileURL(path.join(hostileSite, 'message-alert.html')).href);
    const description = await page.locator('.description').textContent();
    expect(description).toContain('Raw HTML <script>window.__evcPwned="description"</script> and');
    expect(description).toContain('<img src=x onerror="window.__evcPwned=\'img\'"> stay text.');
    expect(
      await page
        .locator('.description a')
        .evaluateAll((links: PageElement[]) => links.map((l) => l.getAttribute('href'))),
    ).toEqual(['https://tracker.example.com/pixel.png']);
    expect(await page.locator('table.schema td.name code').allTextContents()).toContain(
      '<script>window.__evcPwned="property"</script>',
    );
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
