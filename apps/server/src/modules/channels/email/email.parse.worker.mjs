// Parses one raw mail with mailparser off the main event loop (see email.parse.ts). Plain JS so it
// runs the same under tsx, vitest and a built install.
import { parentPort } from 'node:worker_threads';
import { simpleParser } from 'mailparser';

parentPort?.on('message', async ({ id, raw }) => {
  try {
    const mail = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
      skipHtmlToText: false,
    });
    // Only plain data crosses the thread boundary (the structured clone keeps Maps, Dates, bytes).
    const attachments = mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      size: a.size,
    }));
    parentPort?.postMessage({ id, mail: { ...mail, attachments } });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
