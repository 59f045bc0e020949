// The Confluent wire format of a record value: magic byte 0x00, the schema id as 4 bytes big-endian,
// then the payload (JSON text for JSON Schema). What Java, Python and Go serializers write and
// expect. A plain JSON value never starts with 0x00, so framed and plain records tell themselves apart.

export const MAGIC_BYTE = 0;
export const FRAME_HEADER_BYTES = 5;

/** `0x00` + id + payload. */
export function frameValue(schemaId: number, payload: Buffer): Buffer {
  const framed = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  framed[0] = MAGIC_BYTE;
  framed.writeUInt32BE(schemaId, 1);
  payload.copy(framed, FRAME_HEADER_BYTES);
  return framed;
}

export type Unframed =
  | { readonly framed: false }
  | { readonly framed: true; readonly schemaId: number; readonly payload: Buffer }
  | { readonly framed: true; readonly truncated: true };

/** Reads the frame of a value, if it has one. */
export function unframeValue(value: Buffer | null): Unframed {
  if (value === null || value.length === 0 || value[0] !== MAGIC_BYTE) return { framed: false };
  if (value.length < FRAME_HEADER_BYTES) return { framed: true, truncated: true };
  return { framed: true, schemaId: value.readUInt32BE(1), payload: value.subarray(FRAME_HEADER_BYTES) };
}
