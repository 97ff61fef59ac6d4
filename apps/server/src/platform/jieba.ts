import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let instance: Jieba | null = null;

/**
 * The process's (or worker thread's) one Chinese word segmenter, with the dictionary that ships in
 * the package: knowledge search and the hot-topic phrases share it, so the dictionary is loaded
 * once (~60 ms and tens of MB) rather than once per module.
 */
export function segmenter(): Jieba {
  instance ??= Jieba.withDict((require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict);
  return instance;
}
