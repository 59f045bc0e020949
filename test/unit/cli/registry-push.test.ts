// `evc registry push` and `evc check --against-registry` when the registry cannot be used: down,
// hanging, asking for other credentials, or answering HTML. Each is one clear message and exit 2.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../generator/cli/main.js';

const servers: Server[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(status: number, contentType: string, body: string | undefined): Promise<string> {
  const server = createServer((_req, res) => {
    if (body === undefined) return; // hang
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function evc(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd: process.cwd(), stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
  return { code, out, err };
}

describe('registry commands against an unusable registry', () => {
  it('down: exit 2, nothing pushed, says so', async () => {
    const url = await serve(200, 'application/json', '[]');
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const push = await evc(['registry', 'push', '--registry-url', url]);
    expect(push.code).toBe(2);
    expect(push.out).toMatch(/STOPPED at invoicing\.events-key: GET .*ECONNREFUSED/);
    expect(push.out).toContain('Done before the failure: 0 registered, 0 unchanged, 0 refused');
    const check = await evc(['check', '--against-registry', url]);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/evc check: .*ECONNREFUSED[\s\S]*Hint: nothing listens there/);
  });

  it('slow: the timeout from EVC_REGISTRY_TIMEOUT_MS, exit 2', async () => {
    vi.stubEnv('EVC_REGISTRY_TIMEOUT_MS', '200');
    const url = await serve(200, 'application/json', undefined);
    const push = await evc(['registry', 'push', '--registry-url', url, '--format', 'json']);
    expect(push.code).toBe(2);
    expect(JSON.parse(push.out)).toMatchObject({ failure: { kind: 'timeout', subject: 'invoicing.events-key' } });
    expect(push.err).toContain('no answer within 200 ms');
  });

  it('wrong credentials: exit 2, the password never printed', async () => {
    vi.stubEnv('EVC_REGISTRY_USERNAME', 'ci');
    vi.stubEnv('EVC_REGISTRY_PASSWORD', 'wr0ng-Passw0rd');
    const url = await serve(401, 'application/json', '{"error_code":40101,"message":"Unauthorized"}');
    const push = await evc(['registry', 'push', '--registry-url', url]);
    expect(push.code).toBe(2);
    expect(push.out).toContain('EVC_REGISTRY_USERNAME');
    expect(push.out + push.err).not.toContain('wr0ng-Passw0rd');
  });

  it('HTML: exit 2, points at the API root', async () => {
    const url = await serve(200, 'text/html', '<html><body>Schema Registry UI</body></html>');
    const check = await evc(['check', '--against-registry', url]);
    expect(check.code).toBe(2);
    expect(check.err).toMatch(/answered HTML[\s\S]*\/apis\/ccompat\/v7/);
  });
});
