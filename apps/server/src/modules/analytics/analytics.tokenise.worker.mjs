// Worker thread entry: the server runs TypeScript through tsx's loader, which a worker must load too.
import { register } from 'tsx/esm/api';

register();
await import('./analytics.tokenise.worker.ts');
