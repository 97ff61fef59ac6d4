import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { Audit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';

export interface MailboxSummary {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  createdAt: Date;
}

export interface MailboxMessage extends MailboxSummary {
  cc: string[];
  text: string;
  /** The header block of the stored message, as a relay would have received it. */
  headers: string;
  /** The HTML part (an agent's rich reply), null for text-only mail. */
  html: string | null;
  /** The files it carries (an agent's reply with attachments). */
  attachments: { filename: string; contentType: string; size: number }[];
  notificationId: string | null;
}

interface Row {
  id: string;
  message_id: string;
  from_address: string;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string;
  raw: string;
  notification_id: string | null;
  created_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The local mailbox (embedded demo): administrators read what the bank would have sent. */
export function createMailbox(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;

  async function listMailbox(
    actor: Actor,
    options: { limit?: number; before?: string } = {},
  ): Promise<{ items: MailboxSummary[]; nextBefore: string | null }> {
    requirePermission(actor, 'staff.manage');
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const before = options.before && UUID.test(options.before) ? options.before : null;
    const result = await db.execute(sql`SELECT id, message_id, from_address, to_addresses, subject, created_at
      FROM mailbox_messages WHERE (${before}::uuid IS NULL OR id < ${before}::uuid)
      ORDER BY id DESC LIMIT ${limit + 1}`);
    const rows = result.rows as unknown as Row[];
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      messageId: r.message_id,
      from: r.from_address,
      to: r.to_addresses,
      subject: r.subject,
      createdAt: new Date(r.created_at),
    }));
    return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  /** One message; reading a customer's mail is audited (it carries personal data). */
  async function getMailboxMessage(actor: Actor, id: string): Promise<MailboxMessage> {
    requirePermission(actor, 'staff.manage');
    if (!UUID.test(id)) throw new AppError('MAILBOX_MESSAGE_NOT_FOUND', 404);
    const result = await db.execute(sql`SELECT * FROM mailbox_messages WHERE id = ${id}`);
    const r = result.rows[0] as unknown as Row | undefined;
    if (!r) throw new AppError('MAILBOX_MESSAGE_NOT_FOUND', 404);
    await audit.recordAlone({
      actorId: actor.userId,
      actorName: actor.username,
      action: 'mailbox.message_viewed',
      targetType: 'mailbox_message',
      targetId: id,
      ip: actor.ip,
    });
    const headerEnd = r.raw.indexOf('\r\n\r\n');
    return {
      id: r.id,
      messageId: r.message_id,
      from: r.from_address,
      to: r.to_addresses,
      cc: r.cc_addresses,
      subject: r.subject,
      text: r.text_body,
      headers: headerEnd >= 0 ? r.raw.slice(0, headerEnd) : r.raw,
      ...(await mailboxParts(r.raw)),
      notificationId: r.notification_id,
      createdAt: new Date(r.created_at),
    };
  }

  return { listMailbox, getMailboxMessage };
}

export type Mailbox = ReturnType<typeof createMailbox>;

/**
 * The HTML part of a stored message (our own mail, sanitized when composed) and its files, for the
 * admin's view (names and sizes, not the bytes).
 */
async function mailboxParts(raw: string) {
  const parsed = await simpleParser(raw);
  return {
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.size,
    })),
  };
}
