// Findings `evc generate` reports itself (beyond lint): declared here so the rule registry, `evc rules`
// and the docs list them like every other rule.
import type { LintRule } from '../lint/rule.js';

export const schemaCompile: LintRule = {
  id: 'schema-compile',
  severity: 'error',
  category: 'GENERATE',
  detectedBy: 'generator',
  description: 'Every payload, key and header schema must compile into a validator (ajv refuses it otherwise).',
};

export const wireFormat: LintRule = {
  id: 'wire-format',
  severity: 'error',
  category: 'GENERATE',
  detectedBy: 'generator',
  description:
    "A message's wire format (x-evc-wire-format, schemaRegistry.wireFormat) must be one evc generates, with a subject to frame.",
};

export const generatorRules: readonly LintRule[] = [schemaCompile, wireFormat];
