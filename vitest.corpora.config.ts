import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:corpora`: the suites that read the public corpora (tests/corpora/, see corpora-dir.ts),
// which `npm test` leaves out. Same pool and timeouts as the main suite.
export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/corpora/**/*.test.ts'],
    exclude: [],
    globalSetup: ['tests/corpora/require-corpora.ts'],
  },
});
