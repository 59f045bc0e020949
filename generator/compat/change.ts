// One reported change between two versions of a registry: what every reporter prints.

import type { CompatibilityLevel, Direction } from './levels.js';

export type ChangePart = 'payload' | 'headers' | 'key' | 'contract';

/**
 * A service a breaking change hurts. Under BACKWARD the receivers of the message (consumers must
 * read what was written before), under FORWARD its senders (they must not write the new form while
 * old readers remain), under FULL both. `file` is where the service declares that operation.
 */
export interface Impact {
  readonly service: string;
  readonly role: 'receiver' | 'sender';
  readonly file: string;
}

/** A breaking change accepted on purpose by a `check.accept` entry of evc.config.yaml. */
export interface Acceptance {
  readonly reason: string;
  /** Last day (YYYY-MM-DD) the entry applies. */
  readonly until?: string;
  /** Where the entry is, in evc.config.yaml. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Change {
  /** Stable change id, e.g. REQUIRED_ATTRIBUTE_ADDED, TOPIC_REMOVED. */
  readonly rule: string;
  readonly breaking: boolean;
  /** A compatible change readers may still misread (an Avro logical type change): printed as a warning. */
  readonly warning?: boolean;
  /** Topic address ('' when the change concerns no topic). */
  readonly topic: string;
  /** Message name ('' for topic-level changes). */
  readonly messageName: string;
  /** JSON pointer inside the payload (`/properties/eta`), `/headers/...`, `/bindings/kafka/key...`, or '' for the contract. */
  readonly path: string;
  readonly part: ChangePart;
  /** What changed, old → new. */
  readonly what: string;
  /** Why it breaks whom (breaking changes only). */
  readonly why?: string;
  /** How to evolve safely instead (breaking changes only). */
  readonly hint?: string;
  /** One-line description of the rule. */
  readonly description: string;
  /** Location in the new contracts (or the old ones when the thing is gone). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly level: CompatibilityLevel;
  /** Which reading direction broke: backward (new reads old) or forward (old reads new). */
  readonly direction?: Direction;
  /** Services the rule names in its message (receivers, or senders for topic moves). */
  readonly impacted: readonly string[];
  /** Breaking changes: the services hurt at the change's level, with their role and file. */
  readonly impact: readonly Impact[];
  /** Set when evc.config.yaml accepts this breaking change: it is printed but does not fail the check. */
  readonly accepted?: Acceptance;
  /** The version compared with, when not the latest (transitive levels). */
  readonly against?: string;
}

/** A breaking change that fails the check (breaking and not accepted). */
export function failsCheck(change: Change): boolean {
  return change.breaking && !change.accepted;
}

/** The single-line message of a change: what; why; instead. */
export function changeMessage(change: Change): string {
  let text = change.against ? `compared with ${change.against}: ${change.what}` : change.what;
  if (change.why) text += `: ${change.why}`;
  if (change.hint) text += `. Instead: ${change.hint}`;
  return text;
}

export function compareChanges(a: Change, b: Change): number {
  return (
    Number(b.breaking) - Number(a.breaking) ||
    cmp(a.topic, b.topic) ||
    cmp(a.messageName, b.messageName) ||
    cmp(a.part, b.part) ||
    cmp(a.path, b.path) ||
    cmp(a.rule, b.rule) ||
    cmp(a.direction ?? '', b.direction ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
