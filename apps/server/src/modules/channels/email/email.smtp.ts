import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Logger } from '../../../platform/logger.ts';
import type { EmailChannel } from './email.service.ts';

export interface InboundSmtpOptions {
  port: number;
  host: string;
  /** Messages larger than this are refused at SMTP time with 552 (RFC 1870 SIZE, RFC 5321 §4.5.3.1.10). */
  maxBytes: number;
  /** PEM files; STARTTLS is offered only when both are configured. */
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
}

/**
 * The built-in SMTP server for mail the bank's MTA forwards. Unknown recipients are refused at RCPT
 * (550), oversized mail at MAIL FROM (SIZE) or at the end of DATA (552), so the sending MTA bounces
 * it to its author rather than Banyan accepting and dropping it.
 */
export function createInboundSmtp(deps: { email: EmailChannel; log: Logger; options: InboundSmtpOptions }) {
  const { email, log, options } = deps;
  const hasTls = !!(options.tlsCertFile && options.tlsKeyFile);
  const serverOptions: SMTPServerOptions = {
    name: 'banyan',
    banner: 'Banyan inbound mail',
    size: options.maxBytes,
    authOptional: true,
    disabledCommands: hasTls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    ...(hasTls
      ? {
          key: readFileSync(options.tlsKeyFile as string),
          cert: readFileSync(options.tlsCertFile as string),
        }
      : {}),
    onRcptTo(address, _session, callback) {
      email
        .isKnownRecipient(address.address)
        .then((known) =>
          known
            ? callback()
            : callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 })),
        )
        .catch(() => callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 })));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(
            Object.assign(new Error('5.3.4 Message too big for system'), { responseCode: 552 }),
          );
        }
        email
          .ingest({
            raw: Buffer.concat(chunks),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            peer: {
              ip: session.remoteAddress.replace(/^::ffff:/, ''),
              helo: session.hostNameAppearsAs,
              sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            },
          })
          .then((result) => {
            log.info(
              { outcome: result.outcome, kind: result.kind, conversationId: result.conversationId },
              'inbound email',
            );
            callback();
          })
          .catch((error) => {
            log.error({ err: error }, 'inbound email failed');
            // A temporary failure: the sending MTA keeps the mail and retries (dedupe by Message-ID).
            callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          });
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', (error) => log.warn({ err: error }, 'smtp server error'));

  async function start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    return (server.server.address() as AddressInfo).port;
  }

  function stop(): Promise<void> {
    return new Promise((resolve) => server.close(() => resolve()));
  }

  return { start, stop };
}
