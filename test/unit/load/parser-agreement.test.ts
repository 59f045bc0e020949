// @asyncapi/parser (strict, full rule set) is the reference for validity. Our fast path must agree
// with it: documents it accepts get no errors from us, documents it rejects get errors from us.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { loadRegistry } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { lintRegistry } from '../../../generator/lint/index.js';
import { corpusDocuments, corpusIndex } from '../../support/corpus.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const index = corpusIndex;

async function ourErrors(text: string): Promise<string[]> {
  const registry = await loadRegistry(memorySource({ 'doc.yaml': text }));
  return lintRegistry(registry)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.rule}: ${d.message}`);
}

// The parser's diagnostics are typed with another copy of @stoplight/types than the DiagnosticSeverity it re-exports,
// so the two enums are compared as the numbers they are.
const isParserError = (diagnostic: { readonly severity: number }): boolean =>
  diagnostic.severity === (DiagnosticSeverity.Error as number);

async function parserErrors(text: string): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics.filter(isParserError).map((d) => `${d.code}: ${d.message}`);
}

const base = "asyncapi: 3.0.0\ninfo:\n  title: svc\n  version: '1.0.0'\n";
const invalid: [string, string][] = [
  ['missing info.version', 'asyncapi: 3.0.0\ninfo:\n  title: svc\n'],
  ['channel address is a number', `${base}channels:\n  c:\n    address: 42\n`],
  [
    'v3 operation with a 2.x action',
    `${base}channels:\n  c:\n    address: t\noperations:\n  o:\n    action: publish\n    channel: {$ref: '#/channels/c'}\n`,
  ],
  ['operation without a channel', `${base}operations:\n  o:\n    action: send\n`],
  ['unknown top-level field', `${base}topics: {}\n`],
  ['message with a misspelt field', `${base}components:\n  messages:\n    M:\n      payloads: {type: string}\n`],
  ['info.title is not a string', "asyncapi: 3.0.0\ninfo:\n  title: [a]\n  version: '1'\n"],
];

describe('agreement with @asyncapi/parser', () => {
  it.each(invalid)('both reject: %s', async (_name, text) => {
    expect(await parserErrors(text)).not.toEqual([]);
    expect(await ourErrors(text)).not.toEqual([]);
  });

  it.each(['routing', 'invoicing', 'tracking', 'customer-portal'])('both accept contracts/%s', async (service) => {
    const file = path.join(repo, 'contracts', service, 'asyncapi.yaml');
    const { fromFile } = await import('@asyncapi/parser');
    const { diagnostics } = await fromFile(new Parser(), file).parse();
    expect(diagnostics.filter(isParserError)).toEqual([]);
    const registry = await loadRegistry(
      await (await import('../../../generator/load/index.js')).directorySource(file, repo),
    );
    expect(lintRegistry(registry).filter((d) => d.severity === 'error')).toEqual([]);
  });

  // The parser's verdicts on the corpus were recorded in index.json (strictParseOk); the one it
  // rejects fetches remote references, which we refuse as well.
  it.each(
    index
      .filter((e) => e.isMainDocument && !e.storedAt.includes('social-media'))
      .map((e) => [e.storedAt, e.strictParseOk] as const),
  )('%s: parser ok = %s, ours agrees', async (storedAt, parserOk) => {
    const text = readFileSync(path.join(corpusDocuments, storedAt), 'utf8');
    expect((await ourErrors(text)).length === 0).toBe(parserOk);
  });
});
