// Rewrites of ajv's standalone validator code that keep every verdict, error and default it gives, and cost less per
// message: generated validators run on every record a service sends or receives (issue 15's consume profile: payload
// validation is the largest share of the runtime's own work). Each tuning is one row of TUNINGS, with why it is exact;
// test/unit/emit/validator-code-tuning.test.ts checks tuned against untuned validators on random schemas and data.

/**
 * A string literal as ajv writes it (JSON.stringify: double quotes, every quote inside escaped). Everything that
 * comes from a contract (names, patterns, enum values, messages) reaches the code inside one, and ajv's code has
 * no other quotes, comments, template or regular-expression literals: a pattern matched outside these literals
 * can only match ajv's own code, never contract text.
 */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/.source;

interface Tuning {
  readonly id: string;
  /** Why the rewrite gives the same results and what it saves. */
  readonly why: string;
  /** What to rewrite in one module's code, or null when the module has nothing this tuning applies to. */
  readonly rewriteIn: (code: string) => Rewrite | null;
}

interface Rewrite {
  /** ajv's code to rewrite (matched only outside string literals). */
  readonly pattern: RegExp;
  readonly replacement: (...groups: string[]) => string;
  /** A module-level declaration the replacement refers to, added once before ajv's code when the pattern matched. */
  readonly declaration?: string;
}

const UCS2LENGTH_IMPORT = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/;

export const TUNINGS: readonly Tuning[] = [
  {
    id: 'own-keys-without-array',
    why:
      'With `ownProperties`, ajv loops over `Object.keys(data)` (additionalProperties, patternProperties, ' +
      'propertyNames, unevaluatedProperties), an array per object per message. for…in with an own-property check ' +
      'visits the same keys (own, enumerable, string) in the same order, allocating nothing. Nothing in these ' +
      'loops adds or removes properties of the object they walk (defaults are filled in before them), so a live ' +
      'enumeration sees what the snapshot saw. Object.prototype.hasOwnProperty.call, not Object.hasOwn: V8 ' +
      'optimises the former inside for…in and not the latter.',
    rewriteIn: () => ({
      pattern: /for\(const (key\d+) of Object\.keys\((data\d*)\)\)\{/,
      replacement: (key, data) =>
        `for(const ${key} in ${data}){\nif(!Object.prototype.hasOwnProperty.call(${data}, ${key})) continue;`,
    }),
  },
  {
    id: 'length-bound-before-counting',
    why:
      'minLength/maxLength count code points (ucs2length), a scan of the whole string. A string of `length` code ' +
      'units has between length/2 and length code points, so `length <= max` proves maxLength holds and ' +
      '`length >= 2 * min` proves minLength holds without the scan; only strings near a bound are counted.',
    rewriteIn: (code) => {
      const count = UCS2LENGTH_IMPORT.exec(code)?.[1];
      if (count === undefined) return null;
      return {
        pattern: new RegExp(`\\b${count}\\((data\\d*)\\) ([<>]) (\\d+)(?![\\w.])`),
        replacement: (data, operator, bound) =>
          operator === '>'
            ? `(${data}.length > ${bound} && ${count}(${data}) > ${bound})`
            : `(${data}.length < ${2 * Number(bound)} && ${count}(${data}) < ${bound})`,
      };
    },
  },
  {
    id: 'shared-empty-options',
    why:
      'Each validator function takes its options as `{instancePath="", …, rootData=data}={}`: a call without them ' +
      '(every call from the runtime) allocates an empty object to destructure. A frozen empty object made once ' +
      'destructures alike: no own properties, Object.prototype behind it, as a fresh `{}` has.',
    rewriteIn: () => ({
      pattern: /(\{instancePath="", parentData, parentDataProperty, rootData=data\})=\{\}\)\{/,
      replacement: (parameters) => `${parameters}=${NO_OPTIONS}){`,
      declaration: `const ${NO_OPTIONS} = Object.freeze({});`,
    }),
  },
];

/** Not one of ajv's names, which are a prefix and a counter (validate0, func3, …) or fixed words (data, errors). */
const NO_OPTIONS = 'noValidateOptions';

/** ajv's standalone code for one module with every tuning applied (code inside string literals is never touched). */
export function tuneValidatorCode(code: string): string {
  let tuned = code;
  for (const tuning of TUNINGS) {
    const rewrite = tuning.rewriteIn(tuned);
    if (rewrite === null) continue;
    const scan = new RegExp(`${STRING_LITERAL}|${rewrite.pattern.source}`, 'g');
    let rewritten = false;
    tuned = tuned.replace(scan, (match: string, ...rest: unknown[]) => {
      if (match.startsWith('"')) return match;
      rewritten = true;
      return rewrite.replacement(...(rest.slice(0, -2) as string[]));
    });
    if (rewritten && rewrite.declaration !== undefined) tuned = withDeclaration(tuned, rewrite.declaration);
  }
  return tuned;
}

/** `declaration` after the module's `"use strict";` (which must stay its first statement), else first. */
function withDeclaration(code: string, declaration: string): string {
  const directive = /^"use strict";/.exec(code)?.[0] ?? '';
  return `${directive}${declaration}\n${code.slice(directive.length)}`;
}
