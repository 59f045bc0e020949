// The consumer side of the Confluent wire format: a framed value must carry a schema id that the
// registry knows under the subject the record's topic expects (the routes' `wireFormat.subject`,
// else `<topic>-value`); the frame is then stripped and the JSON goes through the usual decode →
// validate. Plain values pass unchanged. An unknown id, an id of another subject, a truncated
// frame, or an id the registry cannot be asked about become a decode error: the record goes to the
// dead-letter topic with the reason, bytes untouched, and can be replayed once the cause is fixed.

import type { ConsumedRecord, ConsumerRoute } from '../contract.js';
import { EventDecodeError } from '../errors.js';
import type { SchemaIdSource } from './schema-ids.js';
import { unframeValue } from './wire-format.js';

export type FrameCheck = (record: ConsumedRecord) => Promise<ConsumedRecord | EventDecodeError>;

export function frameCheck(ids: SchemaIdSource, routes: readonly ConsumerRoute[]): FrameCheck {
  const expected = new Map<string, Set<string>>();
  for (const route of routes) {
    const subject = route.descriptor.wireFormat?.subject;
    if (subject === undefined) continue;
    const set = expected.get(route.descriptor.topic) ?? new Set<string>();
    set.add(subject);
    expected.set(route.descriptor.topic, set);
  }
  const subjectsFor = (topic: string): ReadonlySet<string> => expected.get(topic) ?? new Set([`${topic}-value`]);

  return async (record) => {
    const frame = unframeValue(record.value);
    if (!frame.framed) return record;
    if ('truncated' in frame)
      return new EventDecodeError('payload', 'schema-id', 'a Confluent-framed value shorter than its 5-byte header');
    let holders: readonly string[];
    try {
      holders = await ids.subjectsOf(frame.schemaId);
    } catch (error) {
      return new EventDecodeError(
        'payload',
        'schema-id',
        `schema id ${frame.schemaId} could not be checked with the registry (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
        { cause: error },
      );
    }
    const wanted = subjectsFor(record.topic);
    if (holders.length === 0)
      return new EventDecodeError('payload', 'schema-id', `schema id ${frame.schemaId} is not known to the registry`);
    if (!holders.some((subject) => wanted.has(subject)))
      return new EventDecodeError(
        'payload',
        'schema-id',
        `schema id ${frame.schemaId} belongs to ${holders.join(', ')}, not to ${[...wanted].join(', ')} expected on ${record.topic}`,
      );
    return { ...record, value: frame.payload };
  };
}
