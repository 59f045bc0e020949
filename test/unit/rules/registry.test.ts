// The rule registry is the one list of every id evc can print. The ids are derived from the code,
// never from a hand-written list: each rule module's declared ids, every id literal the generator's
// sources pass as a finding's rule, and every id the rules actually report on real inputs.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatRules } from '../../../generator/cli/commands/rules.js';
import { checkCompatibility } from '../../../generator/compat/check.js';
import { configFindings, historyFindings } from '../../../generator/compat/config-findings.js';
import { contractRules } from '../../../generator/compat/contract-rules/index.js';
import type { ContractRule } from '../../../generator/compat/contract-rules/rule.js';
import { COMPATIBILITY_LEVELS } from '../../../generator/compat/levels.js';
import { schemaRules } from '../../../generator/compat/schema-rules/index.js';
import { generatorRules } from '../../../generator/emit/generator-rules.js';
import { lintRegistry, lintRules } from '../../../generator/lint/index.js';
import { loadRegistry, directorySource } from '../../../generator/load/index.js';
import { buildRuleRegistry, canonicalRuleName, findRule, ruleRegistry } from '../../../generator/rules/registry.js';
import { RULE_CATEGORIES } from '../../../generator/rules/rule-entry.js';
import { verdict } from '../compat/rule-table.js';
import { RC, checkFiles, editYaml, fixtureFiles } from '../compat/registry-fixture.js';

const GENERATOR = fileURLToPath(new URL('../../../generator/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

/** Rule ids written as literals where a finding is made: `rule: 'x'`, `rule: c ? 'x' : 'y'`, `fail(node, 'ref-…'`. */
function literalRuleIds(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(GENERATOR)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\brule:\s*([^,\n}]*)/g))
      for (const literal of (match[1] ?? '').matchAll(/'([^']+)'/g)) found.set(literal[1] ?? '', file);
    if (file.endsWith('resolve-refs.ts'))
      for (const literal of text.matchAll(/'(ref-[a-z-]+)'/g)) found.set(literal[1] ?? '', file);
  }
  return found;
}

