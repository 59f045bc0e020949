// A dead-letter record as people and tools look at it: where it came from, why it failed, what it
// carries — read from any header family (evc, Spring Kafka, Kafka Connect).
import type { KafkaMessage } from 'kafkajs';
import {
  readDeadLetterHeaders,
  isDeadLetterHeader,
  type DeadLetterInfo,
  type RawHeaders,
} from '../dead-letter-format/dead-letter-headers.js';
import { setOwnProperty } from '../../contract-conventions/own-properties.js';
import { lastHeaderBytes } from '../header-values.js';
import { CE_TYPE, EVC_REPLAY_COUNT } from '../../contract-conventions/headers.js';
import { parseReplayCount } from '../consumer/header-decoder.js';

export interface DeadLetterEntry {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Kafka timestamp of the dead-letter record (ms since the epoch): when it was dead-lettered. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  /** The headers the original record carried (dead-letter headers removed), as bytes. */
  readonly originalHeaders: Readonly<Record<string, Buffer>>;
  /** Why and from where, or undefined when the record has no dead-letter headers of a known family. */
  readonly deadLetter: DeadLetterInfo | undefined;
  /** The message name recorded at dead-lettering, else the `ce_type` header. */
  readonly messageType: string | undefined;
  /** `evc_replay_count` of the record (0 when never replayed). */
  readonly replayCount: number;
}

export function deadLetterEntry(topic: string, partition: number, message: KafkaMessage): DeadLetterEntry {
  const raw: RawHeaders = message.headers ?? {};
  const originalHeaders: Record<string, Buffer> = {};
  for (const name of Object.keys(raw)) {
    if (isDeadLetterHeader(name)) continue;
    const last = lastHeaderBytes(raw[name]);
    if (last !== undefined) setOwnProperty(originalHeaders, name, last);
  }
  const deadLetter = readDeadLetterHeaders(raw);
  const replayHeader = originalHeaders[EVC_REPLAY_COUNT];
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    key: message.key ?? null,
    value: message.value,
    originalHeaders,
    deadLetter,
    messageType: deadLetter?.messageType ?? originalHeaders[CE_TYPE]?.toString('utf8'),
    replayCount: replayHeader === undefined ? 0 : parseReplayCount(replayHeader.toString('utf8')),
  };
}
