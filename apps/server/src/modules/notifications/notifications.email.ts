import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Ids } from '../../platform/ids.ts';

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  /** PEM private key (RSA or Ed25519). */
  privateKey: string;
}

export interface OutboundEmail {
  /** `<id@domain>`: the same on every attempt, so a relay or reader can drop a duplicate. */
  messageId: string;
  from: { name: string; address: string };
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  /** Where the customer's answer goes (the address with a reply token). */
  replyTo?: string;
  /** Our own headers, e.g. `Auto-Submitted` for notifications (none for a person's reply). */
  autoSubmitted?: boolean;
  notificationId?: string | null;
  /** Files sent with the email: an agent's reply's uploads (content-sniffed and size-limited when
   * uploaded), a scheduled report's PDF. */
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}

export interface EmailSender {
  /** Sends (or stores) the message; resolves with the Message-ID; throws when the relay refused it. */
  send(message: OutboundEmail): Promise<{ messageId: string; accepted: string[] }>;
  readonly kind: 'relay' | 'mailbox';
  close(): void;
}

/**
 * Header injection: a CR or LF in a subject or display name would start a new header. nodemailer
 * encodes headers, and we remove every control character before it ever gets there, so no input can
 * add a header (e.g. `Bcc:`) or a body.
 */
export function headerSafe(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value) && value.length <= 254;
}

/** A Message-ID for an id (notification or reply), under the sender's domain. */
export function messageIdFor(id: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'banyan.invalid';
  return `<${id}@${domain}>`;
}

function mailOptions(message: OutboundEmail, date: Date): SendMailOptions {
  for (const address of [
    ...message.to,
    ...(message.cc ?? []),
    ...(message.bcc ?? []),
    message.from.address,
  ]) {
    if (!isEmailAddress(address)) throw new Error('invalid email address');
  }
  return {
    messageId: message.messageId,
    date,
    from: { name: headerSafe(message.from.name), address: message.from.address },
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: headerSafe(message.subject),
    text: message.text,
    html: message.html,
    inReplyTo: message.inReplyTo,
    references: message.references,
    replyTo: message.replyTo,
    attachments: message.attachments?.map((a) => ({
      filename: headerSafe(a.filename),
      contentType: a.contentType,
      content: a.content,
    })),
    // RFC 3834: notifications are machine-made (so auto-responders do not answer them); an
    // agent's reply is a person's mail and carries no such header.
    headers: message.autoSubmitted === false ? {} : { 'Auto-Submitted': 'auto-generated' },
  };
}

/**
 * Outbound email with nodemailer. With `smtpUrl` it goes to the relay (DKIM-signed when a key is
 * configured); without one (the embedded demo) the same RFC 5322 message is stored in the local
 * mailbox, unique by Message-ID, so a retried send never stores it twice.
 */
export function createEmailSender(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  smtpUrl: string | null;
  dkim: DkimSettings | null;
}): EmailSender {
  const { db, ids, clock, smtpUrl, dkim } = deps;
  const dkimOption = dkim ? { dkim } : {};
  if (smtpUrl) {
    const url = new URL(smtpUrl);
    url.searchParams.set('pool', 'true');
    url.searchParams.set('maxConnections', '5');
    url.searchParams.set('connectionTimeout', '10000');
    url.searchParams.set('greetingTimeout', '10000');
    url.searchParams.set('socketTimeout', '30000');
    // DKIM as a default of every message (nodemailer signs per message).
    const transport = nodemailer.createTransport(url.toString(), dkimOption);
    return {
      kind: 'relay',
      async send(message) {
        const info = await transport.sendMail(mailOptions(message, clock.now()));
        return { messageId: info.messageId, accepted: (info.accepted ?? []).map(String) };
      },
      close: () => transport.close(),
    };
  }
  const composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...dkimOption,
  });
  return {
    kind: 'mailbox',
    async send(message) {
      const info = await composer.sendMail(mailOptions(message, clock.now()));
      const raw = (info.message as Buffer).toString('utf8');
      await db.execute(sql`INSERT INTO mailbox_messages
          (id, message_id, from_address, to_addresses, cc_addresses, subject, text_body, raw, notification_id, created_at)
        VALUES (${ids.uuid()}, ${message.messageId}, ${message.from.address},
          ${`{${message.to.map((a) => `"${a}"`).join(',')}}`}::text[],
          ${`{${(message.cc ?? []).map((a) => `"${a}"`).join(',')}}`}::text[],
          ${headerSafe(message.subject)}, ${message.text}, ${raw}, ${message.notificationId ?? null}, ${clock.now()})
        ON CONFLICT (message_id) DO NOTHING`);
      return { messageId: message.messageId, accepted: message.to };
    },
    close: () => undefined,
  };
}

export function loadDkim(settings: {
  domain: string | null;
  selector: string | null;
  keyFile: string | null;
}) {
  if (!settings.domain || !settings.selector || !settings.keyFile) return null;
  return {
    domainName: settings.domain,
    keySelector: settings.selector,
    privateKey: readFileSync(settings.keyFile, 'utf8'),
  } satisfies DkimSettings;
}
