// Registry-wide settings: `evc.config.yaml` at the root of the contracts directory.
//
//   compatibility: BACKWARD          # default level; a message may override it with x-evc-compatibility
//   mode: strict                     # strict | lenient (Confluent's rule sets)
//   rules:
//     off: [HEADERS, enum-size]      # rule ids, schema rule families or categories from `evc rules`
//   check:
//     accept:                        # breaking changes made on purpose
//       - rule: property-removed     # rule id or family from `evc rules`
//         message: RouteCalculated   # or topic: routing.events (topic-level changes, every message on it)
//         path: /properties/eta      # optional: narrows it to one place (and below)
//         reason: "all receivers migrated, see INC-123"   # required
//         until: 2027-03-01          # optional: the last day the entry applies
//
// Every problem is reported at its place in the file (file:line:col) and all of them at once.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/registry.js';
import { ContractFileMissing, type ContractSource } from '../load/source.js';
import type { canonicalRuleName, findCategory, findRule } from '../rules/registry.js';
import { ConfigError } from './config-error.js';
import { configFindings, type FindingDeclaration } from './config-findings.js';
import {
  COMPATIBILITY_LEVELS,
  DEFAULT_LEVEL,
  DEFAULT_MODE,
  parseLevel,
  parseMode,
  type CompatibilityLevel,
  type CompatibilityMode,
} from './levels.js';

export const CONFIG_FILE = 'evc.config.yaml';

// A message's own level lives in message-level.ts (see there why); generator/docs still imports it from here.
export { LEVEL_EXTENSION, messageLevel } from './message-level.js';

/** A rule, family or category switched off, as written and where. */
export interface SwitchedOff {
  /** Canonical name (see `canonicalRuleName`). */
  readonly name: string;
  readonly location: SourceLocation;
}

/** One `check.accept` entry: it names a message, or a topic (for topic-level changes, or every message on it). */
export interface AcceptEntry {
  /** The rule id or family as the registry spells it. */
  readonly rule: string;
  /** Exactly one of `message` and `topic` is set. */
  readonly message?: string;
  /** A topic address: accepts topic-level changes (TOPIC_REMOVED, ...) and changes of any message on it. */
  readonly topic?: string;
  readonly path?: string;
  readonly reason: string;
  /** Last day the entry applies, YYYY-MM-DD. */
  readonly until?: string;
  readonly location: SourceLocation;
  /** Where the `message` (or `topic`) is written. */
  readonly messageLocation: SourceLocation;
  readonly untilLocation?: SourceLocation;
}

export interface CompatibilityConfig {
  readonly compatibility: CompatibilityLevel;
  readonly mode: CompatibilityMode;
  readonly off: readonly SwitchedOff[];
  readonly accept: readonly AcceptEntry[];
}

export const DEFAULT_CONFIG: CompatibilityConfig = {
  compatibility: DEFAULT_LEVEL,
  mode: DEFAULT_MODE,
  off: [],
  accept: [],
};

/** Reads the config through a contract source; defaults when the file does not exist. */
export async function readCompatibilityConfig(source: ContractSource): Promise<CompatibilityConfig> {
  // Directory sources do not list registry files (evc.config.yaml, evc.lock.yaml): ask for it directly.
  let text: string;
  try {
    text = await source.read(CONFIG_FILE);
  } catch (error) {
    if (error instanceof ContractFileMissing) return DEFAULT_CONFIG;
    throw error;
  }
  return parseCompatibilityConfig(text, source.displayPath(CONFIG_FILE), await ruleNamesFor(text));
}

/** The rule registry's name lookups: what `rules.off` and `check.accept` entries are checked against. */
export interface RuleNames {
  readonly findRule: typeof findRule;
  readonly findCategory: typeof findCategory;
  readonly canonicalRuleName: typeof canonicalRuleName;
}

/**
 * The rule registry loads every compatibility rule (80-odd modules, ~80 ms of `evc lint`): loaded only
 * for a config with a `rules` or `check` section, the only ones whose entries name rules (same key test
 * as parseCompatibilityConfig's). Any other config never consults the lookups.
 */
async function ruleNamesFor(text: string): Promise<RuleNames> {
  const root = parseDocument(text, { uniqueKeys: false }).contents;
  const namesRules =
    isMap(root) && root.items.some((pair) => isScalar(pair.key) && RULE_SECTIONS.has(String(pair.key.value)));
  return namesRules ? await import('../rules/registry.js') : NO_RULE_NAMES;
}

