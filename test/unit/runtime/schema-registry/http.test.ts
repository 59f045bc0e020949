// The schema-registry client's answers to registries that misbehave, on local HTTP servers that
// answer the way real proxies and registries do: down, hanging, 401/403, HTML login pages, 5xx that
// recover, 409/422 bodies. Secrets never appear in an error.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaRegistryClient } from '../../../../runtime/schema-registry/client.js';
import type { RegistryConnection } from '../../../../runtime/schema-registry/connection.js';
import { SchemaRegistryError } from '../../../../runtime/schema-registry/errors.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function rejection(promise: Promise<unknown>): Promise<SchemaRegistryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaRegistryError);
  return error as SchemaRegistryError;
}

async function failure(connection: RegistryConnection): Promise<SchemaRegistryError> {
  const error = await new SchemaRegistryClient(connection).listSubjects().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SchemaRegistryError);
  return error as SchemaRegistryError;
}

const secret = { kind: 'basic', username: 'ci', password: 's3cr3t-Pa55' } as const;

describe('schema-registry client errors', () => {
  it('a registry that is down: unreachable, says to check it runs', async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const error = await failure({ url, retries: 0 });
    expect(error.kind).toBe('unreachable');
    expect(error.retriable).toBe(true);
    expect(error.message).toMatch(/ECONNREFUSED[\s\S]*Hint: nothing listens there/);
  });

  it('a registry that never answers: timeout after the configured time', async () => {
    const url = await serve(() => undefined); // accepts, never responds
    const started = Date.now();
    const error = await failure({ url, timeoutMs: 300, retries: 0 });
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('no answer within 300 ms');
    expect(error.message).toContain('EVC_REGISTRY_TIMEOUT_MS');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('401 and 403 say which credentials to set, and never show them', async () => {
    let seen = '';
    const url = await serve((req, res) => {
      seen = String(req.headers.authorization);
      res.writeHead(req.url === '/subjects' ? 401 : 403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error_code: 40101, message: `bad credentials ${seen}` }));
    });
    const error = await failure({ url, auth: secret });
    expect(seen).toBe(`Basic ${Buffer.from('ci:s3cr3t-Pa55').toString('base64')}`);
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('EVC_REGISTRY_USERNAME');
    expect(error.message).not.toContain('s3cr3t-Pa55');
    expect(error.message).not.toContain(Buffer.from('ci:s3cr3t-Pa55').toString('base64'));
    expect(error.message).toContain('[redacted]');
    const forbidden = await rejection(
      new SchemaRegistryClient({ url, auth: { kind: 'bearer', token: 'tok-123456' } }).register('s', {
        schemaType: 'JSON',
        schema: '{}',
      }),
    );
    expect(forbidden.kind).toBe('forbidden');
    expect(forbidden.message).not.toContain('tok-123456');
  });

  it('an HTML answer (a login page, the UI) is not a registry', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>Sign in</body></html>');
    });
    const error = await failure({ url });
    expect(error.kind).toBe('not-a-registry');
    expect(error.message).toMatch(/answered HTML \(HTTP 200\)[\s\S]*apis\/ccompat\/v7/);
  });

  it('retries 503 and 429 with backoff, then succeeds; gives up after the retries', async () => {
    let calls = 0;
    let recovers = true;
    const url = await serve((_req, res) => {
      calls++;
      const ok = recovers && calls >= 3;
      res.writeHead(ok ? 200 : calls % 2 === 1 ? 503 : 429, { 'content-type': 'application/json' });
      res.end(ok ? '["a-value"]' : '{"error_code":50001,"message":"busy"}');
    });
    expect(await new SchemaRegistryClient({ url, retries: 3, retryDelayMs: 10 }).listSubjects()).toEqual(['a-value']);
    expect(calls).toBe(3);
    calls = 0;
    recovers = false;
    const error = await failure({ url, retries: 2, retryDelayMs: 10 });
    expect(error.kind).toBe('server');
    expect(calls).toBe(3);
  });

  it('409 and 422 keep the registry message and error code', async () => {
    const url = await serve((req, res) => {
      const conflict = req.url?.includes('/versions') ?? false;
      res.writeHead(conflict ? 409 : 422, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
      res.end(
        JSON.stringify({ error_code: conflict ? 409 : 42201, message: conflict ? 'Incompatible' : 'Invalid schema' }),
      );
    });
    const client = new SchemaRegistryClient({ url });
    const conflict = await rejection(client.register('s', { schemaType: 'JSON', schema: '{}' }));
    expect([conflict.kind, conflict.details.registryMessage]).toEqual(['incompatible', 'Incompatible']);
    const invalid = await rejection(client.setSubjectLevel('s', 'SOMETIMES'));
    expect([invalid.kind, invalid.details.errorCode]).toEqual(['invalid', 42201]);
  });
});
