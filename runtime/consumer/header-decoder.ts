// Record headers (bytes) to the strings a contract's header schema describes. Runtime-owned
// headers (ce_*, content-type, evc_*) are read into metadata and kept out of the application's
// headers, mirroring the sender, which adds them on top of the application's.
import type { EventMetadata } from '../contract.js';
import { EventDecodeError } from '../errors.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import {
  CE_ID,
  CE_SOURCE,
  CE_TIME,
  CE_TYPE,
  EVC_CONTRACT_VERSION,
  EVC_REPLAY_COUNT,
  RUNTIME_HEADER_NAMES,
} from '../../contract-conventions/headers.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
  for (const name of Object.keys(headers)) {
    const bytes = headers[name];
    if (bytes === undefined) continue;
    if (!RUNTIME_HEADER_NAMES.has(name)) {
      const value = tryUtf8(bytes);
      if (value !== undefined) setOwnProperty(application, name, value);
      continue;
    }
    // Runtime headers decide routing and dedup: a malformed one is a malformed record.
    const value = tryUtf8(bytes);
    if (value === undefined) throw new EventDecodeError('headers', 'not-utf8', `header ${name} is not valid UTF-8`);
    if (name === CE_TYPE) messageType = value;
    else if (name === CE_ID) id = value;
    else if (name === CE_SOURCE) source = value;
    else if (name === CE_TIME) time = value;
    else if (name === EVC_CONTRACT_VERSION) contractVersion = value;
    else if (name === EVC_REPLAY_COUNT) replayCount = parseReplayCount(value);
  }
  return { application, messageType, metadata: { id, source, time, contractVersion, replayCount } };
}

export function parseReplayCount(value: string): number {
  const count = Number.parseInt(value, 10);
  return Number.isSafeInteger(count) && count >= 0 ? count : 0;
}

function tryUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
