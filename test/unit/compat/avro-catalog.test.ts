// The Avro rules as data, like the JSON Schema catalog: every module in avro-rules/ is listed once,
// with a unique id, a one-line description and a table of cases beside it; every change type has
// one owner, says what changed, and for breaking ones what the reader rejects and what to do.

import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { avroRules } from '../../../generator/compat/avro-rules/index.js';
import { schemaRules } from '../../../generator/compat/schema-rules/index.js';
import { findRule } from '../../../generator/rules/registry.js';

const folder = new URL('../../../generator/compat/avro-rules/', import.meta.url);
const modules = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

describe('Avro rule catalog', () => {
  it('lists every rule module once, each with a unique id, a one-line description and a table test', () => {
    expect(avroRules.length).toBe(modules.length);
    expect(new Set(avroRules.map((r) => r.id)).size).toBe(avroRules.length);
    for (const rule of avroRules) {
      expect(rule.id).toMatch(/^AVRO_[A-Z_]+$/);
      expect(rule.description).toMatch(/^[A-Z].+\.$/);
      expect(rule.description).not.toContain('\n');
    }
    for (const module of modules.filter((m) => m !== 'unreadable.ts'))
      expect(existsSync(new URL(`./avro-rules/${module.replace(/\.ts$/, '.test.ts')}`, import.meta.url)), module).toBe(
        true,
      );
  });

  it('gives every change type one owner (no JSON Schema id reused), a what, a reason and a remedy when breaking', () => {
    const jsonIds = new Set(schemaRules.flatMap((r) => Object.keys(r.changes)));
    const owners = new Map<string, string>();
    for (const rule of avroRules)
      for (const [id, type] of Object.entries(rule.changes)) {
        expect(owners.get(id), `${id} is declared twice`).toBeUndefined();
        expect(jsonIds.has(id), `${id} is a JSON Schema change id too`).toBe(false);
        owners.set(id, rule.id);
        expect(type.what({ old: 'a', new: 'b', subject: 'x' })).toBeTruthy();
        if (type.breaks !== 'never') {
          expect(type.rejects, `${id} must say what the reader rejects`).toBeDefined();
          expect(type.hint, `${id} must say how to evolve safely`).toBeTruthy();
        }
        // In the rule registry with category AVRO, its family and the levels at which it fails.
        expect(findRule(id)).toMatchObject({
          kind: 'compat',
          category: 'AVRO',
          family: rule.id,
          levels: type.breaks === 'never' ? [] : (expect.arrayContaining(['BACKWARD', 'FORWARD', 'FULL']) as unknown),
        });
      }
    expect(owners.size).toBeGreaterThanOrEqual(20);
    expect(findRule('LOGICAL_TYPE_CHANGED')?.description).toContain('warning');
  });
});
