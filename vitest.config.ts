import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const runtimeEntry = fileURLToPath(new URL('./runtime/index.ts', import.meta.url));

// Three projects: `unit` (pure logic, in-memory transport, no broker), `package` (the packed tarball) and `integration`
// (a real Kafka broker started once by the global setup, or KAFKA_BROKERS when set).
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
