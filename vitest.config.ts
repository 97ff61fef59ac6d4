import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The database-backed files mostly wait on PostgreSQL, and each builds its own app on its own cloned
 * database (apps/server/test/harness.ts): their workers keep the loaded modules from file to file
 * instead of importing the whole server again per file. Module state shared that way is only
 * memoised pure results (analysers, formatters). Unit files stay isolated (some stub globals).
 */
const SHARED_WORKERS = { isolate: false } as const;

export default defineConfig({
  test: {
    // At least two workers even on a 2-core machine (Vitest's default is cores − 1): a file waiting
    // on PostgreSQL leaves the other core free. On 2 cores, the 62 integration files with both
    // settings: 272 s → 98 s, of which importing 84 s → 8 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
          ...SHARED_WORKERS,
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
                ...SHARED_WORKERS,
              },
            },
          ]
        : []),
    ],
  },
});
