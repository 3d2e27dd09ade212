import { defineConfig } from 'vitest/config';

// The conformance suites (suites/*.suite.ts) as vitest tests, with Allure results.
// Target: SCIM_BASE_URL + credentials from the environment (or SCIM_CONFIG=file), else the embedded server.
export default defineConfig({
  test: {
    include: ['suites/**/*.suite.ts'],
    globalSetup: ['suites/global-setup.ts'],
    reporters: ['default', ['allure-vitest/reporter', { resultsDir: 'runs/allure-results' }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxConcurrency: 8,
  },
});
