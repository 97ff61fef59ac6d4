import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ParsedMail, simpleParser } from 'mailparser';

interface Job {
  id: number;
  raw: Buffer;
  resolve: (mail: ParsedMail) => void;
  reject: (error: Error) => void;
}

/**
 * mailparser off the event loop: a 1 MB mail takes ~200 ms of CPU to decode, which on the main
 * thread stalls every other SMTP session, IMAP reader and request meanwhile. A small pool of worker
 * threads parses; the main thread only files. With `size` 0 (or if a worker cannot start) mail is
 * parsed inline, as before.
 */
export function createMailParser(options: { size?: number } = {}) {
  const size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const queue: Job[] = [];
  let nextId = 1;
  let broken = size === 0;
  let closed = false;

  function spawn(): Worker | null {
    try {
      const worker = new Worker(new URL('./email.parse.worker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', (message: { id: number; mail?: ParsedMail; error?: string }) => {
        const job = busy.get(worker);
        busy.delete(worker);
        if (job && job.id === message.id) {
          if (message.error !== undefined) job.reject(new Error(message.error));
          else job.resolve(revive(message.mail as ParsedMail));
        }
        idle.push(worker);
        pump();
      });
      worker.on('error', () => {
        const job = busy.get(worker);
        busy.delete(worker);
        // A dead worker's mail is parsed inline; the pool shrinks.
        if (job) simpleParser(job.raw, { skipHtmlToText: false }).then(job.resolve, job.reject);
      });
      return worker;
    } catch {
      broken = true;
      return null;
    }
  }

  function pump(): void {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop() as Worker;
      const job = queue.shift() as Job;
      busy.set(worker, job);
      worker.postMessage({ id: job.id, raw: job.raw });
    }
  }

  let started = false;
  function ensureStarted(): void {
    if (started || broken) return;
    started = true;
    for (let i = 0; i < size; i++) {
      const worker = spawn();
      if (!worker) break;
      idle.push(worker);
    }
    if (idle.length === 0) broken = true;
  }

  function parse(raw: Buffer): Promise<ParsedMail> {
    ensureStarted();
    if (broken || closed) return simpleParser(raw, { skipHtmlToText: false });
    return new Promise((resolve, reject) => {
      queue.push({ id: nextId++, raw, resolve, reject });
      pump();
    });
  }

  async function close(): Promise<void> {
    closed = true;
    const workers = [...idle, ...busy.keys()];
    idle.length = 0;
    for (const job of queue.splice(0))
      simpleParser(job.raw, { skipHtmlToText: false }).then(job.resolve, job.reject);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** Whether mail is parsed in worker threads (false: inline). */
  function threaded(): boolean {
    ensureStarted();
    return !broken;
  }

  return { parse, close, threaded };
}

/** Bytes come back from the worker as Uint8Array: attachments get their Buffer back. */
function revive(mail: ParsedMail): ParsedMail {
  for (const attachment of mail.attachments) {
    const c = attachment.content as unknown as Uint8Array;
    attachment.content = Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  return mail;
}

export type MailParser = ReturnType<typeof createMailParser>;
