import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DNSResolver } from 'mailauth';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Ids } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
import { maskPans } from '../../../platform/masking.ts';
import { type Actor, hasPermission, requirePermission } from '../../../platform/rbac.ts';
import {
  type AttachmentsService,
  type ConversationsService,
  MAX_MESSAGE_LENGTH,
} from '../../conversations/index.ts';
import type { CustomersService } from '../../customers/index.ts';
import type { NotificationsService } from '../../notifications/index.ts';
import { checkMailAuth, type MailAuthPeer, type MailAuthResult } from './email.auth.ts';
import {
  classifyMail,
  collapseQuoted,
  type MailKind,
  messageIds,
  parseDsn,
  sanitizeEmailHtml,
  signReplyToken,
  splitPlusAddress,
  verifyReplyToken,
} from './email.inbound.ts';
import './email.messages.ts';
import type { MailParser } from './email.parse.ts';
import type { EmailSuppressions } from './email.suppression.ts';

export type IngestOutcome = 'created' | 'threaded' | 'duplicate' | 'ignored';

export interface IngestResult {
  outcome: IngestOutcome;
  kind: MailKind;
  messageId: string;
  conversationId: string | null;
  /** Attachments refused by content sniffing (type not allowed), by file name. */
  refusedAttachments: string[];
  auth: MailAuthResult;
}

interface AddressRow {
  address: string;
  queue_id: string;
  display_name: string;
}

const REPLY_KEY = 'email_reply_token';

/** A text[] parameter (drizzle would spread a JS array into a list). */
const textArray = (values: string[]) =>
  sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

function detectLanguage(text: string): 'en' | 'zh-CN' | 'vi' {
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh-CN';
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) return 'vi';
  return 'en';
}

/**
 * The email channel: mail for the bank's addresses becomes conversations with channel `email` in
 * the address's queue, routed by the same engine as chat. Threading, in order: a valid reply token
 * in the recipient address, then In-Reply-To / References against every Message-ID we know.
 */