const RULE_SECTIONS = new Set(['rules', 'check']);
const unreachable = (): never => {
  throw new Error('evc.config.yaml: a rule name was looked up in a config without rules or check (a bug in evc)');
};
const NO_RULE_NAMES: RuleNames = { findRule: unreachable, findCategory: unreachable, canonicalRuleName: unreachable };

/**
 * For commands that only need `rules.off` (evc lint): the switched-off names, and the config's own
 * problems as diagnostics to print beside the others instead of an exception.
 */
export async function readRuleSwitches(
  source: ContractSource,
): Promise<{ readonly off: ReadonlySet<string>; readonly diagnostics: readonly Diagnostic[] }> {
  try {
    const config = await readCompatibilityConfig(source);
    return { off: new Set(config.off.map((o) => o.name)), diagnostics: [] };
  } catch (error) {
    if (error instanceof ConfigError && error.diagnostics.length > 0)
      return { off: new Set(), diagnostics: error.diagnostics };
    throw error;
  }
}

// `schemaRegistry` is read and checked by generator/schema-registry/settings.ts.
const TOP_LEVEL_KEYS = ['compatibility', 'mode', 'rules', 'check', 'schemaRegistry'];
const ACCEPT_KEYS = ['rule', 'message', 'topic', 'path', 'reason', 'until'];

export function parseCompatibilityConfig(text: string, file: string, rules: RuleNames): CompatibilityConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: Diagnostic[] = [];
  const at = (node: Node | null | undefined): SourceLocation => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    return { file, line, column: col };
  };
  const report = (finding: FindingDeclaration, where: SourceLocation, message: string, hint?: string): void => {
    problems.push({ ...where, severity: finding.severity, rule: finding.id, message, ...(hint ? { hint } : {}) });
  };
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    report(configFindings.invalid, { file, line, column: col }, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  if (problems.length > 0) throw configError(file, problems);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return DEFAULT_CONFIG;
  if (!isMap(root)) {
    report(configFindings.invalid, at(root), `expected a mapping with ${TOP_LEVEL_KEYS.join(', ')}`);
    throw configError(file, problems);
  }
  let compatibility = DEFAULT_LEVEL;
  let mode = DEFAULT_MODE;
  const off: SwitchedOff[] = [];
  const accept: AcceptEntry[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const json: unknown = value && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : null;
    switch (key) {
      case 'compatibility': {
        const level = parseLevel(json);
        if (level) compatibility = level;
        else
          report(
            configFindings.invalid,
            at(value),
            `compatibility must be one of ${COMPATIBILITY_LEVELS.join(', ')} (got ${JSON.stringify(json)})`,
          );
        break;
      }
      case 'mode': {
        const parsed = parseMode(json);
        if (parsed) mode = parsed;
        else report(configFindings.invalid, at(value), `mode must be strict or lenient (got ${JSON.stringify(json)})`);
        break;
      }
      case 'rules':
        readRules(value, off, report, at, rules);
        break;
      case 'check':
        readCheck(value, accept, report, at, rules);
        break;
      case 'schemaRegistry':
        break;
      default:
        report(
          configFindings.invalid,
          at(pair.key),
          `unknown setting '${key}'`,
          `evc.config.yaml knows ${TOP_LEVEL_KEYS.join(', ')}`,
        );
    }
  }
  if (problems.some((p) => p.severity === 'error')) throw configError(file, problems);
  return { compatibility, mode, off, accept };
}

type Report = (finding: FindingDeclaration, where: SourceLocation, message: string, hint?: string) => void;
type At = (node: Node | null | undefined) => SourceLocation;

/**
 * A section holding one list setting (`rules.off`, `check.accept`): its items, each handed to
 * `item`; a section that is no mapping, another key, or a value that is no list is reported.
 */
function readListSetting(
  value: Node | null,
  section: string,
  key: string,
  report: Report,
  at: At,
  item: (node: Node) => void,
): void {
  if (!isMap(value)) {
    report(configFindings.invalid, at(value), `${section} must be a mapping: ${section}: { ${key}: [...] }`);
    return;
  }
  for (const pair of value.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (name !== key) {
      report(
        configFindings.invalid,
        at(pair.key as Node),
        `unknown setting '${section}.${name}'`,
        `${section} knows ${key}`,
      );
      continue;
    }
    const list = pair.value as Node | null;
    if (!isSeq(list)) report(configFindings.invalid, at(list), `${section}.${key} must be a list`);
    else for (const node of list.items as Node[]) item(node);
  }
}

