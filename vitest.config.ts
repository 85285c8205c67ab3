import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Rebuilds dist/ when src/ is newer, so tests that spawn bin/rcuser.js never run a stale bundle.
    globalSetup: ['test/global-setup.ts'],
  },
});
