import { randomInt } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, DbOrTx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Events } from '../../platform/events.ts';
import { isLocale, type Locale } from '../../platform/i18n.ts';
import type { Ids } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import type { CustomersService } from '../customers/index.ts';
import { type EmailSender, messageIdFor } from './notifications.email.ts';
import { NOTIFICATION_EVENTS, type NotificationStatusPayload } from './notifications.events.ts';
import './notifications.messages.ts';
import {
  type Channel,
  chooseChannel,
  earliestSendTime,
  MAX_ATTEMPTS,
  PURPOSES,
  type Purpose,
  retryDelayMs,
  timeZoneOf,
} from './notifications.policy.ts';
import { renderTemplate, requiredParams, TEMPLATES } from './notifications.templates.ts';

export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'suppressed';

export interface QueueNotificationInput {
  customerId: string;
  purpose: Purpose;
  templateKey: string;
  params: Record<string, string>;
  /** Unique per intended message (`case:123:status:resolved`): queuing it again returns the first. */
  idempotencyKey: string;
  /** The caller's (or customer's stated) preference; used when the customer is reachable there. */
  preferredChannel?: Channel;
  /** Defaults to the customer's preferred language. */
  locale?: Locale;
  /** Not sent before this time (a reminder ahead of an appointment, a survey after quiet hours). */
  notBefore?: Date;
}

/** A composed email (an agent's reply), sent through the same pipeline as notifications. */
export interface ComposedEmail {
  subject: string;
  text: string;
  /** The HTML alternative (sanitized by the composer); with it the mail is multipart/alternative. */
  html?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
  cc?: string[];
  bcc?: string[];
  /** Files sent with the email (a scheduled report's PDF), base64 in the queued row. */
  attachments?: Array<{ filename: string; contentType: string; contentBase64: string }>;
  /** Files of the conversation (`conversation_attachments`) sent with the reply, read at send time. */
  attachmentIds?: string[];
}

export interface Notification {
  id: string;
  customerId: string | null;
  conversationId: string | null;
  purpose: Purpose;
  templateKey: string;
  locale: Locale;
  channel: Channel | null;
  recipient: string | null;
  status: NotificationStatus;
  reason: string | null;
  attempts: number;
  nextAttemptAt: Date;
  providerMessageId: string;
  createdAt: Date;
  sentAt: Date | null;
  deliveredAt: Date | null;
}

/** An SMS gateway (the SMPP client of channels/sms); absent, SMS is not a candidate channel. */
export interface SmsSender {
  send(message: {
    id: string;
    to: string;
    text: string;
    purpose: Purpose;
    notificationId: string;
  }): Promise<{ providerMessageId: string }>;
  /** A number that texted STOP: no marketing or survey SMS to it. */
  isOptedOut?(phone: string): Promise<boolean>;
}

interface Row {
  id: string;
  customer_id: string | null;
  conversation_id: string | null;
  email: ComposedEmail | null;
  purpose: Purpose;
  template_key: string;
  locale: Locale;
  params: Record<string, string>;
  channel: Channel | null;
  recipient: string | null;
  status: NotificationStatus;
  reason: string | null;
  attempts: number;
  next_attempt_at: Date;
  provider_message_id: string;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
}

const toNotification = (r: Row): Notification => ({
  id: r.id,
  customerId: r.customer_id,
  conversationId: r.conversation_id,
  purpose: r.purpose,
  templateKey: r.template_key,
  locale: r.locale,
  channel: r.channel,
  recipient: r.recipient,
  status: r.status,
  reason: r.reason,
  attempts: Number(r.attempts),
  nextAttemptAt: new Date(r.next_attempt_at),
  providerMessageId: r.provider_message_id,
  createdAt: new Date(r.created_at),
  sentAt: r.sent_at ? new Date(r.sent_at) : null,
  deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
});

/** The template of verification codes, whose params are wiped once sent (notifications.verification.ts). */
const OTP_TEMPLATE = 'one_time_password';

/** The template key of a composed text (params `{ text }`), not a template in TEMPLATES. */
const SMS_TEXT_TEMPLATE = 'sms_text';

/** How long a worker owns a claimed notification before another may retry it (same identity). */
const LEASE_MS = 60_000;

