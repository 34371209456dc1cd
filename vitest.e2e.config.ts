// End-to-end tests: the built renderer in Debian's Chromium (playwright-core) against the web host.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for what the user would wait for (a save, a live update): on a loaded
    // 2-core machine that can take seconds, not the default one.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-e2e.json' }]],
  },
});
