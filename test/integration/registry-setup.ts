// Global setup of the `registry` vitest project: one real Apicurio Registry 3.3.3 (in memory) for
// the schema-registry tests, started once per run (it takes 6–25 s on a busy machine) and stopped
// in teardown. EVC_TEST_REGISTRY_URL=http://host:port (the registry's root URL, e.g. from
// `npm run registry:start`) points the tests at a running one instead. Tests read the Confluent API
// URL with `registryUrl()` from ./schema-registry.ts.

import type { TestProject } from 'vitest/node';
import { APICURIO_VERSION, CCOMPAT_PATH, registryAppCached, startRegistry } from '../../scripts/registry/registry.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Confluent-compatible API of the registry the tests run against. */
    schemaRegistryUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.EVC_TEST_REGISTRY_URL?.trim();
  if (given) {
    project.provide('schemaRegistryUrl', `${given.replace(/\/+$/, '')}${CCOMPAT_PATH}`);
    return undefined;
  }
  if (!registryAppCached())
    process.stderr.write(`[registry] downloading Apicurio Registry ${APICURIO_VERSION} with Maven (first run only)…\n`);
  const registry = await startRegistry();
  project.provide('schemaRegistryUrl', registry.ccompatUrl);
  const { appMs, readyMs } = registry.timings;
  process.stderr.write(
    `[registry] Apicurio Registry ${registry.url} (pid ${registry.pid}) ready in ${(readyMs / 1000).toFixed(1)} s` +
      `${appMs > 1_000 ? ` (download ${(appMs / 1000).toFixed(1)} s)` : ''}\n`,
  );
  return () => registry.stop();
}
