// One HTTP exchange with a schema registry: JSON in and out, the connection's credentials, CA and
// timeout, retries with exponential backoff (and full jitter) on 5xx and 429, and every failure
// turned into a SchemaRegistryError that says what to do. Credentials never reach an error message.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { backOff } from 'exponential-backoff';
import {
  DEFAULT_REGISTRY_RETRIES,
  DEFAULT_REGISTRY_TIMEOUT_MS,
  redactRegistryText,
  type RegistryConnection,
} from './connection.js';
import { SchemaRegistryError, type RegistryErrorKind } from './errors.js';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
/** Answers larger than this are not a registry's (a schema list of a big registry is a few MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RegistryExchange {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under the connection URL, starting with `/`; segments already encoded. */
  readonly path: string;
  readonly body?: unknown;
}

interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Sends one request (retrying 5xx/429) and returns the parsed JSON answer of a 2xx. */
export async function registryRequest<T>(connection: RegistryConnection, exchange: RegistryExchange): Promise<T> {
  const retries = connection.retries ?? DEFAULT_REGISTRY_RETRIES;
  const answer = await backOff(() => attempt(connection, exchange), {
    numOfAttempts: retries + 1,
    startingDelay: connection.retryDelayMs ?? 200,
    maxDelay: 5_000,
    jitter: 'full',
    retry: (error: unknown) => error instanceof RetriableAnswer,
  }).catch((error: unknown) => {
    if (error instanceof RetriableAnswer) return error.answer;
    throw error;
  });
  return interpret<T>(connection, exchange, answer);
}

/** A 5xx/429 answer, thrown so the backoff retries it; the last one is interpreted as an error. */
class RetriableAnswer extends Error {
  constructor(readonly answer: RawAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

function where(connection: RegistryConnection, exchange: RegistryExchange): string {
  return `${exchange.method} ${connection.url}${exchange.path}`;
}

function attempt(connection: RegistryConnection, exchange: RegistryExchange): Promise<RawAnswer> {
  const url = new URL(`${connection.url}${exchange.path}`);
  const timeoutMs = connection.timeoutMs ?? DEFAULT_REGISTRY_TIMEOUT_MS;
  const body = exchange.body === undefined ? undefined : Buffer.from(JSON.stringify(exchange.body));
  const headers: Record<string, string> = { Accept: `${CONTENT_TYPE}, application/json` };
  if (body !== undefined) {
    headers['Content-Type'] = CONTENT_TYPE;
    headers['Content-Length'] = String(body.length);
  }
  const auth = connection.auth;
  if (auth?.kind === 'basic')
    headers['Authorization'] = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  if (auth?.kind === 'bearer') headers['Authorization'] = `Bearer ${auth.token}`;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (error: SchemaRegistryError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = send(
      url,
      { method: exchange.method, headers, ...(connection.ca !== undefined ? { ca: connection.ca } : {}) },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES)
            return fail(
              new SchemaRegistryError('not-a-registry', `${where(connection, exchange)} answered more than 64 MiB`, {
                hint: 'check that the URL is the registry API',
              }),
            );
          chunks.push(chunk);
        });
        res.on('error', (error) => fail(transportError(connection, exchange, error)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const answer: RawAnswer = {
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          };
          if (answer.status >= 500 || answer.status === 429) reject(new RetriableAnswer(answer));
          else resolve(answer);
        });
      },
    );
    const timer = setTimeout(
      () =>
        fail(
          new SchemaRegistryError(
            'timeout',
            `${where(connection, exchange)}: no answer within ${timeoutMs} ms (the registry is slow or hanging)`,
            {
              hint: 'check that the registry is healthy; raise the limit with EVC_REGISTRY_TIMEOUT_MS if it is only slow',
            },
          ),
        ),
      timeoutMs,
    );
    req.on('error', (error) => fail(transportError(connection, exchange, error)));
    req.end(body);
  });
}

function transportError(connection: RegistryConnection, exchange: RegistryExchange, error: Error): SchemaRegistryError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const tls = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(`${code} ${error.message}`);
  return new SchemaRegistryError(
    'unreachable',
    `${where(connection, exchange)}: ${redactRegistryText(error.message, connection)}${code && !error.message.includes(code) ? ` (${code})` : ''}`,
    {
      hint: tls
        ? "the registry's certificate is not trusted: set EVC_REGISTRY_CA_FILE to the PEM of the CA that signed it"
        : code === 'ECONNREFUSED'
          ? 'nothing listens there: is the registry running, and is the port right?'
          : code === 'ENOTFOUND'
            ? 'the host name does not resolve: check the registry URL'
            : 'check the registry URL and that the registry is reachable from here',
    },
  );
}

interface ConfluentErrorBody {
  readonly error_code?: unknown;
  readonly message?: unknown;
}

function interpret<T>(connection: RegistryConnection, exchange: RegistryExchange, answer: RawAnswer): T {
  const at = where(connection, exchange);
  const text = redactRegistryText(answer.text, connection);
  const looksHtml = /html/i.test(answer.contentType) || /^\s*</.test(text);
  if (looksHtml)
    throw new SchemaRegistryError(
      'not-a-registry',
      `${at} answered HTML (HTTP ${answer.status}), not the registry's JSON: ${excerpt(text)}`,
      {
        status: answer.status,
        hint: 'the URL must be the Confluent-compatible API root (for Apicurio: http://host:port/apis/ccompat/v7); a login page means a proxy wants other credentials',
      },
    );
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? null : JSON.parse(text);
  } catch {
    throw new SchemaRegistryError(
      'not-a-registry',
      `${at} answered something that is not JSON (HTTP ${answer.status}): ${excerpt(text)}`,
      { status: answer.status, hint: 'check that the URL is the registry API root' },
    );
  }
  if (answer.status >= 200 && answer.status < 300) return parsed as T;
  const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as ConfluentErrorBody;
  const errorCode = typeof body.error_code === 'number' ? body.error_code : undefined;
  const registryMessage =
    typeof body.message === 'string' ? body.message : text.length > 0 ? excerpt(text) : `HTTP ${answer.status}`;
  const [kind, hint] = classify(answer.status, errorCode);
  throw new SchemaRegistryError(
    kind,
    `${at} failed (HTTP ${answer.status}${errorCode ? `, error ${errorCode}` : ''}): ${registryMessage}`,
    {
      status: answer.status,
      ...(errorCode !== undefined ? { errorCode } : {}),
      registryMessage,
      hint,
    },
  );
}

function classify(status: number, errorCode: number | undefined): [RegistryErrorKind, string] {
  if (status === 401)
    return [
      'unauthorized',
      'the registry wants credentials: set EVC_REGISTRY_USERNAME and EVC_REGISTRY_PASSWORD, or EVC_REGISTRY_TOKEN (check they are current)',
    ];
  if (status === 403)
    return [
      'forbidden',
      'these credentials may not do this: ask the registry admins for write access to the subjects (or use read-only commands)',
    ];
  if (status === 404)
    return [
      'not-found',
      errorCode === undefined
        ? 'the path does not exist: check that the URL is the API root (for Apicurio: …/apis/ccompat/v7)'
        : 'the subject, version or schema id does not exist in this registry',
    ];
  if (status === 409)
    return [
      'incompatible',
      "the change breaks the subject's compatibility level: evolve the schema compatibly, or register under a new subject",
    ];
  if (status === 422) return ['invalid', 'the registry cannot read this schema or level: see its message'];
  if (status === 429 || status >= 500)
    return ['server', 'the registry is failing or overloaded: try again later, or ask its operators'];
  return ['invalid', 'unexpected answer: check the registry URL and version'];
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}
