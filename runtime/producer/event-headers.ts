// Builds the header set of an outgoing record: the application's headers from the contract plus
// the CloudEvents Kafka binary binding (so any CloudEvents SDK can read our events) and the
// contract version. Constant headers are encoded once per message descriptor, not per record.
import type { MessageDescriptor } from '../contract.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import {
  CE_ID,
  CE_SOURCE,
  CE_SPECVERSION,
  CE_TIME,
  CE_TYPE,
  CLOUDEVENTS_SPEC_VERSION,
  CONTENT_TYPE,
  EVC_CONTRACT_VERSION,
  RUNTIME_HEADER_NAMES,
} from '../../contract-conventions/headers.js';

/** Headers that are the same for every record of one descriptor from one sender. */
export interface ConstantHeaders {
  readonly specversion: Buffer;
  readonly source: Buffer;
  readonly type: Buffer;
  readonly contentType: Buffer;
  readonly contractVersion: Buffer;
}

export function constantHeadersOf(descriptor: MessageDescriptor, source: string | undefined): ConstantHeaders {
  return {
    specversion: SPECVERSION,
    source: Buffer.from(source ?? descriptor.service, 'utf8'),
    type: Buffer.from(descriptor.name, 'utf8'),
    contentType: Buffer.from(descriptor.contentType, 'utf8'),
    contractVersion: Buffer.from(descriptor.contractVersion, 'utf8'),
  };
}

const SPECVERSION = Buffer.from(CLOUDEVENTS_SPEC_VERSION, 'utf8');

/**
 * Application headers first, then the runtime's: a user header can never forge `ce_type` or the
 * contract version, because the runtime's values are written last.
 */
export function buildHeaders(
  constant: ConstantHeaders,
  applicationHeaders: unknown,
  id: string,
  time: string,
): Record<string, Buffer> {
  const headers: Record<string, Buffer> = {};
  if (applicationHeaders !== undefined && applicationHeaders !== null) {
    for (const name of Object.keys(applicationHeaders)) {
      if (RUNTIME_HEADER_NAMES.has(name)) continue;
      const encoded = encodeHeaderValue((applicationHeaders as Record<string, unknown>)[name]);
      if (encoded !== undefined) setOwnProperty(headers, name, encoded);
    }
  }
  headers[CE_SPECVERSION] = constant.specversion;
  headers[CE_ID] = Buffer.from(id, 'utf8');
  headers[CE_SOURCE] = constant.source;
  headers[CE_TYPE] = constant.type;
  headers[CE_TIME] = Buffer.from(time, 'latin1');
  headers[CONTENT_TYPE] = constant.contentType;
  headers[EVC_CONTRACT_VERSION] = constant.contractVersion;
  return headers;
}

/** Header values are strings on the wire; structured values travel as JSON, absent ones not at all. */
export function encodeHeaderValue(value: unknown): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return Buffer.from(String(value), 'utf8');
  return Buffer.from(JSON.stringify(value), 'utf8');
}
