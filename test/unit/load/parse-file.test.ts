import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserializeParsed, nodeInfo, parseContractFile, serializeParsed } from '../../../generator/load/parse-file.js';

const repo = path.resolve(import.meta.dirname, '../../..');

function positions(value: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const info = nodeInfo(node)!;
    out.push([info.pointer, info.location, [...info.members]]);
    for (const child of Object.values(node)) walk(child);
  };
  walk(value);
  return out;
}

describe('parsed-file cache format', () => {
  it.each([
    'contracts/routing/asyncapi.yaml',
    'contracts/schemas/route-stop.yaml',
    'test/fixtures/hostile/asyncapi.yaml',
  ])('round-trips %s with every position', (file) => {
    const parsed = parseContractFile(readFileSync(path.join(repo, file), 'utf8'), file);
    const restored = deserializeParsed(serializeParsed(parsed), file);
    expect(restored.value).toEqual(parsed.value);
    expect(positions(restored.value)).toEqual(positions(parsed.value));
  });

  it('keeps a __proto__ key an own property after a round trip', () => {
    const parsed = parseContractFile('a:\n  __proto__: {polluted: true}\n', 'x.yaml');
    const restored = deserializeParsed(serializeParsed(parsed), 'x.yaml').value as { a: Record<string, unknown> };
    expect(Object.keys(restored.a)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
