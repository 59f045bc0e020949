// What schema-registry integration tests need: the real registry's URL, a client on it, and
// subject names of their own (the registry lives for the whole run).

import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { SchemaRegistryClient } from '../../runtime/schema-registry/client.js';

/** The Confluent-compatible API of the test registry, e.g. `http://127.0.0.1:40123/apis/ccompat/v7`. */
export function registryUrl(): string {
  const url = inject('schemaRegistryUrl');
  if (!url) throw new Error('No schema registry: run the `registry` vitest project (its global setup starts one)');
  return url;
}

export function registryClient(): SchemaRegistryClient {
  return new SchemaRegistryClient({ url: registryUrl(), timeoutMs: 10_000 });
}

/** A name prefix no other test uses: `<prefix>-<random>`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
