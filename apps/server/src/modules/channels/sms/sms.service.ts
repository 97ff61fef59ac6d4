import { createHash, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Locale } from '../../../platform/i18n.ts';
import type { Ids } from '../../../platform/ids.ts';
import type { Logger } from '../../../platform/logger.ts';
import { type Actor, requirePermission } from '../../../platform/rbac.ts';
import { type ConversationsService, MAX_MESSAGE_LENGTH } from '../../conversations/index.ts';
import type { CustomersService } from '../../customers/index.ts';
import type { NotificationsService } from '../../notifications/index.ts';
import {
  ESM_UDHI,
  encodeSms,
  isFinalFailure,
  MESSAGE_STATES,
  optInKeyword,
  optOutKeyword,
  parseReceipt,
  type SmsEncoding,
  sanitizeSenderId,
  splitSms,
  toE164,
} from './sms.codec.ts';
import type { HttpGatewayTransport } from './sms.gateway.ts';
import './sms.messages.ts';
import { type Pdu, type SmppClient, SmppInDoubtError, SmppRejectedError } from './sms.smpp.ts';

/** How a message leaves: an SMPP bind, or a provider's HTTP API. */
export type SmsTransport =
  | { kind: 'smpp'; client: SmppClient }
  | { kind: 'http'; gateway: HttpGatewayTransport };

export interface SmsConfig {
  /** The sender ID (alphanumeric, ≤ 11) or number customers see. */
  sender: string;
  /** Send Vietnamese without diacritics so it fits GSM-7 (160 characters instead of 70). */
  stripDiacritics: boolean;
  /** The country of national-format numbers. */
  defaultCountry: CountryCode;
  /** How long a send waits for the SMSC to be bound again after a lost connection. */
  rebindWaitMs: number;
}

interface MessageRow {
  id: string;
  direction: 'in' | 'out';
  ref: string;
  notification_id: string | null;
  conversation_id: string | null;
  phone: string;
  sender: string;
  text: string;
  encoding: SmsEncoding;
  segments: number;
  concat_ref: number;
  status: 'pending' | 'submitted' | 'delivered' | 'failed' | 'received';
  error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

interface PartRow {
  sms_id: string;
  part_no: number;
  user_ref: number;
  status: 'pending' | 'submitting' | 'submitted' | 'delivered' | 'failed';
  smsc_message_id: string | null;
}

/** A permanent failure the notifications worker must not retry (it reads `responseCode` 5xx). */
function permanent(code: string): Error {
  return Object.assign(new Error(code), { code, reason: code, responseCode: 550 });
}

const PURPOSES_NEEDING_CONSENT = ['marketing', 'survey'];

const OPT_OUT_CONFIRMATION: Record<Locale, string> = {
  en: 'Banyan Bank: you will no longer receive marketing or survey messages. Service alerts continue.',
  'zh-CN': '榕树银行：您已退订营销及调查短信，交易提醒将继续发送。',
  vi: 'Ngan hang Banyan: quy khach da tu choi tin nhan tiep thi va khao sat. Tin bao giao dich van duoc gui.',
};

const OPT_IN_CONFIRMATION: Record<Locale, string> = {
  en: 'Banyan Bank: you will receive marketing and survey messages again. Reply STOP to opt out.',
  'zh-CN': '榕树银行：您已重新订阅营销及调查短信。回复“退订”可随时退订。',
  vi: 'Ngan hang Banyan: quy khach se nhan lai tin nhan tiep thi va khao sat. Soan TU CHOI de tu choi.',
};

function keywordLocale(keyword: string): Locale | null {
  if (/[\u4e00-\u9fff]/.test(keyword) || keyword === 'TD') return 'zh-CN';
  if (keyword.startsWith('TU') || keyword.startsWith('HUY') || keyword.startsWith('BAT')) return 'vi';
  return null;
}

function detectLanguage(text: string): Locale {
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh-CN';
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) return 'vi';
  return 'en';
}

