import { parentPort } from 'node:worker_threads';
import { SEP, type TokenInput, tokenise } from './analytics.tokenise.ts';

parentPort?.on('message', (m: { id: number; items: TokenInput[] }) => {
  try {
    // One string per message (phrases joined by U+0001, then the suggestion flag): far cheaper to
    // pass between threads than arrays of arrays.
    const packed = m.items.map((item) => {
      const t = tokenise(item);
      return `${t.suggestion ? '1' : '0'}${t.phrases.join(SEP)}`;
    });
    parentPort?.postMessage({ id: m.id, packed });
  } catch (error) {
    parentPort?.postMessage({ id: m.id, error: String(error) });
  }
});
