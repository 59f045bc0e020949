// The length of a string as JSON Schema's minLength/maxLength count it (code points: a surrogate pair is one
// character), for the validators' `ucs2length`. ajv's own counts code unit by code unit in JavaScript, about 1 µs
// for the ~700 characters of a 1 KB event's strings — a fifth of the runtime's work per consumed record (issue 15's
// profile). Most strings hold no surrogate at all, which one native regular-expression scan tells; only those that
// do count their pairs. test/unit/runtime/code-point-length.test.ts pins it against ajv's ucs2length.

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;
/** A high surrogate followed by a low one: one code point (a lone surrogate counts as one character, as in ajv). */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export function codePointLength(text: string): number {
  if (!HIGH_SURROGATE.test(text)) return text.length;
  let pairs = 0;
  SURROGATE_PAIR.lastIndex = 0;
  while (SURROGATE_PAIR.exec(text) !== null) pairs++;
  return text.length - pairs;
}