/**
 * The SMS channel: sends the pipeline's messages (SmsSender) part by part with an identity that
 * survives retries, correlates delivery receipts to them, and files customers' texts as `sms`
 * conversations threaded by their E.164 number — or as an opt-out when the text is a STOP keyword.
 */
export function createSmsChannel(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  log: Logger;
  conversations: ConversationsService;
  customers: CustomersService;
  /** Late-bound: the notifications pipeline is built with this channel as its SMS sender. */
  notifications: () => NotificationsService;
  transport: SmsTransport;
  config: SmsConfig;
}) {
  const { db, ids, clock, log, conversations, customers, transport, config } = deps;
  const sender = sanitizeSenderId(config.sender);
  if (!sender) throw new AppError('SMS_SENDER_INVALID', 400);
  const senderId = sender;
  /** Parts of customers' long texts waiting for their siblings, by `phone|ref`. */
  const reassembly = new Map<string, { parts: Map<number, string>; total: number; to: string; at: number }>();
  const stats = { receiptsMatched: 0, receiptsUnmatched: 0 };

  async function findByRef(ref: string): Promise<MessageRow | null> {
    const result = await db.execute(sql`SELECT * FROM sms_messages WHERE ref = ${ref}`);
    return (result.rows[0] as unknown as MessageRow | undefined) ?? null;
  }

  async function isOptedOut(phone: string): Promise<boolean> {
    const e164 = toE164(phone, config.defaultCountry) ?? phone;
    const result = await db.execute(sql`SELECT 1 FROM sms_opt_outs WHERE phone = ${e164}`);
    return result.rows.length > 0;
  }

  /**
   * Stores the message and all its parts (`pending`) before anything is submitted; a second call with
   * the same identity finds them and keeps their encoding, concatenation reference and user references.
   */
  async function prepare(input: {
    ref: string;
    to: string;
    text: string;
    notificationId: string | null;
  }): Promise<{ message: MessageRow; parts: PartRow[] }> {
    let message = await findByRef(input.ref);
    if (!message) {
      const concatRef = randomInt(256);
      const encoded = encodeSms(input.text, { stripDiacritics: config.stripDiacritics, concatRef });
      const id = ids.uuid();
      const firstUserRef = randomInt(0x10000 - encoded.parts.length);
      await db.transaction(async (tx) => {
        const inserted = await tx.execute(sql`INSERT INTO sms_messages
            (id, direction, ref, notification_id, phone, sender, text, encoding, segments, concat_ref, status, created_at)
          VALUES (${id}, 'out', ${input.ref}, ${input.notificationId}, ${input.to}, ${senderId.value}, ${encoded.text},
            ${encoded.encoding}, ${encoded.parts.length}, ${concatRef}, 'pending', ${clock.now()})
          ON CONFLICT (ref) DO NOTHING RETURNING id`);
        if (inserted.rows.length === 0) return;
        for (let i = 0; i < encoded.parts.length; i++) {
          await tx.execute(sql`INSERT INTO sms_parts (sms_id, part_no, user_ref, status)
            VALUES (${id}, ${i + 1}, ${firstUserRef + i}, 'pending')`);
        }
      });
      message = (await findByRef(input.ref)) as MessageRow;
    }
    const parts = await db.execute(
      sql`SELECT * FROM sms_parts WHERE sms_id = ${message.id} ORDER BY part_no`,
    );
    return { message, parts: parts.rows as unknown as PartRow[] };
  }

  async function submitPart(message: MessageRow, part: PartRow, bytes: Buffer, dataCoding: number) {
    if (transport.kind !== 'smpp') return;
    const client = transport.client;
    const total = message.segments;
    const params: Record<string, unknown> = {
      source_addr: senderId.value,
      source_addr_ton: senderId.ton,
      source_addr_npi: senderId.npi,
      destination_addr: message.phone.replace(/^\+/, ''),
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      esm_class: total > 1 ? ESM_UDHI : 0,
      data_coding: dataCoding,
      registered_delivery: 1,
      short_message: bytes,
      user_message_reference: part.user_ref,
    };
    for (let attempt = 1; ; attempt++) {
      // An SMSC down for longer fails this attempt before anything is marked as leaving.
      await client.waitBound(config.rebindWaitMs);
      // Persisted before it leaves: a crash from here on finds the part in doubt, never forgotten.
      await db.execute(sql`UPDATE sms_parts SET status = 'submitting', attempts = attempts + 1
        WHERE sms_id = ${part.sms_id} AND part_no = ${part.part_no}`);
      try {
        const smscId = await client.submit(params);
        await db.execute(sql`UPDATE sms_parts SET status = 'submitted', smsc_message_id = ${smscId},
            submitted_at = ${clock.now()}, error = NULL
          WHERE sms_id = ${part.sms_id} AND part_no = ${part.part_no} AND status = 'submitting'`);
        return;
      } catch (error) {
        if (error instanceof SmppRejectedError) {
          await db.execute(sql`UPDATE sms_parts SET status = 'failed', error = ${error.code}
            WHERE sms_id = ${part.sms_id} AND part_no = ${part.part_no}`);
          throw permanent(error.code);
        }
        // In doubt (connection lost before the response): the same PDU again, same identity.
        if (error instanceof SmppInDoubtError && attempt < 3) {
          log.warn({ smsId: part.sms_id, part: part.part_no, attempt }, 'sms part in doubt, resubmitting');
          continue;
        }
        await db.execute(sql`UPDATE sms_parts SET error = ${(error as { code?: string }).code ?? 'SMPP_ERROR'}
          WHERE sms_id = ${part.sms_id} AND part_no = ${part.part_no}`);
        throw error;
      }
    }
  }

  /**
   * The pipeline's SMS sender: `id` is the notification's provider message id, the same on every
   * attempt. Parts the SMSC already acknowledged are never submitted again.
   */
  async function send(input: {
    id: string;
    to: string;
    text: string;
    purpose?: string;
    notificationId?: string;
  }): Promise<{ providerMessageId: string }> {
    const to = toE164(input.to, config.defaultCountry);
    if (!to) throw permanent('SMS_PHONE_INVALID');
    if (input.purpose && PURPOSES_NEEDING_CONSENT.includes(input.purpose) && (await isOptedOut(to)))
      throw permanent('SMS_OPTED_OUT');
    const { message, parts } = await prepare({
      ref: input.id,
      to,
      text: input.text,
      notificationId: input.notificationId ?? null,
    });
    if (message.status === 'failed') throw permanent(message.error ?? 'SMS_FAILED');
    const todo = parts.filter((p) => p.status === 'pending' || p.status === 'submitting');
    if (todo.length > 0) {
      if (transport.kind === 'smpp') {
        // Re-encoded from the stored text, encoding and reference: byte for byte the first attempt's.
        const encoded = encodeSms(message.text, { concatRef: message.concat_ref });
        await Promise.all(
          todo.map((p) => submitPart(message, p, encoded.parts[p.part_no - 1] as Buffer, encoded.dataCoding)),
        );
      } else {
        await db.execute(sql`UPDATE sms_parts SET status = 'submitting', attempts = attempts + 1
          WHERE sms_id = ${message.id}`);
        const providerId = await transport.gateway.submit({
          id: message.ref,
          to: message.phone,
          from: senderId.value,
          text: message.text,
        });
        // The provider reports on the whole message: its id goes on the first part.
        await db.execute(sql`UPDATE sms_parts SET status = 'submitted', submitted_at = ${clock.now()},
            smsc_message_id = CASE WHEN part_no = 1 THEN ${providerId} ELSE NULL END
          WHERE sms_id = ${message.id}`);
      }
    }
    await db.execute(sql`UPDATE sms_messages SET status = 'submitted', submitted_at = ${clock.now()}
      WHERE id = ${message.id} AND status = 'pending'`);
    return { providerMessageId: input.id };
  }

  /**
   * A delivery receipt for the SMSC's (or provider's) message id. The receipt can overtake our
   * write of that id (it follows the submit_sm_resp on the same socket), so a miss is retried briefly.
   */
  async function applyReceipt(input: { smscMessageId: string; stat: string; wholeMessage?: boolean }) {
    const now = clock.now();
    if (input.stat !== 'DELIVRD' && !isFinalFailure(input.stat)) return 'ignored';
    let part: PartRow | undefined;
    for (let i = 0; i < 50 && !part; i++) {
      const found = await db.execute(
        sql`SELECT * FROM sms_parts WHERE smsc_message_id = ${input.smscMessageId}`,
      );
      part = found.rows[0] as unknown as PartRow | undefined;
      if (!part) await new Promise((r) => setTimeout(r, 20 + i * 5));
    }
    if (!part) {
      stats.receiptsUnmatched++;
      log.warn({ smscMessageId: input.smscMessageId }, 'sms receipt for an unknown message');
      return 'unmatched';
    }
    stats.receiptsMatched++;
    const delivered = input.stat === 'DELIVRD';
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE sms_parts SET status = ${delivered ? 'delivered' : 'failed'},
          receipt_at = ${now}, error = ${delivered ? null : `SMSC_${input.stat}`}
        WHERE sms_id = ${part.sms_id} AND ${input.wholeMessage ? sql`true` : sql`part_no = ${part.part_no}`}`);
      // The message row is the lock: receipts of two parts settle one after the other.
      const locked = await tx.execute(
        sql`SELECT status, ref FROM sms_messages WHERE id = ${part.sms_id} FOR UPDATE`,
      );
      const m = locked.rows[0] as { status: string; ref: string };
      const counts = await tx.execute(sql`SELECT
          count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
          count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS total
        FROM sms_parts WHERE sms_id = ${part.sms_id}`);
      const s = {
        message_status: m.status,
        ref: m.ref,
        ...(counts.rows[0] as { delivered: number; failed: number; total: number }),
      };
      if (s.message_status === 'delivered' || s.message_status === 'failed') return;
      // The notification follows in the same transaction: the timeline never disagrees with the outbox.
      if (s.failed > 0) {
        await tx.execute(sql`UPDATE sms_messages SET status = 'failed', error = ${`SMSC_${input.stat}`}
          WHERE id = ${part.sms_id}`);
        await deps.notifications().markFailed(s.ref, 'SMS_UNDELIVERED', tx);
      } else if (s.delivered === s.total) {
        await tx.execute(sql`UPDATE sms_messages SET status = 'delivered', delivered_at = ${now}
          WHERE id = ${part.sms_id}`);
        await deps.notifications().markDelivered(s.ref, tx);
      }
    });
    return delivered ? 'delivered' : 'failed';
  }

  /** Every deliver_sm from the SMSC: a receipt, or (a part of) a customer's text. */
  async function onDeliver(pdu: Pdu): Promise<void> {
    const esm = Number(pdu.esm_class ?? 0);
    const sm = pdu.short_message as { message?: unknown; udh?: Buffer[] } | string | undefined;
    const text = typeof sm === 'string' ? sm : String(sm?.message ?? '');
    if ((esm & 0x3c) === 0x04) {
      const parsed = parseReceipt(text);
      const id = (pdu.receipted_message_id as string | undefined) ?? parsed?.id;
      const stat =
        typeof pdu.message_state === 'number' && MESSAGE_STATES[pdu.message_state]
          ? (MESSAGE_STATES[pdu.message_state] as string)
          : parsed?.stat;
      if (!id || !stat) {
        log.warn({}, 'sms receipt without id or state');
        return;
      }
      await applyReceipt({ smscMessageId: id, stat });
      return;
    }
    const from = String(pdu.source_addr ?? '');
    const to = String(pdu.destination_addr ?? '');
    const concatIe =
      typeof sm === 'object' ? sm.udh?.find((ie) => ie[0] === 0x00 || ie[0] === 0x08) : undefined;
    let full = text;
    let ref = createHash('sha256').update(`${from}|${to}|${text}|${clock.now().toISOString().slice(0, 16)}`);
    if (concatIe) {
      const big = concatIe[0] === 0x08;
      const cref = big ? concatIe.readUInt16BE(2) : (concatIe[2] as number);
      const total = concatIe[big ? 4 : 3] as number;
      const seq = concatIe[big ? 5 : 4] as number;
      const key = `${from}|${cref}`;
      const entry = reassembly.get(key) ?? { parts: new Map(), total, to, at: Date.now() };
      entry.parts.set(seq, text);
      reassembly.set(key, entry);
      if (entry.parts.size < entry.total) return;
      reassembly.delete(key);
      full = [...entry.parts.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, t]) => t)
        .join('');
      ref = createHash('sha256').update(`${from}|${to}|${full}|${clock.now().toISOString().slice(0, 16)}`);
    }
    // Forget incomplete long texts after ten minutes.
    for (const [key, entry] of reassembly) if (Date.now() - entry.at > 600_000) reassembly.delete(key);
    await ingest({ from, to, text: full, ref: `smpp:${ref.digest('hex').slice(0, 32)}` });
  }

  /**
   * Files a customer's text: an opt-out keyword records the opt-out and answers a confirmation;
   * anything else goes into the customer's open `sms` conversation (by E.164 number) or a new one in
   * the number's queue. Idempotent by `ref` (a redelivered deliver_sm or webhook stops here).
   */
  async function ingest(input: { from: string; to: string; text: string; ref: string }): Promise<{
    outcome: 'created' | 'threaded' | 'duplicate' | 'opted_out' | 'opted_in';
    conversationId: string | null;
  }> {
    const phone = toE164(input.from, config.defaultCountry);
    if (!phone) throw new AppError('SMS_PHONE_INVALID', 400);
    const number = input.to.replace(/^\+/, '');
    const split = splitSms(input.text);
    const smsId = ids.uuid();
    const claimed = await db.execute(sql`INSERT INTO sms_messages
        (id, direction, ref, phone, sender, text, encoding, segments, status, created_at)
      VALUES (${smsId}, 'in', ${input.ref}, ${phone}, ${number}, ${input.text.slice(0, MAX_MESSAGE_LENGTH)},
        ${split.encoding}, ${split.parts.length}, 'received', ${clock.now()})
      ON CONFLICT (ref) DO NOTHING RETURNING id`);
    if (claimed.rows.length === 0) return { outcome: 'duplicate', conversationId: null };
    const customer = await customers.findCustomerByPhone(phone);

    const keyword = optOutKeyword(input.text);
    if (keyword) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO sms_opt_outs (phone, keyword, customer_id, opted_out_at)
          VALUES (${phone}, ${keyword}, ${customer?.id ?? null}, ${clock.now()})
          ON CONFLICT (phone) DO UPDATE SET keyword = EXCLUDED.keyword, opted_out_at = EXCLUDED.opted_out_at`);
        if (customer)
          await tx.execute(sql`UPDATE customers SET marketing_sms = false WHERE id = ${customer.id}`);
        const locale = keywordLocale(keyword) ?? customer?.preferredLanguage ?? 'en';
        // A service message: the confirmation is sent even though marketing is now off.
        await deps.notifications().queueText(tx, {
          conversationId: null,
          customerId: customer?.id ?? null,
          to: phone,
          locale,
          text: OPT_OUT_CONFIRMATION[locale],
          idempotencyKey: `sms_opt_out:${input.ref}`,
        });
      });
      log.info({ keyword }, 'sms opt-out recorded');
      return { outcome: 'opted_out', conversationId: null };
    }

    // START (or 开始 / 订阅 / BẮT ĐẦU) from a number that opted out takes it off the list; from any
    // other number it is an ordinary message (a customer may well write "start" to the bank).
    const optIn = optInKeyword(input.text);
    if (optIn) {
      const resubscribed = await db.transaction(async (tx) => {
        const removed = await tx.execute(
          sql`DELETE FROM sms_opt_outs WHERE phone = ${phone} RETURNING phone`,
        );
        if (removed.rows.length === 0) return false;
        if (customer)
          await tx.execute(sql`UPDATE customers SET marketing_sms = true WHERE id = ${customer.id}`);
        const locale = keywordLocale(optIn) ?? customer?.preferredLanguage ?? 'en';
        await deps.notifications().queueText(tx, {
          conversationId: null,
          customerId: customer?.id ?? null,
          to: phone,
          locale,
          text: OPT_IN_CONFIRMATION[locale],
          idempotencyKey: `sms_opt_in:${input.ref}`,
        });
        return true;
      });
      if (resubscribed) {
        log.info({ keyword: optIn }, 'sms opt-in recorded');
        return { outcome: 'opted_in', conversationId: null };
      }
    }

    const open = await db.execute(sql`SELECT id FROM conversations
      WHERE channel = 'sms' AND contact_phone = ${phone} AND status <> 'closed'
      ORDER BY created_at DESC LIMIT 1`);
    let conversationId = (open.rows[0] as { id: string } | undefined)?.id ?? null;
    let outcome: 'created' | 'threaded' = 'threaded';
    if (!conversationId) {
      const queue = await db.execute(sql`SELECT queue_id FROM sms_numbers WHERE number = ${number}
        UNION ALL SELECT queue_id FROM (SELECT queue_id FROM sms_numbers ORDER BY created_at LIMIT 1) d`);
      const queueId = (queue.rows[0] as { queue_id: string } | undefined)?.queue_id;
      if (!queueId) throw new AppError('SMS_UNKNOWN_NUMBER', 404);
      const started = await conversations.startConversation({
        channel: 'sms',
        queueId,
        language: customer?.preferredLanguage ?? detectLanguage(input.text),
        customerId: customer?.id ?? null,
        contactName: customer?.fullName ?? null,
        contactPhone: phone,
      });
      conversationId = started.id;
      outcome = 'created';
    }
    await db.execute(sql`UPDATE sms_messages SET conversation_id = ${conversationId} WHERE id = ${smsId}`);
    await conversations.postMessage({
      conversationId,
      authorType: 'customer',
      authorId: null,
      clientId: `sms:${input.ref}`.slice(0, 200),
      kind: 'text',
      body: input.text.slice(0, MAX_MESSAGE_LENGTH),
    });
    return { outcome, conversationId };
  }

  async function addNumber(input: { number: string; queueId: string }): Promise<void> {
    await db.execute(sql`INSERT INTO sms_numbers (number, queue_id, created_at)
      VALUES (${input.number.replace(/^\+/, '')}, ${input.queueId}, ${clock.now()})
      ON CONFLICT (number) DO UPDATE SET queue_id = EXCLUDED.queue_id`);
  }

  /** Admin · SMS outbox: messages in and out, newest first, with their receipt status. */
  async function listOutbox(actor: Actor, query: { limit?: number; before?: string }) {
    requirePermission(actor, 'staff.manage');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const result = await db.execute(sql`SELECT * FROM sms_messages
      ${query.before ? sql`WHERE created_at < ${new Date(query.before)}` : sql``}
      ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
    const rows = result.rows as unknown as MessageRow[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        direction: r.direction,
        phone: r.phone,
        sender: r.sender,
        text: r.text,
        encoding: r.encoding,
        segments: Number(r.segments),
        status: r.status,
        error: r.error,
        notificationId: r.notification_id,
        conversationId: r.conversation_id,
        createdAt: new Date(r.created_at).toISOString(),
        deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      })),
      nextBefore:
        rows.length === limit ? new Date((rows.at(-1) as MessageRow).created_at).toISOString() : null,
    };
  }

  return {
    send,
    isOptedOut,
    onDeliver,
    applyReceipt,
    ingest,
    addNumber,
    listOutbox,
    findByRef,
    transport,
    stats,
  };
}

export type SmsChannel = ReturnType<typeof createSmsChannel>;
