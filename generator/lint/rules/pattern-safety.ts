// A `pattern` with nested repetition can backtrack exponentially: one crafted 30-character string
// freezes a consumer's event loop. The runtime matches such patterns with a linear-time engine
// (RE2), but they are slower and should be rewritten; a pattern that is not a valid ECMAScript
// regular expression cannot be validated at all.
import { patternEngineKind } from '../../../contract-conventions/index.js';
import { locationOf } from '../../model/registry.js';
import { walkMessageSchemas } from '../../model/walk-schema.js';
import type { Diagnostic } from '../../model/registry.js';
import type { LintRule } from '../rule.js';
import { finding } from '../rule.js';

export type PatternVerdict = 'safe' | 'backtracking' | 'refused' | 'invalid';

/** Same judgement as the runtime's pattern engine, so lint says what validators will do. */
export function patternVerdict(pattern: string): PatternVerdict {
  let verdict = verdicts.get(pattern);
  if (verdict === undefined) {
    verdict = judge(pattern);
    if (verdicts.size < 10_000) verdicts.set(pattern, verdict);
  }
  return verdict;
}

/**
 * Verdicts by pattern: a registry repeats a few patterns in every message that uses a shared schema, and compiling
 * one (`new RegExp`) each time was most of this rule's time (a verdict depends on the text alone).
 */
const verdicts = new Map<string, PatternVerdict>();

function judge(pattern: string): PatternVerdict {
  try {
    new RegExp(pattern, 'u');
  } catch {
    return 'invalid';
  }
  const kind = patternEngineKind(pattern);
  return kind === 'native' ? 'safe' : kind === 'linear' ? 'backtracking' : 'refused';
}

export const patternSafety: LintRule = {
  id: 'pattern-safety',
  category: 'PAYLOAD',
  severity: 'warning',
  detectedBy: 'registry',
  description:
    'A schema `pattern` must be a valid ECMAScript regular expression that cannot backtrack catastrophically.',
  check(registry) {
    const out: Diagnostic[] = [];
    const seen = new Set<string>();
    for (const message of registry.messages) {
      walkMessageSchemas(message, (node, path) => {
        const patterns = [
          ...(typeof node.pattern === 'string' ? [node.pattern] : []),
          ...(typeof node.patternProperties === 'object' && node.patternProperties !== null
            ? Object.keys(node.patternProperties)
            : []),
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
              ? {
                  ...finding(
                    this,
                    at,
                    `${message.name} ${path}: pattern ${JSON.stringify(pattern)} is not a valid ECMAScript (Unicode) regular expression`,
                    'fix the pattern; JSON Schema patterns use ECMAScript syntax',
                  ),
                  severity: 'error',
                }
              : verdict === 'refused'
                ? {
                    ...finding(
                      this,
                      at,
                      `${message.name} ${path}: pattern ${JSON.stringify(pattern)} can backtrack catastrophically and uses backreferences or lookaround, which the linear-time engine cannot run`,
                      'rewrite it without nested repetition; no validator will be generated for it',
                    ),
                    severity: 'error',
                  }
                : finding(
                    this,
                    at,
                    `${message.name} ${path}: pattern ${JSON.stringify(pattern)} has nested repetition and can backtrack catastrophically`,
                    'rewrite it without a quantified group that itself contains a quantifier (e.g. (a+)+); validators match it with a slower linear-time engine (RE2)',
                  ),
          );
        }
      });
    }
    return out;
  },
};
