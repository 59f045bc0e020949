// registryConnectionFromEnv: a table of environments and what they give, or which variable to fix.

import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeRegistryConnection,
  registryConnectionFromEnv,
} from '../../../../runtime/schema-registry/connection.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'evc-sr-conn-'));
const caFile = path.join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
const notPem = path.join(dir, 'ca.txt');
writeFileSync(notPem, 'hello');

describe('registryConnectionFromEnv', () => {
  it.each([
    [{ EVC_REGISTRY_URL: 'http://sr:8081/' }, { url: 'http://sr:8081' }],
    [
      { EVC_REGISTRY_URL: 'https://sr', EVC_REGISTRY_USERNAME: 'u', EVC_REGISTRY_PASSWORD: 'p' },
      { url: 'https://sr', auth: { kind: 'basic', username: 'u', password: 'p' } },
    ],
    [
      { EVC_REGISTRY_URL: 'https://sr', EVC_REGISTRY_TOKEN: 't' },
      { url: 'https://sr', auth: { kind: 'bearer', token: 't' } },
    ],
    [
      { EVC_REGISTRY_URL: 'https://sr', EVC_REGISTRY_TIMEOUT_MS: '2500' },
      { url: 'https://sr', timeoutMs: 2500 },
    ],
  ])('%j', (env, expected) => {
    expect(registryConnectionFromEnv(env)).toEqual(expected);
  });

  it('reads the CA file', () => {
    expect(registryConnectionFromEnv({ EVC_REGISTRY_URL: 'https://sr', EVC_REGISTRY_CA_FILE: caFile }).ca).toContain(
      'BEGIN CERTIFICATE',
    );
  });

  it('the flag wins over the variable', () => {
    expect(registryConnectionFromEnv({ EVC_REGISTRY_URL: 'http://a' }, { url: 'http://b' }).url).toBe('http://b');
  });

  it.each([
    [{}, /pass --registry-url URL or set EVC_REGISTRY_URL/],
    [{ EVC_REGISTRY_URL: 'sr:8081' }, /must start with http/],
    [{ EVC_REGISTRY_URL: 'http://u:p@sr' }, /holds credentials/],
    [{ EVC_REGISTRY_URL: 'http://sr', EVC_REGISTRY_USERNAME: 'u' }, /EVC_REGISTRY_PASSWORD is not set/],
    [
      {
        EVC_REGISTRY_URL: 'http://sr',
        EVC_REGISTRY_TOKEN: 't',
        EVC_REGISTRY_USERNAME: 'u',
        EVC_REGISTRY_PASSWORD: 'p',
      },
      /not both/,
    ],
    [
      { EVC_REGISTRY_URL: 'http://sr', EVC_REGISTRY_CA_FILE: '/nonexistent/ca.pem' },
      /EVC_REGISTRY_CA_FILE: cannot read/,
    ],
    [{ EVC_REGISTRY_URL: 'http://sr', EVC_REGISTRY_CA_FILE: notPem }, /holds no PEM/],
    [{ EVC_REGISTRY_URL: 'http://sr', EVC_REGISTRY_TIMEOUT_MS: 'soon' }, /EVC_REGISTRY_TIMEOUT_MS must be/],
  ])('refuses %j', (env, message) => {
    expect(() => registryConnectionFromEnv(env)).toThrow(message);
  });

  it('describes a connection without its secrets', () => {
    const text = describeRegistryConnection(
      registryConnectionFromEnv({
        EVC_REGISTRY_URL: 'https://sr',
        EVC_REGISTRY_USERNAME: 'ci',
        EVC_REGISTRY_PASSWORD: 'hunter2',
      }),
    );
    expect(text).toBe('url=https://sr auth=basic(user="ci" password=[redacted]) tls=on(ca=system) timeout=10000ms');
  });
});
