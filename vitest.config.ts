import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The suites that read the public corpora run only with `npm run test:corpora` (vitest.corpora.config.ts):
    // `npm test` uses nothing but what the repository holds or generates.
    exclude: ['tests/corpora/**', '**/node_modules/**'],
    // Sandbox tests start Pyodide child processes; two cores, so keep parallelism modest.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
