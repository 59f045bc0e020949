// Problems found while reading and resolving files; the loader reports them, this table documents them.
import type { LintRule } from '../rule.js';

export const loaderRules: readonly LintRule[] = [
  {
    id: 'yaml-syntax',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'A contract file must be well-formed YAML or JSON (no duplicate keys).',
  },
  {
    id: 'file-too-large',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'A contract file must stay under the size limit (5 MiB by default) so tools stay fast and safe.',
  },
  {
    id: 'nesting-too-deep',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description:
      'Objects and arrays nest at most 256 levels deep, in a file and in a message schema after $refs are followed.',
  },
  {
    id: 'asyncapi-version',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'A document must declare an AsyncAPI version evc supports (2.0–2.6, 3.0, 3.1).',
  },
  {
    id: 'asyncapi-schema',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'A document must be valid against the official AsyncAPI JSON Schema of its version.',
  },
  {
    id: 'ref-unresolved',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'Every $ref must point at an existing file and JSON pointer.',
  },
  {
    id: 'ref-cycle',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'References must not form a cycle of references that never reaches a value.',
  },
  {
    id: 'ref-remote',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'Remote (http:, https:, …) references are refused: contracts must be self-contained and reproducible.',
  },
  {
    id: 'ref-outside-root',
    severity: 'error',
    category: 'SPEC',
    detectedBy: 'loader',
    description: 'References must stay inside the contracts directory.',
  },
];
