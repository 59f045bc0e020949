// The ids `evc check --against-registry` reports about subjects, declared apart from the check itself so the rule
// registry can list them without importing the check (which reads the registry to switch rules off).

import type { RuleDeclaration } from '../rules/rule-entry.js';

export const SUBJECT_NOT_IN_CONTRACTS = 'SUBJECT_NOT_IN_CONTRACTS';
export const SUBJECT_NOT_REGISTERED = 'SUBJECT_NOT_REGISTERED';
export const SUBJECT_SCHEMA_TYPE = 'SUBJECT_SCHEMA_TYPE';

/** What `checkAgainstRegistry` reports besides the payload schema rules' ids. */
export const subjectRules: Readonly<Record<string, RuleDeclaration>> = {
  [SUBJECT_NOT_IN_CONTRACTS]: {
    category: 'HISTORY',
    description: 'Subjects in the registry that no contract defines.',
    breaks: 'never',
  },
  [SUBJECT_NOT_REGISTERED]: {
    category: 'HISTORY',
    description: 'A subject the contracts define that the registry does not hold yet.',
    breaks: 'never',
  },
  [SUBJECT_SCHEMA_TYPE]: {
    category: 'HISTORY',
    description: 'A subject of another schema type cannot take the JSON Schema.',
    breaks: 'always',
  },
};
