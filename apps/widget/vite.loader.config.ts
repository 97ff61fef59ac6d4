import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sizeBudget } from './budget.ts';

// The host-page script: one self-contained IIFE, dist/widget/loader.js, served as /widget.js.
export default defineConfig({
  plugins: [sizeBudget('widget loader', 5 * 1024)],
  build: {
    outDir: fileURLToPath(new URL('../../dist/widget', import.meta.url)),
    emptyOutDir: false,
    target: 'es2018',
    lib: {
      entry: fileURLToPath(new URL('./src/loader.ts', import.meta.url)),
      formats: ['iife'],
      name: 'BanyanWidget',
      fileName: () => 'loader.js',
    },
  },
});
