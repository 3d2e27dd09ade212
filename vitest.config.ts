import { defineConfig } from 'vitest/config';

// Unit and integration tests of the project itself (modules with their *.test.ts beside them).
// The conformance suites in suites/ have their own config (vitest.suites.config.ts).
export default defineConfig({
  test: {
    include: ['{bin,cli,engine,patch,schemas,server,scenarios,fixtures,reporters,profiles,bench,integration,suites}/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'threads',
  },
});