/** SMTP replies 5xx are permanent (RFC 5321 §4.2.1): retrying would not help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createNotificationsService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  audit: Audit;
  log: Logger;
  customers: CustomersService;
  email: EmailSender;
  sms?: SmsSender | null;
  mailFrom: { name: string; address: string };
  bankTimeZone: string;
  /** Non-transactional SMS waits out the customer's night (default on). */
  quietHours?: boolean;
  /** The email suppression list (hard bounces), asked before every email is sent. */
  suppressions?: { isSuppressed(address: string): Promise<boolean> } | null;
}) {
  const { db, ids, clock, events, log, customers, email, mailFrom, bankTimeZone } = deps;
  const sms = deps.sms ?? null;
  const suppressions = deps.suppressions ?? null;

  function validate(input: QueueNotificationInput): void {
    if (!PURPOSES.includes(input.purpose)) throw new AppError('NOTIFICATION_PURPOSE_INVALID', 400);
    if (!TEMPLATES[input.templateKey]) throw new AppError('NOTIFICATION_TEMPLATE_UNKNOWN', 400);
    for (const param of requiredParams(input.templateKey)) {
      if (typeof input.params[param] !== 'string' || input.params[param] === '')
        throw new AppError('NOTIFICATION_PARAM_MISSING', 400, undefined, { param });
    }
    if (!input.idempotencyKey || input.idempotencyKey.length > 200)
      throw new AppError('VALIDATION_FAILED', 400, 'idempotencyKey');
  }

  function payloadOf(
    n: Notification,
    extra: Partial<NotificationStatusPayload> = {},
  ): NotificationStatusPayload {
    return {
      notificationId: n.id,
      customerId: n.customerId,
      conversationId: n.conversationId,
      purpose: n.purpose,
      templateKey: n.templateKey,
      channel: n.channel,
      status: n.status === 'sending' ? 'queued' : n.status,
      attempts: n.attempts,
      reason: n.reason,
      ...extra,
    };
  }

  const audience = { permissions: ['customers.read'] };

  /**
   * Queues a notification in the caller's transaction: it exists iff the caller's change commits.
   * Returns the stored notification (the first one when the idempotency key was seen before).
   */
  async function queueNotification(
    tx: DbOrTx,
    input: QueueNotificationInput,
  ): Promise<{ notification: Notification; duplicate: boolean }> {
    validate(input);
    const existing = await findByKey(tx, input.idempotencyKey);
    if (existing) return { notification: existing, duplicate: true };
    const customer = await customers.getCustomer(input.customerId);
    const primary = (kind: 'email' | 'phone') =>
      customer.identities
        .filter((i) => i.kind === kind)
        .sort(
          (a, b) => Number(b.isPrimary) - Number(a.isPrimary) || Number(b.isVerified) - Number(a.isVerified),
        )[0]?.value ?? null;
    const phone = primary('phone');
    const choice = chooseChannel(
      input.purpose,
      {
        email: primary('email'),
        phone: sms ? phone : null,
        marketingEmail: customer.marketingEmail,
        marketingSms: customer.marketingSms,
        smsOptedOut: sms?.isOptedOut && phone ? await sms.isOptedOut(phone) : false,
      },
      input.preferredChannel,
    );
    const locale = input.locale && isLocale(input.locale) ? input.locale : customer.preferredLanguage;
    const now = clock.now();
    const id = ids.uuid();
    const from = input.notBefore && input.notBefore.getTime() > now.getTime() ? input.notBefore : now;
    const nextAttemptAt = !choice.channel
      ? now
      : deps.quietHours === false
        ? from
        : earliestSendTime(from, choice.channel, input.purpose, timeZoneOf(phone, bankTimeZone));
    const status: NotificationStatus = choice.channel ? 'queued' : 'suppressed';
    const inserted = await tx.execute(sql`INSERT INTO notifications
        (id, customer_id, purpose, template_key, locale, params, channel, recipient, status, reason,
         next_attempt_at, provider_message_id, idempotency_key, created_at, updated_at)
      VALUES (${id}, ${customer.id}, ${input.purpose}, ${input.templateKey}, ${locale},
        ${JSON.stringify(input.params)}::jsonb, ${choice.channel}, ${choice.channel ? choice.recipient : null},
        ${status}, ${choice.channel ? null : choice.reason}, ${nextAttemptAt},
        ${messageIdFor(id, mailFrom.address)}, ${input.idempotencyKey}, ${now}, ${now})
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING *`);
    const row = inserted.rows[0] as unknown as Row | undefined;
    if (!row) {
      // A concurrent caller queued the same key first.
      return { notification: (await findByKey(tx, input.idempotencyKey)) as Notification, duplicate: true };
    }
    const notification = toNotification(row);
    await events.publish(tx, {
      type: status === 'suppressed' ? NOTIFICATION_EVENTS.suppressed : NOTIFICATION_EVENTS.queued,
      payload: payloadOf(
        notification,
        nextAttemptAt.getTime() > now.getTime() ? { notBefore: nextAttemptAt.toISOString() } : {},
      ),
      audience,
    });
    return { notification, duplicate: false };
  }

  /**
   * Queues a composed email (an agent's reply) in the caller's transaction. `messageId` is the
   * identity it will carry on every attempt (the caller has already filed it for threading).
   */
  async function queueEmail(
    tx: DbOrTx,
    input: {
      /** Null for mail to staff (a scheduled report), which belongs to no conversation. */
      conversationId: string | null;
      customerId: string | null;
      /** The row's template key (default `conversation_reply`): what kind of composed email it is. */
      templateKey?: string;
      to: string;
      locale: Locale;
      email: ComposedEmail;
      messageId: string;
      idempotencyKey: string;
    },
  ): Promise<{ notification: Notification; duplicate: boolean }> {
    const existing = await findByKey(tx, input.idempotencyKey);
    if (existing) return { notification: existing, duplicate: true };
    const now = clock.now();
    const inserted = await tx.execute(sql`INSERT INTO notifications
        (id, customer_id, conversation_id, email, purpose, template_key, locale, params, channel, recipient, status,
         next_attempt_at, provider_message_id, idempotency_key, created_at, updated_at)
      VALUES (${ids.uuid()}, ${input.customerId}, ${input.conversationId}, ${JSON.stringify(input.email)}::jsonb,
        'service', ${input.templateKey ?? 'conversation_reply'}, ${input.locale}, '{}'::jsonb, 'email', ${input.to}, 'queued', ${now},
        ${input.messageId}, ${input.idempotencyKey}, ${now}, ${now})
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`);
    return settleComposed(tx, inserted.rows[0] as unknown as Row | undefined, input.idempotencyKey);
  }

  /**
   * Queues a composed text message (an agent's SMS reply, an opt-out confirmation) in the caller's
   * transaction: a service message, sent by SMS whatever the customer's marketing consent.
   */
  async function queueText(
    tx: DbOrTx,
    input: {
      conversationId: string | null;
      customerId: string | null;
      to: string;
      locale: Locale;
      text: string;
      idempotencyKey: string;
    },
  ): Promise<{ notification: Notification; duplicate: boolean }> {
    const existing = await findByKey(tx, input.idempotencyKey);
    if (existing) return { notification: existing, duplicate: true };
    const now = clock.now();
    const id = ids.uuid();
    const inserted = await tx.execute(sql`INSERT INTO notifications
        (id, customer_id, conversation_id, purpose, template_key, locale, params, channel, recipient, status,
         next_attempt_at, provider_message_id, idempotency_key, created_at, updated_at)
      VALUES (${id}, ${input.customerId}, ${input.conversationId}, 'service', ${SMS_TEXT_TEMPLATE}, ${input.locale},
        ${JSON.stringify({ text: input.text })}::jsonb, 'sms', ${input.to}, 'queued', ${now},
        ${messageIdFor(id, mailFrom.address)}, ${input.idempotencyKey}, ${now}, ${now})
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`);
    return settleComposed(tx, inserted.rows[0] as unknown as Row | undefined, input.idempotencyKey);
  }

  /** After a composed message's insert: the first one's queued event, or the stored one on a retry. */
  async function settleComposed(
    tx: DbOrTx,
    row: Row | undefined,
    idempotencyKey: string,
  ): Promise<{ notification: Notification; duplicate: boolean }> {
    if (!row) return { notification: (await findByKey(tx, idempotencyKey)) as Notification, duplicate: true };
    const notification = toNotification(row);
    await events.publish(tx, {
      type: NOTIFICATION_EVENTS.queued,
      payload: payloadOf(notification),
      audience,
    });
    return { notification, duplicate: false };
  }

  /** A new identity for a composed email, under the sender's domain. */
  function newMessageId(): string {
    return messageIdFor(ids.uuid(), mailFrom.address);
  }

  async function findByKey(tx: DbOrTx, key: string): Promise<Notification | null> {
    const result = await tx.execute(sql`SELECT * FROM notifications WHERE idempotency_key = ${key}`);
    const row = result.rows[0] as unknown as Row | undefined;
    return row ? toNotification(row) : null;
  }

  async function getNotification(id: string): Promise<Notification> {
    const result = await db.execute(sql`SELECT * FROM notifications WHERE id = ${id}`);
    const row = result.rows[0] as unknown as Row | undefined;
    if (!row) throw new AppError('NOTIFICATION_NOT_FOUND', 404);
    return toNotification(row);
  }

  /** A customer's notifications, newest first (staff with customers.read). */
  async function listForCustomer(actor: Actor, customerId: string, limit = 50): Promise<Notification[]> {
    requirePermission(actor, 'customers.read');
    const result = await db.execute(sql`SELECT * FROM notifications WHERE customer_id = ${customerId}
      ORDER BY created_at DESC, id DESC LIMIT ${Math.min(Math.max(limit, 1), 200)}`);
    return (result.rows as unknown as Row[]).map(toNotification);
  }

  /**
   * Claims due notifications under row lock (SKIP LOCKED: workers never take the same row), marks
   * them `sending` with a lease, and counts the attempt before anything leaves the building.
   */
  async function claimDue(limit: number): Promise<Row[]> {
    const now = clock.now();
    const result = await db.execute(sql`UPDATE notifications n
        SET status = 'sending', attempts = n.attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS)},
            updated_at = ${now}
      WHERE n.id IN (
        SELECT id FROM notifications
         WHERE status IN ('queued', 'sending') AND next_attempt_at <= ${now}
           AND (locked_until IS NULL OR locked_until < ${now})
         ORDER BY next_attempt_at, id LIMIT ${limit}
         FOR UPDATE SKIP LOCKED)
      RETURNING n.*`);
    return result.rows as unknown as Row[];
  }

  async function deliver(row: Row): Promise<void> {
    if (row.email) {
      await email.send({
        messageId: row.provider_message_id,
        from: mailFrom,
        to: [row.recipient as string],
        cc: row.email.cc,
        bcc: row.email.bcc,
        subject: row.email.subject,
        text: row.email.text,
        html: row.email.html,
        inReplyTo: row.email.inReplyTo,
        references: row.email.references,
        replyTo: row.email.replyTo,
        autoSubmitted: false,
        notificationId: row.id,
        attachments: await emailAttachments(row),
      });
      return;
    }
    if (row.template_key === SMS_TEXT_TEMPLATE) {
      if (!sms) throw Object.assign(new Error('no SMS gateway'), { responseCode: 550 });
      await sms.send({
        id: row.provider_message_id,
        to: row.recipient as string,
        text: row.params.text ?? '',
        purpose: row.purpose,
        notificationId: row.id,
      });
      return;
    }
    const text = renderTemplate(row.template_key, row.locale, row.params);
    if (row.channel === 'email') {
      await email.send({
        messageId: row.provider_message_id,
        from: mailFrom,
        to: [row.recipient as string],
        subject: text.subject,
        text: text.body,
        notificationId: row.id,
      });
    } else if (row.channel === 'sms') {
      if (!sms) throw Object.assign(new Error('no SMS gateway'), { responseCode: 550 });
      await sms.send({
        id: row.provider_message_id,
        to: row.recipient as string,
        text: text.sms,
        purpose: row.purpose,
        notificationId: row.id,
      });
    }
  }

  /** The outcome of one attempt, under the row's lock, only if this worker still holds the claim. */
  async function settle(row: Row, outcome: { ok: true } | { ok: false; error: unknown }): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const locked = await tx.execute(sql`SELECT * FROM notifications
        WHERE id = ${row.id} AND status = 'sending' AND attempts = ${row.attempts} FOR UPDATE`);
      if (!locked.rows[0]) return;
      let status: NotificationStatus;
      let reason: string | null = null;
      let next = now;
      if (outcome.ok) status = 'sent';
      else if (isPermanent(outcome.error) || Number(row.attempts) >= MAX_ATTEMPTS) {
        status = 'failed';
        reason = isPermanent(outcome.error)
          ? ((outcome.error as { reason?: string }).reason ?? 'RELAY_REJECTED')
          : 'RETRIES_EXHAUSTED';
      } else {
        status = 'queued';
        next = new Date(now.getTime() + retryDelayMs(Number(row.attempts), randomInt(1000) / 1000));
      }
      const lastError = outcome.ok ? null : errorCode(outcome.error);
      // A one-time password is kept only as its HMAC (customer_verifications): once no attempt
      // will need it again, the plain code leaves the queue too.
      const isFinal = status === 'sent' || status === 'failed';
      const updated = await tx.execute(sql`UPDATE notifications
          SET status = ${status}, reason = ${reason}, next_attempt_at = ${next}, locked_until = NULL,
              last_error = ${lastError}, sent_at = ${status === 'sent' ? now : null}, updated_at = ${now},
              params = ${isFinal ? sql`CASE WHEN template_key = ${OTP_TEMPLATE} THEN '{}'::jsonb ELSE params END` : sql`params`}
        WHERE id = ${row.id} RETURNING *`);
      const notification = toNotification(updated.rows[0] as unknown as Row);
      if (status === 'sent' || status === 'failed') {
        await events.publish(tx, {
          type: status === 'sent' ? NOTIFICATION_EVENTS.sent : NOTIFICATION_EVENTS.failed,
          payload: payloadOf(notification),
          audience,
        });
      }
      if (!outcome.ok)
        log.warn(
          { notificationId: row.id, attempts: row.attempts, status, error: lastError },
          'notification attempt failed',
        );
    });
  }

  /** Sends what is due, at most `limit`; returns how many were attempted. */
  async function processDue(limit = 20): Promise<{ attempted: number; sent: number }> {
    const claimed = await claimDue(limit);
    let sent = 0;
    // One address hears its messages in the order they were queued (an opt-out's confirmation
    // before the opt-in's): rows for the same recipient go one after another, others in parallel.
    await Promise.all(
      [...inQueueOrderByRecipient(claimed).values()].map(async (rows) => {
        for (const row of rows) {
          if (await settleIfSuppressed(row)) continue;
          try {
            await deliver(row);
            sent++;
            await settle(row, { ok: true });
          } catch (error) {
            await settle(row, { ok: false, error });
          }
        }
      }),
    );
    return { attempted: claimed.length, sent };
  }

  /**
   * A provider's delivery report (SMS receipt, DSN) for the message it knows by our identity. A
   * receipt can overtake the worker's own `sent` (the SMSC answers within the send): `sending` counts.
   * In the caller's transaction when given (the SMS channel settles its own rows in the same one).
   */
  async function markDelivered(providerMessageId: string, inTx?: DbOrTx): Promise<Notification | null> {
    return settleReport(
      providerMessageId,
      (now) => sql`status = 'delivered', delivered_at = ${now}, sent_at = COALESCE(sent_at, ${now})`,
      NOTIFICATION_EVENTS.delivered,
      inTx,
    );
  }

  /** A provider's report settles the message it names (still `sending` or `sent`), with its event. */
  async function settleReport(
    providerMessageId: string,
    set: (now: Date) => SQL,
    eventType: string,
    inTx?: DbOrTx,
  ): Promise<Notification | null> {
    const run = <T>(work: (tx: DbOrTx) => Promise<T>) => (inTx ? work(inTx) : db.transaction(work));
    return run(async (tx) => {
      const now = clock.now();
      const updated = await tx.execute(sql`UPDATE notifications SET ${set(now)}, locked_until = NULL,
          updated_at = ${now}
        WHERE provider_message_id = ${providerMessageId} AND status IN ('sending', 'sent') RETURNING *`);
      const row = updated.rows[0] as unknown as Row | undefined;
      if (!row) return null;
      const notification = toNotification(row);
      await events.publish(tx, { type: eventType, payload: payloadOf(notification), audience });
      return notification;
    });
  }

  /** A composed email's files: those queued with it (base64), then the conversation's it names. */
  async function emailAttachments(
    row: Row,
  ): Promise<{ filename: string; contentType: string; content: Buffer }[] | undefined> {
    const inline = (row.email?.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.from(a.contentBase64, 'base64'),
    }));
    const files = [...inline, ...((await replyAttachments(row)) ?? [])];
    return files.length > 0 ? files : undefined;
  }

  async function replyAttachments(
    row: Row,
  ): Promise<{ filename: string; contentType: string; content: Buffer }[] | undefined> {
    const wanted = row.email?.attachmentIds ?? [];
    if (wanted.length === 0 || !row.conversation_id) return undefined;
    const result = await db.execute(sql`SELECT id, file_name, content_type, data FROM conversation_attachments
      WHERE conversation_id = ${row.conversation_id}
        AND id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb))::uuid[])`);
    const byId = new Map(
      (result.rows as { id: string; file_name: string; content_type: string; data: Buffer }[]).map((r) => [
        r.id,
        r,
      ]),
    );
    return wanted.flatMap((id) => {
      const r = byId.get(id);
      return r ? [{ filename: r.file_name, contentType: r.content_type, content: r.data }] : [];
    });
  }

  /**
   * An email to an address on the suppression list is not sent: stored as `suppressed`
   * (`SUPPRESSED`) under the claim, like the consent check at queue time.
   */
  async function settleIfSuppressed(row: Row): Promise<boolean> {
    if (!suppressions || row.channel !== 'email' || !row.recipient) return false;
    if (!(await suppressions.isSuppressed(row.recipient))) return false;
    await db.transaction(async (tx) => {
      const now = clock.now();
      const updated = await tx.execute(sql`UPDATE notifications
          SET status = 'suppressed', reason = 'SUPPRESSED', locked_until = NULL, updated_at = ${now}
        WHERE id = ${row.id} AND status = 'sending' AND attempts = ${row.attempts} RETURNING *`);
      const settled = updated.rows[0] as unknown as Row | undefined;
      if (!settled) return;
      await events.publish(tx, {
        type: NOTIFICATION_EVENTS.suppressed,
        payload: payloadOf(toNotification(settled)),
        audience,
      });
    });
    return true;
  }

  /**
   * A DSN for our email (by its Message-ID): the notification fails with reason `BOUNCED` and the
   * RFC 3463 status as its last error. Returns it (with the recipient) or null when unknown.
   */
  async function markBounced(
    providerMessageId: string,
    bounce: { status: string; diagnostic: string | null },
  ): Promise<{ notification: Notification; recipient: string | null } | null> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const updated = await tx.execute(sql`UPDATE notifications
          SET status = 'failed', reason = 'BOUNCED', last_error = ${`DSN_${bounce.status}`}, updated_at = ${now}
        WHERE provider_message_id = ${providerMessageId} AND status IN ('sent', 'delivered', 'sending', 'queued')
        RETURNING *`);
      const row = updated.rows[0] as unknown as Row | undefined;
      if (!row) return null;
      const notification = toNotification(row);
      await events.publish(tx, {
        type: NOTIFICATION_EVENTS.failed,
        payload: payloadOf(notification),
        audience,
      });
      log.info({ notificationId: row.id, status: bounce.status }, 'notification bounced');
      return { notification, recipient: row.recipient };
    });
  }

  /** A provider's final failure report (SMS receipt UNDELIV/EXPIRED/REJECTD, a bounce). */
  async function markFailed(
    providerMessageId: string,
    reason: string,
    inTx?: DbOrTx,
  ): Promise<Notification | null> {
    return settleReport(
      providerMessageId,
      () => sql`status = 'failed', reason = ${reason}`,
      NOTIFICATION_EVENTS.failed,
      inTx,
    );
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  /** Polls every `intervalMs` (the partial index keeps an idle poll cheap). */
  function start(intervalMs = 1000): void {
    if (timer) return;
    timer = setInterval(() => {
      if (running) return;
      running = processDue()
        .catch((error) => log.error({ err: error }, 'notification worker failed'))
        .finally(() => {
          running = null;
        });
    }, intervalMs);
  }
  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = null;
    await running;
    email.close();
  }

  return {
    queueNotification,
    queueEmail,
    queueText,
    newMessageId,
    mailFrom,
    getNotification,
    listForCustomer,
    processDue,
    markDelivered,
    markBounced,
    markFailed,
    start,
    stop,
  };
}

/**
 * Claimed rows grouped by channel and address, each group in queue order: due time, then id (a
 * UUIDv7, so creation order). `UPDATE … RETURNING` promises no order of its own.
 */
function inQueueOrderByRecipient(rows: Row[]): Map<string, Row[]> {
  const sorted = [...rows].sort(
    (a, b) =>
      new Date(a.next_attempt_at).getTime() - new Date(b.next_attempt_at).getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const groups = new Map<string, Row[]>();
  for (const row of sorted) {
    const key = `${row.channel}:${row.recipient ?? row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function errorCode(error: unknown): string {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return `SMTP_${e.responseCode}`;
  if (typeof e.code === 'string') return e.code.slice(0, 40);
  return 'SEND_FAILED';
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
