import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const runtimeEntry = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));

// Three projects: `unit` (pure logic, in-memory transport, no broker), `integration` (a real Kafka
// broker started once by the global setup, or KAFKA_BROKERS when set) and `registry` (the same plus
// a real Apicurio Registry, or EVC_TEST_REGISTRY_URL when set).
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
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/schema-registry/**'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
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
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
        },
      },
    ],
  },
});