export function createEmailChannel(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  log: Logger;
  conversations: ConversationsService;
  customers: CustomersService;
  attachments: AttachmentsService;
  /** Bounces for our mail fail their notification; hard ones put the address on the suppression list. */
  bounces?: {
    notifications: Pick<NotificationsService, 'markBounced'>;
    suppressions: EmailSuppressions;
  };
  /** Parses off the event loop (worker threads); inline when absent. */
  parser?: MailParser;
  /** SPF/DKIM/DMARC: the bound on one mail's DNS time, and (tests) a resolver instead of the system's. */
  mailAuth?: { timeoutMs: number; resolver?: DNSResolver };
}) {
  const { db, ids, clock, log, conversations, customers, attachments } = deps;
  const mailAuth = deps.mailAuth ?? { timeoutMs: 3000 };
  let replyKey: Buffer | null = null;

  async function key(): Promise<Buffer> {
    if (replyKey) return replyKey;
    await db.execute(sql`INSERT INTO platform_secrets (name, value) VALUES (${REPLY_KEY}, ${randomBytes(32).toString('base64')})
      ON CONFLICT (name) DO NOTHING`);
    const result = await db.execute(sql`SELECT value FROM platform_secrets WHERE name = ${REPLY_KEY}`);
    replyKey = Buffer.from((result.rows[0] as { value: string }).value, 'base64');
    return replyKey;
  }

  async function addAddress(input: { address: string; queueId: string; displayName: string }): Promise<void> {
    await db.execute(sql`INSERT INTO email_addresses (id, address, queue_id, display_name, created_at)
      VALUES (${ids.uuid()}, ${input.address.trim().toLowerCase()}, ${input.queueId}, ${input.displayName}, ${clock.now()})
      ON CONFLICT (address) DO UPDATE SET queue_id = EXCLUDED.queue_id, display_name = EXCLUDED.display_name`);
  }

  async function findAddress(address: string): Promise<AddressRow | null> {
    const { base } = splitPlusAddress(address);
    const result = await db.execute(
      sql`SELECT address, queue_id, display_name FROM email_addresses WHERE address = ${base}`,
    );
    return (result.rows[0] as unknown as AddressRow | undefined) ?? null;
  }

  /** Whether the SMTP server should accept RCPT TO for this address. */
  async function isKnownRecipient(address: string): Promise<boolean> {
    return (await findAddress(address)) !== null;
  }

  /** The Reply-To for a conversation: `support+r…@bank.example`. */
  async function replyAddress(base: string, conversationId: string): Promise<string> {
    const at = base.lastIndexOf('@');
    return `${base.slice(0, at)}+${signReplyToken(await key(), conversationId)}${base.slice(at)}`;
  }

  async function threadOf(recipients: string[], mail: ParsedMail): Promise<string | null> {
    const k = await key();
    for (const recipient of recipients) {
      const { tag } = splitPlusAddress(recipient);
      const id = tag ? verifyReplyToken(k, tag) : null;
      if (id) return id;
    }
    const header = mail.headers.get('x-banyan-reply-token');
    if (typeof header === 'string') {
      const id = verifyReplyToken(k, header.trim());
      if (id) return id;
    }
    const known = [...messageIds(mail.inReplyTo), ...messageIds(mail.references)];
    if (known.length === 0) return null;
    const result = await db.execute(sql`SELECT conversation_id FROM email_messages
      WHERE message_id = ANY(${textArray(known)}) AND conversation_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`);
    return (result.rows[0] as { conversation_id: string } | undefined)?.conversation_id ?? null;
  }

  /** Parses and files one inbound mail. Idempotent by Message-ID. */
  async function ingest(input: {
    raw: Buffer;
    envelopeTo: string[];
    peer?: MailAuthPeer;
  }): Promise<IngestResult> {
    // Parsing and the SPF/DKIM/DMARC check (DNS, bounded) run side by side.
    const [mail, auth] = await Promise.all([
      deps.parser ? deps.parser.parse(input.raw) : simpleParser(input.raw, { skipHtmlToText: false }),
      checkMailAuth(input.raw, input.peer ?? {}, mailAuth),
    ]);
    const messageId =
      mail.messageId ?? `<sha256.${createHash('sha256').update(input.raw).digest('hex')}@banyan.invalid>`;
    const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
    const kind = classifyMail({
      get: (name) => {
        const value = mail.headers.get(name);
        return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
      },
      contentType: mail.headers.get('content-type')
        ? `${(mail.headers.get('content-type') as { value: string }).value}; ${Object.entries(
            (mail.headers.get('content-type') as { params?: Record<string, string> }).params ?? {},
          )
            .map(([k, v]) => `${k}=${v}`)
            .join('; ')}`
        : undefined,
      from,
    });
    const addressList = (list: typeof mail.to) =>
      (Array.isArray(list) ? list : list ? [list] : []).flatMap((a) =>
        a.value.map((v) => (v.address ?? '').toLowerCase()),
      );
    const to = addressList(mail.to);
    const cc = addressList(mail.cc);
    // Stored and shown beside the message: masked like it (PCI DSS 3.4.1).
    const subject = maskPans((mail.subject ?? '').slice(0, 500));
    const result: IngestResult = {
      outcome: 'ignored',
      kind,
      messageId,
      conversationId: null,
      refusedAttachments: [],
      auth,
    };

    // The Message-ID is claimed first: a second delivery (a retrying MTA, a duplicate forward) stops here.
    const claimed = await db.execute(sql`INSERT INTO email_messages
        (id, direction, message_id, kind, from_address, to_addresses, cc_addresses, subject, in_reply_to, "references", html, auth, created_at)
      VALUES (${ids.uuid()}, 'in', ${messageId}, ${kind}, ${from}, ${textArray(to)}, ${textArray(cc)}, ${subject},
        ${messageIds(mail.inReplyTo)[0] ?? null}, ${textArray(messageIds(mail.references))},
        ${typeof mail.html === 'string' ? sanitizeEmailHtml(mail.html) : null}, ${JSON.stringify(auth)}::jsonb, ${clock.now()})
      ON CONFLICT (message_id) DO NOTHING RETURNING id`);
    if (claimed.rows.length === 0) return { ...result, outcome: 'duplicate' };
    if (kind === 'bounce') await fileBounce(mail);
    // Robots are kept for the record and never answered or queued.
    if (kind !== 'message') {
      log.info({ kind }, 'automatic email not queued');
      return result;
    }

    const recipients = [...input.envelopeTo, ...to, ...cc];
    let address: AddressRow | null = null;
    for (const r of recipients) {
      address = await findAddress(r);
      if (address) break;
    }
    if (!address) throw new AppError('EMAIL_UNKNOWN_RECIPIENT', 404);

    const text = collapseQuoted(mail.text ?? '').fresh;
    const body = (subject ? `${subject}\n\n${text}` : text).slice(0, MAX_MESSAGE_LENGTH);
    let conversationId = await threadOf(recipients, mail);
    if (conversationId) {
      const existing = await db.execute(sql`SELECT status FROM conversations WHERE id = ${conversationId}`);
      const status = (existing.rows[0] as { status: string } | undefined)?.status;
      if (!status || status === 'closed') conversationId = null;
    }
    let outcome: IngestOutcome = 'threaded';
    if (!conversationId) {
      const customer = from ? await customers.findCustomerByEmail(from) : null;
      const started = await conversations.startConversation({
        channel: 'email',
        queueId: address.queue_id,
        language: customer?.preferredLanguage ?? detectLanguage(body),
        customerId: customer?.id ?? null,
        topic: subject || null,
        contactName: mail.from?.value[0]?.name || null,
        contactEmail: from || null,
      });
      conversationId = started.id;
      outcome = 'created';
    }
    await db.execute(
      sql`UPDATE email_messages SET conversation_id = ${conversationId} WHERE message_id = ${messageId}`,
    );
    await conversations.postMessage({
      conversationId,
      authorType: 'customer',
      authorId: null,
      clientId: `email:${messageId}`.slice(0, 200),
      kind: 'text',
      body,
    });
    for (const [index, attachment] of mail.attachments.entries()) {
      try {
        await attachments.storeAttachment({
          conversationId,
          uploaderType: 'customer',
          uploaderId: from || 'email',
          clientId: `email:${messageId}:${index}`.slice(0, 200),
          fileName: attachment.filename ?? `attachment-${index + 1}`,
          data: attachment.content,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        result.refusedAttachments.push(attachment.filename ?? `attachment-${index + 1}`);
      }
    }
    return { ...result, outcome, conversationId };
  }

  /**
   * A DSN for one of our mails: each failed recipient fails the notification (reason `BOUNCED`);
   * a permanent failure (5.x.x) puts the address on the suppression list. Delays (4.x.x) are kept
   * on record only: the relay is still trying.
   */
  async function fileBounce(mail: ParsedMail): Promise<void> {
    if (!deps.bounces) return;
    const part = (types: string[]) => {
      const found = mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));
      return found ? found.content.toString('utf8') : null;
    };
    const dsn = parseDsn({
      // mailparser inlines a `message/delivery-status` part into the text; the fields are read from there.
      deliveryStatus:
        part(['message/delivery-status', 'message/global-delivery-status']) ?? mail.text ?? null,
      returned: part(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']),
    });
    const original = dsn.originalMessageId ?? messageIds(mail.inReplyTo)[0] ?? null;
    if (!original) return;
    for (const recipient of dsn.recipients) {
      if (recipient.action !== 'failed' && !recipient.status.startsWith('5')) continue;
      const bounced = await deps.bounces.notifications.markBounced(original, {
        status: recipient.status,
        diagnostic: recipient.diagnostic,
      });
      if (!bounced) continue;
      if (recipient.status.startsWith('5')) {
        await deps.bounces.suppressions.suppress(db, {
          // The address the DSN names (a CC can bounce while the To does not).
          address: recipient.address,
          reason: `${recipient.status}${recipient.diagnostic ? ` ${recipient.diagnostic}` : ''}`,
          notificationId: bounced.notification.id,
        });
      }
    }
  }

  /**
   * The email headers of a conversation's mails, oldest first, for the desk: the assignee, or a
   * supervisor; anyone else gets 404 as for the conversation itself (no probing).
   */
  async function getEmailThread(actor: Actor, conversationId: string) {
    requirePermission(actor, 'desk.use');
    const c = await conversations.getConversation(conversationId);
    const isAssignee =
      c.assignee_id === actor.userId || (await conversations.isAssignedInRouting(c.id, actor.userId));
    if (!isAssignee && !hasPermission(actor, 'supervisor.view'))
      throw new AppError('CONVERSATION_NOT_FOUND', 404);
    const result =
      await db.execute(sql`SELECT direction, message_id, from_address, to_addresses, cc_addresses,
        subject, html, auth, created_at FROM email_messages WHERE conversation_id = ${conversationId} ORDER BY created_at, id`);
    return (
      result.rows as unknown as {
        direction: 'in' | 'out';
        message_id: string;
        from_address: string;
        to_addresses: string[];
        cc_addresses: string[];
        subject: string;
        html: string | null;
        auth: MailAuthResult | null;
        created_at: Date;
      }[]
    ).map((r) => ({
      direction: r.direction,
      messageId: r.message_id,
      from: r.from_address,
      to: r.to_addresses,
      cc: r.cc_addresses,
      subject: r.subject,
      html: r.html,
      auth: r.auth,
      at: new Date(r.created_at).toISOString(),
    }));
  }

  return { ingest, addAddress, isKnownRecipient, replyAddress, getEmailThread, findAddress };
}

export type EmailChannel = ReturnType<typeof createEmailChannel>;
