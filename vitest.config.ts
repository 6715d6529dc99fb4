import { defineConfig } from 'vitest/config';

// Two cores on CI: two forked workers, generous timeouts for tests that wait on real throttles.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { SP_API_MCP_LOG_LEVEL: process.env.SP_API_MCP_LOG_LEVEL ?? 'warn' },
    reporters: process.env.VITEST_JSON ? ['default', ['json', { outputFile: process.env.VITEST_JSON }]] : ['default'],
  },
});
