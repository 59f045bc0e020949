// A `pattern` with nested repetition can backtrack exponentially: one crafted 30-character string
// freezes a consumer's event loop. The runtime matches such patterns with a linear-time engine
// (RE2), but they are slower and should be rewritten; a pattern that is not a valid ECMAScript
// regular expression cannot be validated at all.
import safeRegex from 'safe-regex2';
import { locationOf } from '../../model/registry.js';
import { walkMessageSchemas } from '../../model/walk-schema.js';
import type { Diagnostic } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export type PatternVerdict = 'safe' | 'backtracking' | 'invalid';

export function patternVerdict(pattern: string): PatternVerdict {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'invalid';
  }
  return safeRegex(pattern) ? 'safe' : 'backtracking';
}

export const patternSafety: LintRule = {
  id: 'pattern-safety',
  severity: 'warning',
  detectedBy: 'registry',
  description: 'A schema `pattern` must be a valid ECMAScript regular expression without catastrophic backtracking.',
  check(registry) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const message of registry.messages) {
      walkMessageSchemas(message, (node, path) => {
        const patterns = [
          ...(typeof node.pattern === 'string' ? [node.pattern] : []),
          ...(typeof node.patternProperties === 'object' && node.patternProperties !== null ? Object.keys(node.patternProperties) : []),
        ];
        for (const pattern of patterns) {
          const verdict = patternVerdict(pattern);
          if (verdict === 'safe') continue;
          const at = locationOf(node) ?? message.definition;
          const key = `${at.file}:${at.line}:${pattern}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(
            verdict === 'invalid'
              ? { ...finding(this, at, `${message.name} ${path}: pattern ${JSON.stringify(pattern)} is not a valid ECMAScript (Unicode) regular expression`, 'fix the pattern; JSON Schema patterns use ECMAScript syntax'), severity: 'error' }
              : finding(this, at, `${message.name} ${path}: pattern ${JSON.stringify(pattern)} has nested repetition and can backtrack catastrophically`, 'rewrite it without a quantified group that itself contains a quantifier (e.g. (a+)+); the runtime falls back to a slower linear-time engine for it'),
          );
        }
      });
    }
    return out;
  },
};
