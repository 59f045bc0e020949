// A header as kafkajs gives it: a Buffer, null (a header without a value), a string (headers built in
// this process) or, when a record repeats the name, an array of them. The runtime keeps one value per
// name: the last one.

export type HeaderValue = Buffer | string | null | undefined | readonly (Buffer | string | null)[];

export function lastHeaderValue(value: HeaderValue): Buffer | string | null | undefined {
  if (value === undefined || value === null || typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return value.length === 0 ? undefined : value[value.length - 1];
}

/** The last value as bytes (strings are UTF-8); null stays null. */
export function lastHeaderBytes(value: HeaderValue): Buffer | null | undefined {
  const last = lastHeaderValue(value);
  return typeof last === 'string' ? Buffer.from(last, 'utf8') : last;
}