function readRules(value: Node | null, off: SwitchedOff[], report: Report, at: At, rules: RuleNames): void {
  const { findRule, findCategory, canonicalRuleName } = rules;
  readListSetting(value, 'rules', 'off', report, at, (item) => {
    const name = isScalar(item) && typeof item.value === 'string' ? item.value : undefined;
    if (name === undefined) {
      report(configFindings.invalid, at(item), 'rules.off entries must be rule ids or category names (strings)');
      return;
    }
    const category = findCategory(name);
    if (!findRule(name) && !category) {
      report(
        configFindings.unknownRule,
        at(item),
        `unknown rule or category '${name}' in rules.off`,
        'run `evc rules` for every rule id and category',
      );
      return;
    }
    off.push({ name: category ?? canonicalRuleName(name), location: at(item) });
  });
}

function readCheck(value: Node | null, accept: AcceptEntry[], report: Report, at: At, rules: RuleNames): void {
  readListSetting(value, 'check', 'accept', report, at, (item) => {
    const entry = readAcceptEntry(item, report, at, rules);
    if (entry) accept.push(entry);
  });
}

function readAcceptEntry(item: Node, report: Report, at: At, { findRule }: RuleNames): AcceptEntry | undefined {
  const where = at(item);
  if (!isMap(item)) {
    report(configFindings.acceptInvalid, where, 'a check.accept entry must be a mapping with rule, message, reason');
    return undefined;
  }
  const fields = new Map<string, Node | null>();
  let ok = true;
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ACCEPT_KEYS.includes(key)) {
      report(
        configFindings.acceptInvalid,
        at(pair.key as Node),
        `unknown field '${key}' in a check.accept entry`,
        `an entry has ${ACCEPT_KEYS.join(', ')}`,
      );
      ok = false;
    }
    fields.set(key, pair.value as Node | null);
  }
  const text = (key: string): string | undefined => {
    const node = fields.get(key);
    return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
      ? String(node.value).trim()
      : undefined;
  };
  const rule = text('rule');
  const message = text('message');
  const topic = text('topic');
  const reason = text('reason');
  const path = text('path');
  const until = text('until');
  if (!rule) {
    report(configFindings.acceptInvalid, where, 'check.accept entry without a rule', 'name a rule id from `evc rules`');
    ok = false;
  } else {
    const entry = findRule(rule);
    if (!entry) {
      report(
        configFindings.unknownRule,
        at(fields.get('rule')),
        `unknown rule '${rule}' in check.accept`,
        'run `evc rules` for every compatibility rule id',
      );
      ok = false;
    } else if (entry.kind !== 'compat' || entry.category === 'HISTORY') {
      report(
        configFindings.unknownRule,
        at(fields.get('rule')),
        `'${rule}' is not a compatibility rule: check.accept accepts breaking changes only`,
        'use rules.off to silence a lint rule',
      );
      ok = false;
    }
  }
  if (message && topic) {
    report(
      configFindings.acceptInvalid,
      at(fields.get('topic')),
      'check.accept entry names both a message and a topic',
      'name the message, or the topic for a topic-level change (a topic removed or renamed)',
    );
    ok = false;
  } else if (!message && !topic) {
    report(
      configFindings.acceptInvalid,
      where,
      'check.accept entry without a message or topic',
      'name the message it accepts, or the topic for a topic-level change',
    );
    ok = false;
  }
  if (!reason) {
    report(
      configFindings.acceptInvalid,
      fields.has('reason') ? at(fields.get('reason')) : where,
      `check.accept entry for ${rule ?? 'a rule'} on ${message ?? topic ?? 'a message'} without a reason`,
      'say why breaking it is fine, e.g. reason: "all receivers migrated, see INC-123"',
    );
    ok = false;
  }
  if (fields.has('path') && (!path || !path.startsWith('/'))) {
    report(configFindings.acceptInvalid, at(fields.get('path')), 'path must be a JSON pointer such as /properties/eta');
    ok = false;
  }
  if (fields.has('until') && (!until || !isCalendarDate(until))) {
    report(configFindings.acceptInvalid, at(fields.get('until')), 'until must be a date: YYYY-MM-DD');
    ok = false;
  }
  if (!ok || !rule || !(message ?? topic) || !reason) return undefined;
  const registered = findRule(rule);
  return {
    rule: registered?.id ?? rule,
    ...(message ? { message } : { topic }),
    ...(path ? { path } : {}),
    reason,
    ...(until ? { until, untilLocation: at(fields.get('until')) } : {}),
    location: where,
    messageLocation: at(fields.get(message ? 'message' : 'topic')),
  };
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function configError(file: string, problems: readonly Diagnostic[]): ConfigError {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return new ConfigError(`${file}: ${errors} error${errors === 1 ? '' : 's'}`, problems);
}
