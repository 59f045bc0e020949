import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const runtimeEntry = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));

// Three projects: `unit` (pure logic, in-memory transport, no broker), `browser` (the docs site in
// a real Chromium) and `integration` (a real Kafka broker started once by the global setup, or
// KAFKA_BROKERS when set).
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
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          env: { KAFKAJS_NO_PARTITIONER_WARNING: '1' },
        },
      },
    ],
  },
});
