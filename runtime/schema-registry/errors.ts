// Typed errors of the schema-registry client: callers decide by `kind` (and `retriable`), never by
// message text, and every message says what to do. Messages never hold credentials: the client
// redacts them before an error is built (see connection.ts).

export type RegistryErrorKind =
  /** 401: no or wrong credentials. */
  | 'unauthorized'
  /** 403: the credentials may not do this. */
  | 'forbidden'
  /** 404 / 40401 / 40402 / 40403: subject, version or schema unknown (also a wrong base URL). */
  | 'not-found'
  /** 409: the registry refuses the schema as incompatible with the subject's level. */
  | 'incompatible'
  /** 422 / 422xx: the registry cannot parse the schema or the level. */
  | 'invalid'
  /** The answer is HTML or not JSON: not a registry API (a login page, a proxy, the UI). */
  | 'not-a-registry'
  /** No connection: refused, unknown host, TLS failure. */
  | 'unreachable'
  /** No answer within the request timeout. */
  | 'timeout'
  /** 5xx or 429 after the retries. */
  | 'server'
  /** A subject holds schemas of another type (AVRO, PROTOBUF) than the JSON evc registers. */
  | 'schema-type';

export class SchemaRegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly details: {
      readonly status?: number;
      /** Confluent `error_code` (40401, 42201, …) when the registry sent one. */
      readonly errorCode?: number;
      /** The registry's own message, redacted. */
      readonly registryMessage?: string;
      readonly hint?: string;
    } = {},
  ) {
    super(details.hint ? `${message}\nHint: ${details.hint}` : message);
    this.name = 'SchemaRegistryError';
  }

  /** Worth trying again later: the registry was down, slow or overloaded. */
  get retriable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'timeout' || this.kind === 'server';
  }
}
