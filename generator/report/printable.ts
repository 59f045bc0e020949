// Text from contracts and from records is untrusted on a terminal: control characters (escape
// sequences, carriage returns, line separators) are shown as \uXXXX instead of being acted on.

export function printable(text: string, max = Number.POSITIVE_INFINITY): string {
  const escaped = text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is this function's job
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}
