// `evc docs`: writes the site, rewrites only what changed, removes pages of messages that are gone
// (and nothing it did not write), refuses contracts with lint errors, and rebuilds on save with --watch.
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { runDocs } from '../../../generator/cli/commands/docs.js';
import type { CliIO } from '../../../generator/cli/io.js';

const repo = path.resolve(import.meta.dirname, '../../..');

function workspace(): { dir: string; io: CliIO & { out: string[]; err: string[] } } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-docs-'));
  cpSync(path.join(repo, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  const out: string[] = [];
  const err: string[] = [];
  return { dir, io: { cwd: dir, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), out, err } };
}

describe('evc docs', () => {
  it('writes the site, then only what changed, and removes pages that are gone', async () => {
    const { dir, io } = workspace();
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(await runDocs({ contracts: 'contracts', out: 'site' }, io)).toBe(0);
    expect(io.out.join('')).toContain('evc docs: 12 pages in site (12 written); open site/index.html');
    const pages = readdirSync(path.join(dir, 'site')).sort();
    expect(pages).toContain('message-route-cancelled.html');
    writeFileSync(path.join(dir, 'site/my-notes.html'), '<p>not generated</p>');

    expect(await runDocs({ contracts: 'contracts', out: 'site' }, io)).toBe(0);
    expect(io.out.at(-1)).toContain('(0 written)');

    // RouteCancelled leaves the registry: its page goes, the reader's own file stays.
    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    const tracking = path.join(dir, 'contracts/tracking/asyncapi.yaml');
    const text = readFileSync(routing, 'utf8');
    expect(text).toContain('RouteCancelled');
    removeRouteCancelled(routing, tracking);
    expect(await runDocs({ contracts: 'contracts', out: 'site' }, io), io.err.join('')).toBe(0);
    expect(existsSync(path.join(dir, 'site/message-route-cancelled.html'))).toBe(false);
    expect(existsSync(path.join(dir, 'site/my-notes.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'site/index.html'), 'utf8')).not.toContain('>RouteCancelled<');
  });

  it('refuses contracts with errors (exit 1, like evc generate) and missing ones (exit 2)', async () => {
    const { dir, io } = workspace();
    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    writeFileSync(
      routing,
      readFileSync(routing, 'utf8').replace("'../schemas/common.yaml#/TruckId'", "'../schemas/common.yaml#/Nope'"),
    );
    expect(await runDocs({ contracts: 'contracts', out: 'site' }, io)).toBe(1);
    expect(io.err.join('')).toMatch(/routing\/asyncapi\.yaml:\d+:\d+: error/);
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
    expect(await runDocs({ contracts: 'no-such-dir', out: 'site' }, io)).toBe(2);
    // Loads, but lint finds a message defined twice.
    const lint = { ...io, cwd: repo };
    expect(await runDocs({ contracts: 'test/fixtures/hostile', out: path.join(dir, 'site') }, lint)).toBe(1);
    expect(io.err.join('')).toContain('[message-single-definition]');
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('rebuilds the site when a contract is saved (--watch)', async () => {
    const { dir, io } = workspace();
    const controller = new AbortController();
    const watching = runDocs({ contracts: 'contracts', out: 'site', watch: true, signal: controller.signal }, io);
    await expect.poll(() => io.err.join(''), { timeout: 20_000 }).toContain('watching');
    expect(io.out.join('')).toContain('generated site/index.html');
    const page = path.join(dir, 'site/message-route-calculated.html');
    expect(readFileSync(page, 'utf8')).toContain('max length 500');
    const routing = path.join(dir, 'contracts/routing/asyncapi.yaml');
    writeFileSync(routing, readFileSync(routing, 'utf8').replace('maxLength: 500', 'maxLength: 300'));
    await expect.poll(() => readFileSync(page, 'utf8'), { timeout: 20_000 }).toContain('max length 300');
    controller.abort();
    expect(await watching).toBe(0);
  });
});

function removeRouteCancelled(routing: string, tracking: string): void {
  const edit = (file: string, change: (doc: ReturnType<typeof parseDocument>) => void): void => {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    change(doc);
    writeFileSync(file, doc.toString());
  };
  edit(routing, (doc) => {
    doc.deleteIn(['operations', 'sendRouteCancelled']);
    doc.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
    doc.deleteIn(['components', 'messages', 'RouteCancelled']);
  });
  edit(tracking, (doc) => {
    doc.deleteIn(['channels', 'routingEvents', 'messages', 'RouteCancelled']);
    doc.deleteIn(['operations', 'receiveRoutingEvents', 'messages', 1]);
  });
}
