// Record headers (bytes) to the strings a contract's header schema describes. Runtime-owned
// headers (ce_*, content-type, evc_*) are read into metadata and kept out of the application's
// headers, mirroring the sender, which adds them on top of the application's.
import type { EventMetadata } from '../contract.js';
import { EventDecodeError } from '../errors.js';
import { strictUtf8 } from './json-decoder.js';
import { sameBytes } from './same-bytes.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import {
  CE_ID,
  CE_SOURCE,
  CE_SPECVERSION,
  CE_TIME,
  CE_TYPE,
  CONTENT_TYPE,
  EVC_CONTRACT_VERSION,
  EVC_REPLAY_COUNT,
  RUNTIME_HEADER_NAMES,
} from '../../contract-conventions/headers.js';

/** The metadata field a runtime header fills (the others are read elsewhere: retry and replay addressing). */
type MetadataField = 'messageType' | 'id' | 'source' | 'time' | 'contractVersion' | 'replayCount' | undefined;

const FIELDS: ReadonlyMap<string, MetadataField> = new Map<string, MetadataField>([
  [CE_TYPE, 'messageType'],
  [CE_ID, 'id'],
  [CE_SOURCE, 'source'],
  [CE_TIME, 'time'],
  [EVC_CONTRACT_VERSION, 'contractVersion'],
  [EVC_REPLAY_COUNT, 'replayCount'],
]);

/**
 * Runtime headers whose value is the same record after record (one producer, message type, contract version):
 * the last value of each is kept, and bytes equal to it are not decoded again. Decoding a short value is a native
 * call, about as costly as comparing a few hundred bytes in JavaScript.
 */
const REPEATING_VALUES: ReadonlySet<string> = new Set([
  CE_SPECVERSION,
  CE_SOURCE,
  CE_TYPE,
  CONTENT_TYPE,
  EVC_CONTRACT_VERSION,
]);
/** Longer values are decoded each time (the contract's own values are short). */
const LONGEST_KEPT_VALUE = 64;

interface KeptValue {
  /** A copy: a record's bytes may be a view into a whole fetch response, which must not be kept alive. */
  readonly bytes: Buffer;
  readonly text: string;
}

/** What the decoder knows of one runtime header: one lookup per header and record tells all of it. */
interface RuntimeHeader {
  readonly field: MetadataField;
  readonly repeats: boolean;
  /** The last value, when it `repeats`. */
  last: KeptValue | undefined;
}

const RUNTIME_HEADERS = new Map<string, RuntimeHeader>(
  [...RUNTIME_HEADER_NAMES].map((name) => [
    name,
    { field: FIELDS.get(name), repeats: REPEATING_VALUES.has(name), last: undefined },
  ]),
);

export interface DecodedHeaders {
  /** Application headers as strings; values that are not UTF-8 are left out (they cannot be typed as strings). */
  readonly application: Record<string, string>;
  /** The message type the record claims in `ce_type`, if any. */
  readonly messageType: string | undefined;
  readonly metadata: EventMetadata;
}

export function decodeHeaders(headers: Readonly<Record<string, Buffer>>): DecodedHeaders {
  const application: Record<string, string> = {};
  let messageType: string | undefined;
  let id: string | undefined;
  let source: string | undefined;
  let time: string | undefined;
  let contractVersion: string | undefined;
  let replayCount = 0;
  // for…in with an own-property check: Object.keys would allocate an array per record.
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const bytes = headers[name];
    if (bytes === undefined) continue;
    const runtime = RUNTIME_HEADERS.get(name);
    if (runtime === undefined) {
      const value = tryUtf8(bytes);
      if (value !== undefined) setOwnProperty(application, name, value);
      continue;
    }
    // Runtime headers decide routing and dedup: a malformed one is a malformed record.
    const value = runtime.repeats ? repeatingValue(runtime, bytes) : tryUtf8(bytes);
    if (value === undefined) throw new EventDecodeError('headers', 'not-utf8', `header ${name} is not valid UTF-8`);
    switch (runtime.field) {
      case 'messageType':
        messageType = value;
        break;
      case 'id':
        id = value;
        break;
      case 'source':
        source = value;
        break;
      case 'time':
        time = value;
        break;
      case 'contractVersion':
        contractVersion = value;
        break;
      case 'replayCount':
        replayCount = parseReplayCount(value);
        break;
      case undefined:
        break;
    }
  }
  return { application, messageType, metadata: { id, source, time, contractVersion, replayCount } };
}

export function parseReplayCount(value: string): number {
  const count = Number.parseInt(value, 10);
  return Number.isSafeInteger(count) && count >= 0 ? count : 0;
}

/** The value as tryUtf8 decodes it, from the last value of the header when the bytes are the same. */
function repeatingValue(header: RuntimeHeader, bytes: Buffer): string | undefined {
  const kept = header.last;
  if (kept !== undefined && sameBytes(kept.bytes, bytes)) return kept.text;
  const text = tryUtf8(bytes);
  if (text !== undefined && bytes.length <= LONGEST_KEPT_VALUE) header.last = { bytes: Buffer.from(bytes), text };
  return text;
}

const BYTE_ORDER_MARK = 0xfeff;

/**
 * A header value as a strict WHATWG decoder gives it (`new TextDecoder('utf-8', { fatal: true })`, which drops a
 * leading byte order mark), or undefined when it is not UTF-8. Buffer decoding is a cheaper native call than
 * TextDecoder, and no exception is thrown and caught for a value that is not UTF-8.
 */
function tryUtf8(bytes: Buffer): string | undefined {
  const text = strictUtf8(bytes);
  return text !== undefined && text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
}
