import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/**/*.test.ts', 'packages/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.peer.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/**/*.int.test.ts'],
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      // Third-party peers installed by the OS (swaks…): `npm run test:peers`, which .ci/run calls
      // after installing them. `npm test` runs without them, as on a fresh machine.
      ...(process.env.BANYAN_PEER_TESTS === '1'
        ? [
            {
              test: {
                name: 'peers',
                include: ['apps/**/*.peer.test.ts'],
                globalSetup: ['apps/server/test/global-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 120_000,
                pool: 'forks' as const,
              },
            },
          ]
        : []),
    ],
  },
});
