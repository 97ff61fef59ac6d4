import { defineConfig } from 'vitest/config';

// Browser journeys, run by e2e/run.mjs against a started server (BANYAN_E2E_BASE_URL).
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One Chromium at a time keeps the journeys deterministic on small CI machines.
    fileParallelism: false,
  },
});
