import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Two projects: fast pure unit/contract tests, and integration tests that need real
// servers (Prometheus, PostgreSQL) started by scripts/test-all.sh.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'demo/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'prisma/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
