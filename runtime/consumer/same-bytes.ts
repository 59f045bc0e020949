// Byte equality for the short strings the consumer decodes once and then recognises (header names, repeating
// header values): a loop in JavaScript, because for a few dozen bytes the native call of `Buffer.equals` costs
// more than comparing them.

/** Whether `known` and `bytes` hold the same bytes. */
export function sameBytes(known: Uint8Array, bytes: Uint8Array): boolean {
  const length = known.length;
  if (bytes.length !== length) return false;
  for (let at = 0; at < length; at++) if (known[at] !== bytes[at]) return false;
  return true;
}
