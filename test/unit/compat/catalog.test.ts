// The rule registries as data: ids are unique and stable, every change type can say what changed,
// every breaking one can say what it rejects and what to do instead, and every rule module is listed.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractRules } from '../../../generator/compat/contract-rules/index.js';
import { schemaRules } from '../../../generator/compat/schema-rules/index.js';

const HELPERS = new Set(['index.ts', 'bound-rule.ts', 'numeric-bound-rule.ts', 'content-model.ts']);

describe('compatibility rule catalog', () => {
  it('lists every schema rule module exactly once, with a unique id and a one-line description', () => {
    const modules = readdirSync(new URL('../../../generator/compat/schema-rules', import.meta.url)).filter(
      (f) => f.endsWith('.ts') && !HELPERS.has(f),
    );
    expect(schemaRules.length).toBe(modules.length);
    expect(new Set(schemaRules.map((r) => r.id)).size).toBe(schemaRules.length);
    for (const rule of schemaRules) {
      expect(rule.id).toMatch(/^[A-Z][A-Z_]+$/);
      expect(rule.description).toMatch(/^[A-Z`].+\.$/);
      expect(rule.description).not.toContain('\n');
    }
  });

  it('gives every change type one owner, a what, and for breaking ones a reason and a remedy', () => {
    const owners = new Map<string, string>();
    for (const rule of schemaRules) {
      for (const [id, type] of Object.entries(rule.changes)) {
        expect(owners.get(id), `${id} is declared by ${owners.get(id)} and ${rule.id}`).toBeUndefined();
        owners.set(id, rule.id);
        expect(type.what({ old: 1, new: 2, subject: 'x' })).toBeTruthy();
        if (type.breaks !== 'never') {
          expect(type.rejects, `${id} must say what the reader rejects`).toBeDefined();
          expect(type.hint, `${id} must say how to evolve safely`).toBeTruthy();
        }
      }
    }
    expect(owners.size).toBeGreaterThan(80);
  });

  it('lists the contract-level rules with unique ids', () => {
    expect(new Set(contractRules.map((r) => r.id)).size).toBe(contractRules.length);
    for (const rule of contractRules) expect(rule.description).toMatch(/\.$/);
  });
});
