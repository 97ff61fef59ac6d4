import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

/**
 * A real SMTP server (smtp-server) acting as the outbound relay in tests: it records every message
 * and can refuse the next ones with a given reply code, as a relay in trouble would.
 */
export async function startSmtpSink() {
  const received: SinkMessage[] = [];
  const refusals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const code = refusals.shift();
        if (code) {
          const error = Object.assign(new Error(code >= 500 ? 'Rejected' : 'Try again later'), {
            responseCode: code,
          });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          raw,
          parsed: await simpleParser(raw),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    /** The next `count` messages are refused with `code` (421/451 temporary, 550/554 permanent). */
    refuseNext(code: number, count = 1) {
      for (let i = 0; i < count; i++) refusals.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
