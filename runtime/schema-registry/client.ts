// The subset of the Confluent Schema Registry REST API that evc uses (checked against Apicurio 3.3.3
// through /apis/ccompat/v7): subjects, versions, register, lookup, compatibility, levels, ids.

import type { RegistryConnection } from './connection.js';
import { SchemaRegistryError } from './errors.js';
import { registryRequest } from './http.js';
import { schemaTypeOf, type SchemaType } from './schema-type.js';

export interface RegisteredSchema {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  /** The schema text as the registry stores it. */
  readonly schema: string;
  readonly schemaType: SchemaType;
}

/** What is sent to register, look up or test a schema: the schema as text (always a string on the wire). */
export interface SchemaSubmission {
  readonly schemaType: SchemaType;
  readonly schema: string;
}

const segment = (text: string): string => encodeURIComponent(text);

interface VersionAnswer {
  readonly subject?: unknown;
  readonly version?: unknown;
  readonly id?: unknown;
  readonly schema?: unknown;
  readonly schemaType?: unknown;
}

export class SchemaRegistryClient {
  constructor(readonly connection: RegistryConnection) {}

  listSubjects(): Promise<string[]> {
    return registryRequest<string[]>(this.connection, { method: 'GET', path: '/subjects' });
  }

  /** Version numbers of a subject, ascending; `[]` when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      const versions = await registryRequest<number[]>(this.connection, {
        method: 'GET',
        path: `/subjects/${segment(subject)}/versions`,
      });
      return [...versions].sort((a, b) => a - b);
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.details.errorCode === 40401) return [];
      throw error;
    }
  }

  async version(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const answer = await registryRequest<VersionAnswer>(this.connection, {
      method: 'GET',
      path: `/subjects/${segment(subject)}/versions/${version}`,
    });
    return registered(answer, subject);
  }

  /** The id of `schema` under `subject`, or undefined when the subject does not hold it (40401/40403). */
  async lookup(subject: string, schema: SchemaSubmission): Promise<RegisteredSchema | undefined> {
    try {
      const answer = await registryRequest<VersionAnswer>(this.connection, {
        method: 'POST',
        path: `/subjects/${segment(subject)}`,
        body: schema,
      });
      return registered({ schemaType: schema.schemaType, ...answer }, subject);
    } catch (error) {
      if (
        error instanceof SchemaRegistryError &&
        (error.details.errorCode === 40401 || error.details.errorCode === 40403)
      )
        return undefined;
      throw error;
    }
  }

  /** Registers `schema` under `subject` (the same schema again answers its existing id). */
  async register(subject: string, schema: SchemaSubmission): Promise<number> {
    const answer = await registryRequest<{ id?: unknown }>(this.connection, {
      method: 'POST',
      path: `/subjects/${segment(subject)}/versions`,
      body: schema,
    });
    if (typeof answer.id !== 'number') throw malformed(this.connection, 'register', answer);
    return answer.id;
  }

  /** The registry's own verdict: is `schema` compatible with `version` (or every version) of `subject`? */
  async isCompatible(subject: string, schema: SchemaSubmission, version: number | 'latest' | 'all'): Promise<boolean> {
    const path =
      version === 'all'
        ? `/compatibility/subjects/${segment(subject)}/versions`
        : `/compatibility/subjects/${segment(subject)}/versions/${version}`;
    const answer = await registryRequest<{ is_compatible?: unknown }>(this.connection, {
      method: 'POST',
      path,
      body: schema,
    });
    if (typeof answer.is_compatible !== 'boolean') throw malformed(this.connection, 'compatibility', answer);
    return answer.is_compatible;
  }

  /** The subject's own level, or undefined when it has none (Confluent 40408; Apicurio answers its default). */
  async subjectLevel(subject: string): Promise<string | undefined> {
    try {
      const answer = await registryRequest<{ compatibilityLevel?: unknown; compatibility?: unknown }>(this.connection, {
        method: 'GET',
        path: `/config/${segment(subject)}`,
      });
      const level = answer.compatibilityLevel ?? answer.compatibility;
      return typeof level === 'string' ? level : undefined;
    } catch (error) {
      if (
        error instanceof SchemaRegistryError &&
        (error.details.errorCode === 40408 || error.details.errorCode === 40401)
      )
        return undefined;
      throw error;
    }
  }

  async setSubjectLevel(subject: string, level: string): Promise<void> {
    await registryRequest(this.connection, {
      method: 'PUT',
      path: `/config/${segment(subject)}`,
      body: { compatibility: level },
    });
  }

  async globalLevel(): Promise<string | undefined> {
    const answer = await registryRequest<{ compatibilityLevel?: unknown }>(this.connection, {
      method: 'GET',
      path: '/config',
    });
    return typeof answer.compatibilityLevel === 'string' ? answer.compatibilityLevel : undefined;
  }

  async schemaById(id: number): Promise<{ schema: string; schemaType: SchemaType }> {
    const answer = await registryRequest<{ schema?: unknown; schemaType?: unknown }>(this.connection, {
      method: 'GET',
      path: `/schemas/ids/${id}`,
    });
    if (typeof answer.schema !== 'string') throw malformed(this.connection, 'schema by id', answer);
    return { schema: answer.schema, schemaType: schemaTypeOf(answer.schemaType, answer.schema) };
  }

  /** Subjects (with versions) that hold schema `id`. */
  async subjectsOfId(id: number): Promise<{ subject: string; version: number }[]> {
    return registryRequest<{ subject: string; version: number }[]>(this.connection, {
      method: 'GET',
      path: `/schemas/ids/${id}/versions`,
    });
  }

  /** Soft then hard delete (tests and clean-ups). */
  async deleteSubject(subject: string): Promise<void> {
    await registryRequest(this.connection, { method: 'DELETE', path: `/subjects/${segment(subject)}` });
    await registryRequest(this.connection, { method: 'DELETE', path: `/subjects/${segment(subject)}?permanent=true` });
  }
}

function registered(answer: VersionAnswer, subject: string): RegisteredSchema {
  const schema = typeof answer.schema === 'string' ? answer.schema : '';
  return {
    subject: typeof answer.subject === 'string' ? answer.subject : subject,
    version: typeof answer.version === 'number' ? answer.version : 0,
    id: typeof answer.id === 'number' ? answer.id : 0,
    schema,
    schemaType: schemaTypeOf(answer.schemaType, schema),
  };
}

function malformed(connection: RegistryConnection, what: string, answer: unknown): SchemaRegistryError {
  return new SchemaRegistryError(
    'not-a-registry',
    `${connection.url}: the ${what} answer is not what a schema registry sends: ${JSON.stringify(answer).slice(0, 160)}`,
    { hint: 'check that the URL is the Confluent-compatible API root' },
  );
}
