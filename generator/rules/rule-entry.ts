// What the rule registry knows about one id that can appear in evc's output: its kind, the
// category it is switched on and off with (buf-style groups), the compatibility levels it is
// checked at, when it breaks, and a one-line doc.

import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../compat/levels.js';
import type { Severity } from '../model/registry.js';

export type RuleKind = 'lint' | 'compat';

/**
 * Groups of rules, named the way buf names its categories: what part of a contract a rule looks at.
 * SPEC: documents as files (syntax, AsyncAPI schema, references). CONFIG: evc.config.yaml.
 * HISTORY: evc.lock.yaml. GENERATE: what `evc generate` refuses. TOPIC: channels and their owners.
 * MESSAGE_SET: which messages travel on a topic and who sends them. NAMING: names of things.
 * KEY / HEADERS / PAYLOAD: that part of a message. SCHEMA: JSON Schema changes, in payloads and
 * headers alike. AVRO: Avro schema changes (schema resolution). DELIVERY: how receivers retry and dead-letter.
 */
export const RULE_CATEGORIES = [
  'SPEC',
  'CONFIG',
  'HISTORY',
  'GENERATE',
  'TOPIC',
  'MESSAGE_SET',
  'NAMING',
  'KEY',
  'HEADERS',
  'PAYLOAD',
  'SCHEMA',
  'AVRO',
  'DELIVERY',
] as const;

export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/**
 * When a compatibility id fails the check: always, only under the strict rule set, never (reported
 * for information), or only at levels that check that reading direction.
 */
export type RuleBreaks = 'always' | 'strict' | 'never' | 'backward' | 'forward';

/** What a rule module declares about one id it reports (the registry adds kind and levels). */
export interface RuleDeclaration {
  readonly category: RuleCategory;
  readonly description: string;
  readonly breaks: RuleBreaks;
}

export interface RuleEntry {
  readonly id: string;
  readonly kind: RuleKind;
  readonly category: RuleCategory;
  /** Compatibility levels the id is checked at; empty for lint ids (they do not depend on a level). */
  readonly levels: readonly CompatibilityLevel[];
  readonly description: string;
  /** Lint ids: error or warning. */
  readonly severity?: Severity;
  /** Compatibility ids: when it fails the check. */
  readonly breaks?: RuleBreaks;
  /** Schema change ids: the schema rule (keyword family, e.g. MAX_LENGTH) that reports it. */
  readonly family?: string;
  /** Families and rules that run others: the ids they report. */
  readonly reports?: readonly string[];
}

/** Every level that checks something (all but NONE). */
export const CHECKED_LEVELS: readonly CompatibilityLevel[] = COMPATIBILITY_LEVELS.filter((l) => l !== 'NONE');
