// What `evc check` reports about the registry's own files rather than about the contracts:
// evc.config.yaml (settings, switched-off rules, accepted breaking changes) and evc.lock.yaml
// (the released history). Declared once here; the rule registry lists them, callers use `.id`.
import type { Severity } from '../model/registry.js';
import type { RuleCategory, RuleKind } from '../rules/rule-entry.js';

export interface FindingDeclaration {
  readonly id: string;
  readonly kind: RuleKind;
  readonly severity: Severity;
  readonly category: RuleCategory;
  readonly description: string;
}

function declare(
  id: string,
  kind: RuleKind,
  severity: Severity,
  category: RuleCategory,
  description: string,
): FindingDeclaration {
  return { id, kind, severity, category, description };
}

export const configFindings = {
  invalid: declare(
    'config-invalid',
    'lint',
    'error',
    'CONFIG',
    'evc.config.yaml must be valid YAML with known settings of the right type (compatibility, mode, rules, check).',
  ),
  unknownRule: declare(
    'config-unknown-rule',
    'lint',
    'error',
    'CONFIG',
    'A rule or category named in evc.config.yaml (rules.off, check.accept) must exist in `evc rules`.',
  ),
  acceptInvalid: declare(
    'accept-invalid',
    'lint',
    'error',
    'CONFIG',
    'A check.accept entry needs a rule, a message or a topic, and a reason; path and until (YYYY-MM-DD) are optional.',
  ),
  acceptUnknownMessage: declare(
    'accept-unknown-message',
    'lint',
    'error',
    'CONFIG',
    'A check.accept entry must name a message that exists in the proposed or the compared contracts.',
  ),
  acceptUnknownTopic: declare(
    'accept-unknown-topic',
    'lint',
    'error',
    'CONFIG',
    'A check.accept entry must name a topic (channel address) that exists in the proposed or the compared contracts.',
  ),
  schemaRegistry: declare(
    'schema-registry-settings',
    'lint',
    'error',
    'CONFIG',
    'The schemaRegistry section of evc.config.yaml: subjectNameStrategy topic|record|topic-record, wireFormat plain|confluent.',
  ),
  acceptUnused: declare(
    'accept-unused',
    'lint',
    'warning',
    'CONFIG',
    'A check.accept entry that accepts no breaking change is left over: remove it.',
  ),
  acceptExpired: declare(
    'accept-expired',
    'lint',
    'warning',
    'CONFIG',
    'A check.accept entry past its `until` date no longer applies: the change it accepted fails the check again.',
  ),
} as const;

export const historyFindings = {
  missing: declare(
    'lockfile-missing',
    'compat',
    'warning',
    'HISTORY',
    'Without --against, evc check compares with evc.lock.yaml; without one nothing is checked (run evc release).',
  ),
  invalid: declare(
    'lockfile-invalid',
    'compat',
    'error',
    'HISTORY',
    'evc.lock.yaml must be the file `evc release` writes: readable, with every recorded version intact.',
  ),
} as const;
