import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-tmp.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // e2e tests spawn processes and servers; two cores on CI
    maxWorkers: 2,
  },
});
