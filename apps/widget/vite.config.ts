import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sizeBudget } from './budget.ts';

// The chat frame: dist/widget/frame.html + dist/widget/assets/*, served by Banyan under /widget/.
// Build it before vite.loader.config.ts, which writes into the same folder without emptying it.
export default defineConfig({
  root: fileURLToPath(new URL('./src/frame', import.meta.url)),
  base: '/widget/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [sizeBudget('widget frame', 60 * 1024)],
  build: {
    outDir: fileURLToPath(new URL('../../dist/widget', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    rollupOptions: { input: fileURLToPath(new URL('./src/frame/frame.html', import.meta.url)) },
  },
});
