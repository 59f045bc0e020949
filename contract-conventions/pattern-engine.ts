// How contract `pattern`s are matched. A pattern with nested repetition (`(a+)+`) can backtrack
// exponentially in JavaScript's engine, so one crafted string would freeze a consumer's event loop.
// Such patterns run on RE2JS, a linear-time engine; everything else keeps the fast native engine.
// Generated validators (ajv standalone code) call this through `contractRegExp`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const isSafe = require('safe-regex2') as (pattern: string) => boolean;
interface LinearEngine {
  compile(pattern: string): { matcher(input: string): { find(): boolean } };
}
// Loaded on first use (~10 ms): most registries' patterns, and the AsyncAPI schema's own, run natively.
let linearEngine: LinearEngine | undefined;
const re2js = (): LinearEngine => (linearEngine ??= (require('re2js') as { RE2JS: LinearEngine }).RE2JS);

export interface PatternMatcher {
  test(input: string): boolean;
}

/**
 * `native`: no quantified group and a star height of 1 (safe-regex2), so the native engine cannot
 * backtrack exponentially. `linear`: anything else RE2 can run. `refused`: backtracking-prone and
 * beyond RE2 (backreferences, lookaround) — no engine can match it in bounded time, so validators
 * refuse to be built from it (generation fails with a diagnostic) rather than risk a frozen consumer.
 */
export type PatternEngineKind = 'native' | 'linear' | 'refused';

// A group followed by a quantifier: `(a|aa)+` backtracks exponentially although its star height is 1.
const QUANTIFIED_GROUP = /\)(?:[*+?]|\{\d*,?\d*\})/;

/**
 * The verdict depends on the pattern text only, and the same patterns come back over and over
 * (every validator module of a registry, the AsyncAPI schema's own `patternProperties` on each
 * document): deciding once per text saves most of safe-regex2's parsing at start-up.
 */
const kinds = new Map<string, PatternEngineKind>();

export function patternEngineKind(pattern: string): PatternEngineKind {
  let kind = kinds.get(pattern);
  if (kind === undefined) {
    kind = decideEngine(pattern);
    if (kinds.size < 10_000) kinds.set(pattern, kind); // bounded: patterns from records are not contract text
  }
  return kind;
}

function decideEngine(pattern: string): PatternEngineKind {
  if (isSafe(pattern) && !QUANTIFIED_GROUP.test(pattern)) return 'native';
  try {
    re2js().compile(pattern);
    return 'linear';
  } catch {
    return 'refused';
  }
}

export class UnsafePatternError extends Error {
  override readonly name = 'UnsafePatternError';
  constructor(readonly pattern: string) {
    super(
      `pattern ${JSON.stringify(pattern)} can backtrack catastrophically and uses features the linear-time engine cannot run (backreferences, lookaround); rewrite it`,
    );
  }
}

/** ajv's `code.regExp` engine: `(pattern, flags) => { test }`, named so standalone code can import it. */
export function contractRegExp(pattern: string, flags: string): PatternMatcher {
  switch (patternEngineKind(pattern)) {
    case 'native':
      return new RegExp(pattern, flags);
    case 'linear': {
      const compiled = re2js().compile(pattern);
      return { test: (input) => compiled.matcher(input).find() };
    }
    case 'refused':
      throw new UnsafePatternError(pattern);
  }
}
contractRegExp.code = 'contractRegExp';
