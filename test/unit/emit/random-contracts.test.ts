// Property: whatever names and descriptions a contract uses, the generated code compiles under
// strict and keeps contract text inert. Twenty contracts with random (seeded) names, property
// names, enum values and descriptions are generated and type-checked together.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadRegistry } from '../../../generator/load/index.js';
import { memorySource } from '../../../generator/load/memory-source.js';
import { generateCode } from '../../../generator/emit/index.js';
import { lintRegistry } from '../../../generator/lint/index.js';
import { typeCheck } from '../../support/compile.js';

const text = fc.string({ unit: 'binary', minLength: 0, maxLength: 40 });
const name = fc.oneof(
  text.filter((s) => s.trim() !== ''),
  fc.constantFrom('__proto__', 'constructor', 'class', 'Promise', 'toString', '*/', '${x}', 'a-b', '1st', '配送'),
);

const contract = fc.record({
  title: text,
  messages: fc.uniqueArray(
    fc.record({
      name,
      description: text,
      properties: fc.uniqueArray(fc.record({ key: name, description: text, enum: fc.array(text, { maxLength: 3 }) }), {
        maxLength: 4,
        selector: (p) => p.key,
      }),
    }),
    { minLength: 1, maxLength: 3, selector: (m) => m.name },
  ),
});

type Contract = typeof contract extends fc.Arbitrary<infer T> ? T : never;

function document(c: Contract): string {
  const messages: Record<string, unknown> = {};
  c.messages.forEach((m, i) => {
    messages[`m${i}`] = {
      name: m.name,
      description: m.description,
      payload: {
        type: 'object',
        description: m.description,
        properties: Object.fromEntries(
          m.properties.map((p) => [
            p.key,
            { type: 'string', description: p.description, ...(p.enum.length ? { enum: [...new Set(p.enum)] } : {}) },
          ]),
        ),
      },
      bindings: { kafka: { key: { type: 'string' } } },
    };
  });
  return stringify({
    asyncapi: '3.0.0',
    info: { title: c.title.trim() === '' ? 'svc' : c.title, version: '1.0.0' },
    channels: { c: { address: 'topic', messages } },
    operations: {
      send: { action: 'send', channel: { $ref: '#/channels/c' } },
      receive: { action: 'receive', channel: { $ref: '#/channels/c' } },
    },
  });
}

describe('generated code for random contracts', () => {
  it('compiles under strict for 20 seeded random contracts', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'evc-random-'));
    const roots: string[] = [];
    const samples = fc.sample(contract, { seed: 20261125, numRuns: 20 });
    for (const [index, sample] of samples.entries()) {
      const registry = await loadRegistry(memorySource({ 'asyncapi.yaml': document(sample) }));
      // A `__proto__` property is refused by lint (no validator can check it): generate the rest.
      const errors = lintRegistry(registry).filter(
        (d) => d.severity === 'error' && d.rule !== 'unvalidatable-property-name',
      );
      expect(errors, JSON.stringify(sample)).toEqual([]);
      const generated = generateCode(registry);
      expect(generated.diagnostics).toEqual([]);
      for (const [file, content] of generated.files) {
        const target = path.join(out, String(index), file);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, content);
        if (file.endsWith('.ts')) roots.push(target);
      }
    }
    expect(typeCheck(roots).errors).toEqual([]);
  }, 120_000);
});
