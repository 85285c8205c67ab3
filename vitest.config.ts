import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Rebuilds dist/ when src/ is newer, so tests that spawn bin/rcuser.js never run a stale bundle.
    globalSetup: ['test/global-setup.ts'],
    // Most tests start the CLI or a pseudo-terminal, often several times: on a shared 2-core machine
    // under load one spawn can take over a second, so vitest's 5 s default fails tests that are fine.
    // Speed is measured by `npm run bench`, never by a test's time.
    testTimeout: 20_000,
  },
});
