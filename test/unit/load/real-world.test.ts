// Issue 16, section 1: the classes of failure found on real AsyncAPI documents, each with documents
// in the shape of real ones (test/fixtures/real-world), linted the way users do — one main document
// at a time (`evc lint --contracts <file>`) — and, when valid, generated and compiled under strict.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRegistry, directorySource } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { lintRegistry } from '../../../generator/lint/index.js';
import { generateCode } from '../../../generator/emit/index.js';
import type { Diagnostic } from '../../../generator/model/registry.js';
import { typeCheck } from '../../support/compile.js';
import { corpusDocuments, corpusIndex } from '../../support/corpus.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const fixtures = 'test/fixtures/real-world';

async function lint(target: string, cwd = repo, env: Record<string, string> = {}) {
  const registry = await loadRegistry(await directorySource(target, cwd, env));
  return { registry, diagnostics: lintRegistry(registry) };
}

const brief = (d: Diagnostic): string => `${path.basename(d.file)}:${d.line} ${d.rule}`;

describe('valid real-world shaped documents lint clean and generate compiling code', () => {
  const valid = [
    'pointer-through-ref/user-service/asyncapi.yaml',
    'refs-out-of-folder/services/accounts/asyncapi.yaml',
    'nested-arrays/asyncapi.yaml',
    'message-identity/asyncapi.yaml',
  ];

  /** Valid documents whose authors rely on something evc cannot enforce: the one warning that says so. */
  const expectedWarnings: Readonly<Record<string, readonly string[]>> = {
    'nested-arrays/asyncapi.yaml': [
      "asyncapi.yaml:37 keyword-not-enforced: FenceUpdated payload/properties/geometry/properties/coordinates/items/items: 'prefixItems' is JSON Schema 2020-12; AsyncAPI schemas are draft-07, so validators ignore it and 'items: false' beside it lets only empty arrays pass",
    ],
  };

  it.each(valid)('%s lints clean', async (document) => {
    const { diagnostics } = await lint(path.join(fixtures, document));
    expect(diagnostics.map((d) => `${brief(d)}: ${d.message}`)).toEqual(expectedWarnings[document] ?? []);
  });

  it('all of them generate code that compiles under strict (one program)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'evc-real-world-'));
    const roots: string[] = [];
    for (const [index, document] of valid.entries()) {
      const generated = generateCode((await lint(path.join(fixtures, document))).registry);
      expect(generated.diagnostics).toEqual([]);
      for (const [file, text] of generated.files) {
        const target = path.join(out, String(index), file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
        if (file.endsWith('.ts')) roots.push(target);
      }
    }
    expect(typeCheck(roots).errors).toEqual([]);
  });

  it('follows a pointer through references partway (another file, then its payload) to the same schema', async () => {
    const { registry } = await lint(path.join(fixtures, 'pointer-through-ref/user-service/asyncapi.yaml'));
    const payload = (name: string) =>
      registry.messages.find((m) => m.name === name)!.payload as {
        properties: Record<string, { properties?: object }>;
      };
    const user = payload('UserSignedUp').properties.user!;
    expect(payload('UserAudited').properties.user).toBe(user);
    expect(payload('UserAudited').properties.address).toBe((user.properties as Record<string, unknown>).address);
  });

  it('keeps an inline channel message and a component message of the same key as two messages', async () => {
    const { registry } = await lint(path.join(fixtures, 'message-identity/asyncapi.yaml'));
    expect(registry.messages.map((m) => [m.name, m.definitionPointer])).toEqual([
      ['UserSignedUp', '/channels/signups/messages/UserSignedUp'],
      ['UserSignedUp', '/components/messages/UserSignedUp'],
    ]);
    expect(generateCode(registry).files.get('types.ts')).toMatch(/export type UserSignedUp2? =[\s\S]*UserSignedUp2/);
  });

  it('emits arrays of arrays with the parentheses TypeScript needs', async () => {
    const { registry } = await lint(path.join(fixtures, 'nested-arrays/asyncapi.yaml'));
    const types = generateCode(registry).files.get('types.ts')!;
    // 2020-12 `prefixItems` + `items: false`: the validators (draft-07 + 2019-09) enforce only `items: false`,
    // i.e. empty arrays, and the type says the same (test/unit/emit/array-types.test.ts).
    expect(types).toContain('readonly coordinates: readonly (readonly (readonly never[])[])[];');
    expect(types).toContain('readonly matrix?: readonly (readonly number[])[];');
    expect(types).toContain('readonly holes?: readonly (readonly string[] | null)[] | null;');
    expect(types).toContain('readonly ranges?: readonly (readonly number[] | null)[];');
  });
});

