// Schema ids for the wire format, asked of the registry once and cached: the producer's id for its
// (subject, schema) by lookup — never registering from the producer, so only pushed schemas go out —
// and, for the consumer, which subjects an id belongs to.

import { SchemaRegistryClient } from './client.js';
import type { RegistryConnection } from './connection.js';
import { SchemaRegistryError } from './errors.js';
import { schemaTypeOf } from './schema-type.js';

export interface SchemaIdSource {
  /** The id of `schema` under `subject`; rejects when the subject does not hold it. */
  idOf(subject: string, schema: string): Promise<number>;
  /** The subjects that hold schema `id`; empty when the registry does not know the id. */
  subjectsOf(id: number): Promise<readonly string[]>;
}

export function schemaIdSource(registry: SchemaRegistryClient | RegistryConnection): SchemaIdSource {
  const client = registry instanceof SchemaRegistryClient ? registry : new SchemaRegistryClient(registry);
  const ids = new Map<string, Promise<number>>();
  const subjects = new Map<number, Promise<readonly string[]>>();
  // A failed lookup is not cached: the next record asks again (the registry may be back, the schema pushed).
  const remember = <K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const loading = load();
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
    return loading;
  };
  return {
    idOf: (subject, schema) =>
      remember(ids, `${subject}\u0000${schema}`, async () => {
        // The text tells its type: push writes `$schema` into every JSON schema; an Avro schema is AVRO.
        const found = await client.lookup(subject, { schemaType: schemaTypeOf(undefined, schema), schema });
        if (found === undefined)
          throw new SchemaRegistryError(
            'not-found',
            `subject ${subject} does not hold this message's schema, so it has no schema id to frame records with`,
            { hint: 'register the contracts first: evc registry push (producers never register schemas themselves)' },
          );
        return found.id;
      }),
    subjectsOf: (id) =>
      remember(subjects, id, async () => {
        try {
          return (await client.subjectsOfId(id)).map((entry) => entry.subject);
        } catch (error) {
          if (error instanceof SchemaRegistryError && error.kind === 'not-found') return [];
          throw error;
        }
      }),
  };
}
