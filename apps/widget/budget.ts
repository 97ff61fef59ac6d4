import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Prints the gzip size of what a build wrote and fails the build over its budget: the loader is
 * on every page of the bank's site, the frame on every chat.
 */
export function sizeBudget(label: string, maxGzipBytes: number): Plugin {
  let outDir = '';
  let files: string[] = [];
  return {
    name: 'banyan-size-budget',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      files = Object.keys(bundle).filter((name) => /\.(js|css|html)$/.test(name));
    },
    closeBundle() {
      const total = files.reduce((sum, name) => sum + gzipSync(readFileSync(join(outDir, name))).length, 0);
      const line = `${label}: ${(total / 1024).toFixed(1)} KB gzip (budget ${(maxGzipBytes / 1024).toFixed(0)} KB) — ${files.join(', ')}`;
      if (total > maxGzipBytes) throw new Error(`over budget: ${line}`);
      console.log(line);
    },
  };
}