describe('rule registry', () => {
  it('lists every id each rule module declares', () => {
    const declared = [
      ...lintRules.map((r) => r.id),
      ...generatorRules.map((r) => r.id),
      ...Object.values(configFindings).map((f) => f.id),
      ...Object.values(historyFindings).map((f) => f.id),
      ...schemaRules.flatMap((r) => Object.keys(r.changes)),
      ...contractRules.flatMap((r) => [r.id, ...Object.keys(r.reports)]),
    ];
    expect(declared.length).toBeGreaterThan(150);
    const missing = declared.filter((id) => findRule(id)?.id !== id);
    expect(missing).toEqual([]);
  });

  it('lists every rule id the sources write as a literal where they make a finding', () => {
    const literals = literalRuleIds();
    // The scan reaches the loader's, the reference resolver's and the contract rules' ids.
    expect([...literals.keys()]).toEqual(
      expect.arrayContaining(['yaml-syntax', 'file-too-large', 'ref-cycle', 'MESSAGE_RENAMED', 'TOPIC_RENAMED']),
    );
    const missing = [...literals].filter(([id]) => !findRule(id)).map(([id, file]) => `${id} (${file})`);
    expect(missing).toEqual([]);
  });

  it('lists every id the schema rules report on Confluent’s cases, at every level and in both modes', () => {
    const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'compat/confluent/cases.json'), 'utf8')) as {
      old: unknown;
      new: unknown;
    }[];
    const reported = new Set<string>();
    for (const c of cases)
      for (const level of ['BACKWARD', 'FORWARD', 'FULL'] as const)
        for (const mode of ['strict', 'lenient'] as const)
          for (const f of verdict(c.old, c.new, level, mode).findings) reported.add(f.id);
    expect(reported.size).toBeGreaterThan(20);
    expect([...reported].filter((id) => !findRule(id))).toEqual([]);
  });

  it('lists every id the contract rules report on a registry edited every way they look at', async () => {
    const base = fixtureFiles();
    const edited = editYaml(base, 'routing.yaml', (d) => {
      d.setIn(['channels', 'routingEvents', 'address'], 'routing.events.v2');
      d.setIn([...RC, 'contentType'], 'application/avro');
      d.setIn([...RC, 'payload', 'properties', 'distanceKm', 'type'], 'string');
    });
    const reported = new Set<string>();
    for (const level of ['BACKWARD', 'FORWARD', 'FULL'] as const)
      for (const c of (await checkFiles(base, edited, level)).changes) reported.add(c.rule);
    expect(reported.size).toBeGreaterThan(2);
    expect([...reported].filter((id) => !findRule(id))).toEqual([]);
  });

  it('lists every id lint reports on the hostile fixtures', async () => {
    const registry = await loadRegistry(await directorySource(path.join(FIXTURES, 'hostile')));
    const ids = new Set(lintRegistry(registry).map((d) => d.rule));
    expect(ids.size).toBeGreaterThan(0);
    expect([...ids].filter((id) => !findRule(id))).toEqual([]);
  });

  it('refuses a contract rule that reports an id it does not declare', async () => {
    const rogue: ContractRule = {
      ...contractRules[0]!,
      id: 'ROGUE',
      reports: {},
      check: (ctx) => [ctx.change({ rule: 'SOMETHING_UNLISTED', breaking: true, what: 'x' })],
    };
    const base = fixtureFiles();
    const { loadSide } = await import('../../../generator/compat/inputs.js');
    const { memorySource } = await import('../../../generator/load/memory-source.js');
    const side = await loadSide(memorySource(base, 'old'), 'baseline');
    expect(() =>
      checkCompatibility({
        baselines: [side.snapshot],
        current: side.snapshot,
        level: 'BACKWARD',
        mode: 'strict',
        rules: [rogue],
      }),
    ).toThrow(/ROGUE reported SOMETHING_UNLISTED, which it does not declare/);
  });

  it('refuses an id defined twice, and two ids evc.config.yaml could not tell apart', () => {
    const [first] = lintRules;
    expect(() => buildRuleRegistry({ lint: [first!, first!] })).toThrow(/defined twice/);
    expect(() =>
      buildRuleRegistry({ lint: [first!, { ...first!, id: first!.id.toUpperCase().replace(/-/g, '_') }] }),
    ).toThrow(/the same name to evc.config.yaml/);
  });

  it('gives every entry a kind, a known category, levels evc knows and a one-line description', () => {
    const entries = JSON.parse(formatRules(ruleRegistry(), 'json')) as Record<string, unknown>[];
    expect(entries.length).toBe(ruleRegistry().length);
    for (const e of entries) {
      expect(Object.keys(e).slice(0, 5)).toEqual(['id', 'kind', 'category', 'levels', 'description']);
      expect(['lint', 'compat']).toContain(e['kind']);
      expect(RULE_CATEGORIES).toContain(e['category']);
      for (const level of e['levels'] as string[]) expect(COMPATIBILITY_LEVELS).toContain(level);
      expect(e['description']).toMatch(/^\S.*[.)]$/);
      expect(String(e['description'])).not.toContain('\n');
    }
    expect(findRule('MESSAGE_ADDED_TO_TOPIC')?.levels).toEqual([
      'FORWARD',
      'FORWARD_TRANSITIVE',
      'FULL',
      'FULL_TRANSITIVE',
    ]);
    expect(findRule('MAX_LENGTH_INCREASED')?.levels).toEqual([]);
    expect(findRule('ENUM_ARRAY_NARROWED')).toMatchObject({ kind: 'compat', category: 'SCHEMA', family: 'ENUM' });
  });

  it('names are matched without regard to case, - and _', () => {
    expect(canonicalRuleName('property-removed')).toBe('PROPERTY_REMOVED');
    expect(findRule('property-removed')?.id).toBe('PROPERTY_REMOVED');
    expect(findRule('ENUM_SIZE')?.id).toBe('enum-size');
  });

  it('evc rules text: grouped by kind and category, change ids under their family', () => {
    const text = formatRules(ruleRegistry(), 'text').split('\n');
    expect(text[0]).toBe('lint rules (evc lint, evc generate, evc.config.yaml)');
    const max = text.indexOf(text.find((l) => /^ {4}MAX_LENGTH /.test(l)) ?? '');
    expect(text.slice(max + 1, max + 5).map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'MAX_LENGTH_ADDED',
      'MAX_LENGTH_REMOVED',
      'MAX_LENGTH_DECREASED',
      'MAX_LENGTH_INCREASED',
    ]);
    expect(text.every((l) => l === l.trimEnd())).toBe(true);
  });
});
