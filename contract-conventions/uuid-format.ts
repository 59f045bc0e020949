// The `uuid` format check: exactly what ajv-formats' full format accepts
// (/^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i), without a case-insensitive regular expression,
// which cost ~0.1 µs per value in the consume profile (issue 15); ids, correlation ids and causation ids are uuids,
// so it runs several times per event. Generated validators call it through the runtime's `validatorFormats`, and
// validators compiled at run time through the generator's ajv, so both judge alike; a property test
// (test/unit/contract-conventions/uuid-format.test.ts) pins it to the regular expression.

const URN_PREFIX = 'urn:uuid:';
const UUID_LENGTH = 36;
const HYPHEN = 0x2d;

/** Whether `text` is a UUID in its hyphenated hex form, optionally prefixed with `urn:uuid:` (any letter case). */
export function isUuid(text: string): boolean {
  let at = 0;
  if (text.length === URN_PREFIX.length + UUID_LENGTH) {
    if (!hasUrnPrefix(text)) return false;
    at = URN_PREFIX.length;
  } else if (text.length !== UUID_LENGTH) return false;
  for (let i = 0; i < UUID_LENGTH; i++) {
    const code = text.charCodeAt(at + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (code !== HYPHEN) return false;
    } else if (!isHexDigit(code)) return false;
  }
  return true;
}

function isHexDigit(code: number): boolean {
  // ASCII letters only: the regular expression's `i` flag (without `u`) never folds other characters into them.
  const lower = code | 0x20;
  return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

function hasUrnPrefix(text: string): boolean {
  for (let i = 0; i < URN_PREFIX.length; i++) {
    const code = text.charCodeAt(i);
    const expected = URN_PREFIX.charCodeAt(i);
    // Letters compare without case; ':' (0x3a) must be itself, and 0x1a (its |0x20 twin) is not ':'.
    if (code !== expected && !(expected >= 0x61 && (code | 0x20) === expected)) return false;
  }
  return true;
}
