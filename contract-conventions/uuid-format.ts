// The `uuid` format check: exactly what ajv-formats' full format accepts. Generated validators call it through the
// runtime's `validatorFormats`, and validators compiled at run time through the generator's ajv, so both judge
// alike; a property test (test/unit/contract-conventions/uuid-format.test.ts) pins it to ajv-formats' expression.
// It is that expression: a hand-written character scan used here before measured slower than V8's compiled
// regular expression on the strings JSON.parse makes (155 vs 100 ns per uuid on Node 20, 130 vs 107 ns on Node 24,
// 1,000,000 checks of parsed uuids in one process).

const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** Whether `text` is a UUID in its hyphenated hex form, optionally prefixed with `urn:uuid:` (any letter case). */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
