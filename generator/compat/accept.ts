// Breaking changes accepted on purpose (evc.config.yaml `check.accept`): an accepted change stays
// in the report, marked with its reason, and no longer fails the check. Entries are checked against
// the contracts (the message or topic must exist on one side), past their `until` date they stop applying,
// and an entry that accepts nothing is reported, so stale acceptances do not pile up.

import type { Diagnostic } from '../model/registry.js';
import { canonicalRuleName, namesOfRule } from '../rules/registry.js';
import { failsCheck, type Change } from './change.js';
import type { CheckResult } from './check.js';
import { configFindings } from './config-findings.js';
import type { AcceptEntry } from './config.js';
import type { RegistrySnapshot } from './snapshot.js';

/** Entries naming a message (or topic) neither side declares: errors located at the entry's `message`/`topic`. */
export function unknownAcceptedMessages(
  entries: readonly AcceptEntry[],
  sides: readonly RegistrySnapshot[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.topic !== undefined) {
      const topic = entry.topic;
      if (sides.some((side) => side.topics.has(topic))) continue;
      out.push({
        ...entry.messageLocation,
        severity: configFindings.acceptUnknownTopic.severity,
        rule: configFindings.acceptUnknownTopic.id,
        message: `check.accept names topic '${topic}', which neither the proposed nor the compared contracts declare`,
        hint: 'use the channel address as `evc topics` lists it',
      });
    } else if (!sides.some((side) => side.messages.has(entry.message ?? ''))) {
      out.push({
        ...entry.messageLocation,
        severity: configFindings.acceptUnknownMessage.severity,
        rule: configFindings.acceptUnknownMessage.id,
        message: `check.accept names message '${entry.message ?? ''}', which neither the proposed nor the compared contracts declare`,
        hint: 'use the message name as `evc registry` lists it',
      });
    }
  }
  return out;
}

/** What an entry is about, for messages: `RouteCalculated`, or `topic routing.events`. */
function target(entry: AcceptEntry): string {
  return entry.topic !== undefined ? `topic ${entry.topic}` : (entry.message ?? '');
}

export interface AcceptedResult {
  readonly result: CheckResult;
  /** Expired entries and entries that accept nothing (warnings). */
  readonly warnings: readonly Diagnostic[];
}

/** Marks the breaking changes the entries accept; `today` is YYYY-MM-DD (entries apply up to `until`). */
export function acceptChanges(result: CheckResult, entries: readonly AcceptEntry[], today: string): AcceptedResult {
  const warnings: Diagnostic[] = [];
  const active: AcceptEntry[] = [];
  for (const entry of entries) {
    if (entry.until !== undefined && entry.until < today) {
      warnings.push({
        ...(entry.untilLocation ?? entry.location),
        severity: configFindings.acceptExpired.severity,
        rule: configFindings.acceptExpired.id,
        message: `check.accept for ${entry.rule} on ${target(entry)} expired on ${entry.until}: it no longer applies`,
        hint: 'finish the migration, or extend `until` with a reason that still holds',
      });
    } else active.push(entry);
  }
  const used = new Set<AcceptEntry>();
  const changes = result.changes.map((change): Change => {
    if (!change.breaking) return change;
    const entry = active.find((e) => accepts(e, change));
    if (!entry) return change;
    used.add(entry);
    return {
      ...change,
      accepted: {
        reason: entry.reason,
        ...(entry.until !== undefined ? { until: entry.until } : {}),
        file: entry.location.file,
        line: entry.location.line,
        column: entry.location.column,
      },
    };
  });
  for (const entry of active)
    if (!used.has(entry))
      warnings.push({
        ...entry.location,
        severity: configFindings.acceptUnused.severity,
        rule: configFindings.acceptUnused.id,
        message: `check.accept for ${entry.rule} on ${target(entry)}${entry.path ? ` at ${entry.path}` : ''} accepts no breaking change`,
        hint: 'remove the entry, or correct its rule, message or path',
      });
  return { result: { ...result, changes, compatible: !changes.some(failsCheck) }, warnings };
}

function accepts(entry: AcceptEntry, change: Change): boolean {
  // A topic entry covers the topic's own changes (removed, renamed) and those of every message on it.
  if (entry.topic !== undefined ? entry.topic !== change.topic : entry.message !== change.messageName) return false;
  if (!namesOfRule(change.rule).includes(canonicalRuleName(entry.rule))) return false;
  if (entry.path === undefined) return true;
  const path = entry.path.replace(/\/+$/, '');
  return change.path === path || change.path.startsWith(`${path}/`);
}
