import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const runtimeEntry = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));

// Six projects: `unit` (pure logic, in-memory transport, no broker), `package` (the packed tarball), `browser` (the
// docs site in a real Chromium), `integration` (a real Kafka broker started once by the global setup, or
// KAFKA_BROKERS when set), `integration-platformatic` (the runtime's integration and fault tests on the
// @platformatic/kafka transport) and `registry` (the same plus a real Apicurio Registry, or EVC_TEST_REGISTRY_URL when set).
export default defineConfig({
  resolve: { alias: { 'eventcontracts/runtime': runtimeEntry } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // The package as users get it (npm pack → install → import, bin); no broker.
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          // The documentation site in headless Chromium (Debian's package; .ci/run installs it).
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // On the kafkajs transport (EVC_TRANSPORT pinned, whatever the default).
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/schema-registry/**'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1', EVC_TRANSPORT: 'kafkajs' },
        },
      },
      {
        // The runtime's integration and fault tests again on the @platformatic/kafka transport (same broker when
        // both run: the second global setup finds KAFKA_BROKERS). Tests of kafkajs itself stay in `integration`.
        extends: true,
        test: {
          name: 'integration-platformatic',
          include: ['test/integration/runtime/**/*.test.ts', 'test/integration/faults/**/*.test.ts'],
          exclude: ['test/integration/runtime/kafkajs-header-patch.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1', EVC_TRANSPORT: 'platformatic' },
        },
      },
      {
        // Schema-registry tests: a real Apicurio Registry, started once for them (only when they
        // run), plus the Kafka broker (shared with `integration` when both run: the second global
        // setup finds KAFKA_BROKERS set by the first). After `integration`, not beside it.
        extends: true,
        test: {
          name: 'registry',
          include: ['test/integration/schema-registry/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts', 'test/integration/registry-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // A registry just started answers its first requests slowly on a loaded CI machine (a first
          // `evc registry push` once timed out at the default 10 s): tests wait longer, users keep the default.
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1', EVC_REGISTRY_TIMEOUT_MS: '30000' },
        },
      },
    ],
  },
});
