// The lint rule registry (a plain array, so listing, documenting and testing them is one loop)
// and the function that runs them over a loaded registry.
import type { Diagnostic, Registry } from '../model/registry.js';
import type { LintRule } from './rule.js';
import { loaderRules } from './rules/loader-rules.js';
import { topicSingleOwner } from './rules/topic-single-owner.js';
import { messageSingleDefinition } from './rules/message-single-definition.js';
import { messageUnsent } from './rules/message-unsent.js';
import { messageName } from './rules/message-name.js';
import { kafkaKeyType } from './rules/kafka-key-type.js';
import { payloadAcceptsAnything } from './rules/payload-accepts-anything.js';
import { patternSafety } from './rules/pattern-safety.js';
import { enumSize } from './rules/enum-size.js';
import { receiveSettings } from './rules/receive-settings.js';
import { unvalidatablePropertyName } from './rules/unvalidatable-property-name.js';
import { recursionInPlace } from './rules/recursion-in-place.js';
import { messageIdUnique } from './rules/message-id-unique.js';
import { operationMessageInChannel } from './rules/operation-message-in-channel.js';
import { keywordNotEnforced } from './rules/keyword-not-enforced.js';
import { avroRules } from '../avro/avro-rules.js';

export type { LintRule } from './rule.js';

export const lintRules: readonly LintRule[] = [
  ...loaderRules,
  ...avroRules,
  topicSingleOwner,
  messageSingleDefinition,
  messageUnsent,
  messageName,
  kafkaKeyType,
  payloadAcceptsAnything,
  patternSafety,
  enumSize,
  receiveSettings,
  unvalidatablePropertyName,
  recursionInPlace,
  messageIdUnique,
  operationMessageInChannel,
  keywordNotEnforced,
];

/** Loader diagnostics plus every registry rule's findings, sorted by file and position. */
export function lintRegistry(registry: Registry, rules: readonly LintRule[] = lintRules): Diagnostic[] {
  const findings = [...registry.diagnostics];
  for (const rule of rules) if (rule.check) findings.push(...rule.check(registry));
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