describe('payload schema formats', () => {
  it('types a JSON Schema written as YAML (schemaFormat application/schema+yaml), as gitter-streaming does', async () => {
    const { registry } = await lint(path.join(corpusDocuments, 'v3/gitter-streaming-asyncapi.yml'));
    const types = generateCode(registry).files.get('types.ts')!;
    expect(types).toContain('export type Heartbeat = "\\r\\n";');
    expect(types).toMatch(/export type ChatMessage = \{/);
  });
});

describe('invalid real-world shaped documents get exactly their located error', () => {
  it.each([
    ['spec-rules/duplicate-message-id.yaml', ['duplicate-message-id.yaml:18 message-id-unique']],
    ['spec-rules/operation-foreign-message.yaml', ['operation-foreign-message.yaml:25 operation-message-in-channel']],
    // The consumer's typo is the only finding: no "defined twice", no payload or unsent warnings.
    ['unresolved-ref', ['asyncapi.yaml:10 ref-unresolved']],
  ])('%s', async (target, expected) => {
    const { diagnostics } = await lint(path.join(fixtures, target));
    expect(diagnostics.map(brief)).toEqual(expected);
  });
});

describe('JSON pointers through references', () => {
  const doc = (schemas: string): Record<string, string> => ({
    'a.yaml': `asyncapi: 3.0.0\ninfo:\n  title: a\n  version: '1'\ncomponents:\n  schemas:\n${schemas}`,
  });

  it('reports a cycle met while walking a pointer, located at the reference', async () => {
    const registry = await loadRegistry(
      memorySource(
        doc(
          "    A:\n      $ref: '#/components/schemas/B/properties/x'\n    B:\n      $ref: '#/components/schemas/A/properties/y'\n",
        ),
      ),
    );
    expect(registry.diagnostics.map((d) => `${d.line} ${d.rule}`)).toContain('8 ref-cycle');
    expect(registry.diagnostics.find((d) => d.rule === 'ref-cycle')!.message).toMatch(
      /a\.yaml#\/components\/schemas\/B\/properties\/x → .* → a\.yaml#\/components\/schemas\/B\/properties\/x/,
    );
  });

  it('says which pointer failed when the part after a reference does not exist', async () => {
    const registry = await loadRegistry(
      memorySource(
        doc(
          "    A:\n      $ref: '#/components/schemas/B/properties/nope'\n    B:\n      $ref: '#/components/schemas/C'\n    C:\n      type: object\n      properties: {x: {type: string}}\n",
        ),
      ),
    );
    expect(registry.diagnostics).toEqual([
      expect.objectContaining({
        line: 8,
        rule: 'ref-unresolved',
        message: expect.stringContaining('"#/components/schemas/B/properties/nope"'),
      }),
    ]);
  });

  it('walks a pointer through a recursive schema without calling it a cycle', async () => {
    const registry = await loadRegistry(
      memorySource(
        doc(
          "    Node:\n      type: object\n      properties:\n        child: {$ref: '#/components/schemas/Node'}\n        name: {type: string}\n    Grandchild:\n      $ref: '#/components/schemas/Node/properties/child/properties/child'\n",
        ),
      ),
    );
    expect(registry.diagnostics).toEqual([]);
  });
});

describe('references out of the document folder: anywhere under the project root, never above it', () => {
  function project(): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-root-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('app/package.json', '{"name":"app","private":true}\n');
    write('app/schemas/order.json', '{"type":"object","properties":{"id":{"type":"string"}}}\n');
    write('shared/money.json', '{"type":"number"}\n');
    const service = (ref: string): string =>
      `asyncapi: 3.0.0\ninfo:\n  title: orders\n  version: '1'\nchannels:\n  c:\n    address: orders\n    messages:\n      OrderPlaced:\n        name: OrderPlaced\n        payload:\n          $ref: '${ref}'\noperations:\n  s:\n    action: send\n    channel: {$ref: '#/channels/c'}\n`;
    write('app/services/orders/asyncapi.yaml', service('../../schemas/order.json'));
    write('app/services/billing/asyncapi.yaml', service('../../../shared/money.json'));
    return dir;
  }

  it('resolves ../../schemas from a service folder inside the project', async () => {
    const dir = project();
    const { diagnostics } = await lint('app/services/orders/asyncapi.yaml', dir);
    expect(diagnostics).toEqual([]);
  });

  it('refuses a reference above the project root, naming the root and how to widen it', async () => {
    const dir = project();
    const { diagnostics } = await lint('app/services/billing/asyncapi.yaml', dir);
    expect(diagnostics.map(brief)).toEqual(['asyncapi.yaml:12 ref-outside-root']);
    expect(diagnostics[0]!.message).toContain(`outside the project root ${path.join(dir, 'app')}`);
    expect(diagnostics[0]!.message).toContain('holding package.json');
    expect(diagnostics[0]!.hint).toContain('EVC_PROJECT_ROOT');
  });

  it('EVC_PROJECT_ROOT widens the root', async () => {
    const dir = project();
    const { diagnostics } = await lint('app/services/billing/asyncapi.yaml', dir, { EVC_PROJECT_ROOT: dir });
    expect(diagnostics).toEqual([]);
  });

  it('never reaches the network', async () => {
    const registry = await loadRegistry(
      memorySource({
        'a.yaml': `asyncapi: 3.0.0\ninfo:\n  title: a\n  version: '1'\ncomponents:\n  schemas:\n    A: {$ref: 'https://example.com/a.json#/B'}\n`,
      }),
    );
    expect(registry.diagnostics.map((d) => d.rule)).toEqual(['ref-remote']);
  });
});

describe('every corpus main document linted on its own, as `evc lint --contracts <file>`', () => {
  const documents = corpusIndex.filter((entry) => entry.isMainDocument);
  it.each(documents.map((entry) => entry.storedAt))('%s', async (storedAt) => {
    const { diagnostics } = await lint(path.join(corpusDocuments, storedAt));
    const errors = diagnostics.filter((d) => d.severity === 'error').map(brief);
    // adeo's payloads are remote Avro schemas: refused, and nothing else is said about them.
    expect(errors).toEqual(
      storedAt.includes('adeo')
        ? [
            'adeo-kafka-request-reply-asyncapi.yml:174 ref-remote',
            'adeo-kafka-request-reply-asyncapi.yml:204 ref-remote',
          ]
        : [],
    );
  });
});
