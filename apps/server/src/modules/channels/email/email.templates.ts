import { sql } from 'drizzle-orm';
import type { Audit } from '../../../platform/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db, DbOrTx, Tx } from '../../../platform/db.ts';
import { AppError, translateUniqueViolation } from '../../../platform/errors.ts';
import type { Ids } from '../../../platform/ids.ts';
import { type Actor, hasPermission, requirePermission } from '../../../platform/rbac.ts';
import { type ConversationsService, fillTemplate } from '../../conversations/index.ts';
import { sanitizeEmailHtml } from './email.inbound.ts';
import { htmlToText } from './email.reply.ts';

export const TEMPLATE_LANGUAGES = ['en', 'zh-CN', 'vi'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export interface EmailTemplate {
  id: string;
  queueId: string | null;
  name: string;
  subjects: Record<string, string>;
  bodies: Record<string, string>;
  active: boolean;
  updatedAt: string;
}

export interface EmailSignature {
  id: string;
  queueId: string | null;
  language: TemplateLanguage;
  html: string;
  updatedAt: string;
}

/** A signature ready to append: filled, sanitized HTML and its text version. */
export interface ResolvedSignature {
  html: string;
  text: string;
  language: TemplateLanguage;
}

interface TemplateRow {
  id: string;
  queue_id: string | null;
  name: string;
  subjects: Record<string, string>;
  bodies: Record<string, string>;
  active: boolean;
  updated_at: Date | string;
}

interface SignatureRow {
  id: string;
  queue_id: string | null;
  language: TemplateLanguage;
  html: string;
  updated_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const toTemplate = (r: TemplateRow): EmailTemplate => ({
  id: r.id,
  queueId: r.queue_id,
  name: r.name,
  subjects: r.subjects,
  bodies: r.bodies,
  active: r.active,
  updatedAt: iso(r.updated_at),
});
const toSignature = (r: SignatureRow): EmailSignature => ({
  id: r.id,
  queueId: r.queue_id,
  language: r.language,
  html: r.html,
  updatedAt: iso(r.updated_at),
});

export const isTemplateLanguage = (value: string): value is TemplateLanguage =>
  (TEMPLATE_LANGUAGES as readonly string[]).includes(value);

/** The variant in `language`, English when that one is missing or empty (as canned responses). */
export function inLanguage(
  variants: Record<string, string>,
  language: string,
): { text: string; language: TemplateLanguage } {
  const own = variants[language];
  if (own?.trim() && isTemplateLanguage(language)) return { text: own, language };
  return { text: variants.en ?? '', language: 'en' };
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Fills `{customerName}`-style variables into HTML: the values are escaped, so a name is never markup. */
export function fillHtml(html: string, values: Record<string, string>): string {
  const escaped = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)]));
  return fillTemplate(html, escaped);
}

/**
 * Email templates and signatures per queue and language (decision 0011). An administrator
 * (`email.templates` scope `all`) manages every queue's and the global ones; a supervisor (scope
 * `team`) those of the queues one of their teams owns (`routing_queues.team_id`), and reads the
 * global ones. Agents read them only through `compose`, for the conversation they work. Every
 * write is audited: these are what the bank says to customers.
 */
export function createEmailTemplates(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  audit: Audit;
  conversations: ConversationsService;
  bankName: string;
}) {
  const { db, ids, clock, audit, conversations, bankName } = deps;

  /** Throws unless `actor` may write the templates and signatures of `queueId` (null: global). */
  async function assertMayManage(tx: DbOrTx, actor: Actor, queueId: string | null): Promise<void> {
    const scope = requirePermission(actor, 'email.templates');
    if (queueId) {
      const found = await tx.execute(sql`SELECT team_id FROM routing_queues WHERE id = ${queueId}`);
      const queue = found.rows[0] as { team_id: string | null } | undefined;
      if (!queue) throw new AppError('EMAIL_TEMPLATE_QUEUE_NOT_FOUND', 400);
      if (scope === 'all') return;
      if (queue.team_id && actor.teamIds.includes(queue.team_id)) return;
      throw new AppError('AUTH_FORBIDDEN', 403);
    }
    if (scope !== 'all') throw new AppError('AUTH_FORBIDDEN', 403);
  }

  /** The queues a supervisor's teams own, as a filter (an administrator sees all). */
  function visibleQueues(actor: Actor) {
    const scope = requirePermission(actor, 'email.templates');
    if (scope === 'all') return sql`TRUE`;
    const teams = `{${actor.teamIds.join(',')}}`;
    return sql`(queue_id IS NULL OR queue_id IN (SELECT id FROM routing_queues WHERE team_id = ANY(${teams}::uuid[])))`;
  }

  async function record(tx: Tx, actor: Actor, action: string, target: string, details: object) {
    await audit.record(tx, {
      actorId: actor.userId,
      actorName: actor.username,
      action,
      targetType: action.startsWith('email.signature') ? 'email_signature' : 'email_template',
      targetId: target,
      ip: actor.ip,
      details: details as Record<string, unknown>,
    });
  }

  /** Sanitized variants; English must keep some text once sanitized. */
  function cleanBodies(bodies: Record<string, string | undefined>): Record<string, string> {
    const clean: Record<string, string> = {};
    for (const language of TEMPLATE_LANGUAGES) {
      const value = bodies[language];
      if (value === undefined) continue;
      const html = sanitizeEmailHtml(value);
      clean[language] = htmlToText(html) === '' ? '' : html;
    }
    if (!clean.en) throw new AppError('EMAIL_TEMPLATE_BODY_EMPTY', 400);
    return clean;
  }

  function cleanSubjects(subjects: Record<string, string | undefined> | undefined): Record<string, string> {
    const clean: Record<string, string> = {};
    for (const language of TEMPLATE_LANGUAGES) {
      const value = subjects?.[language];
      if (value === undefined) continue;
      // A subject is one header line: CR/LF (header injection) is refused, not silently folded.
      if (/[\r\n]/.test(value)) throw new AppError('EMAIL_TEMPLATE_SUBJECT_INVALID', 400);
      clean[language] = value.trim();
    }
    return clean;
  }

  async function listTemplates(actor: Actor): Promise<EmailTemplate[]> {
    const result = await db.execute(sql`SELECT * FROM email_templates WHERE ${visibleQueues(actor)}
      ORDER BY queue_id NULLS FIRST, name`);
    return (result.rows as unknown as TemplateRow[]).map(toTemplate);
  }

  async function createTemplate(
    actor: Actor,
    input: {
      queueId: string | null;
      name: string;
      subjects?: Record<string, string | undefined>;
      bodies: Record<string, string | undefined>;
      active?: boolean;
    },
  ): Promise<EmailTemplate> {
    const name = input.name.trim();
    if (name === '') throw new AppError('EMAIL_TEMPLATE_NAME_REQUIRED', 400);
    const subjects = cleanSubjects(input.subjects);
    const bodies = cleanBodies(input.bodies);
    return db
      .transaction(async (tx) => {
        await assertMayManage(tx, actor, input.queueId);
        const now = clock.now();
        const result = await tx.execute(sql`INSERT INTO email_templates
            (id, queue_id, name, subjects, bodies, active, created_at, updated_at)
          VALUES (${ids.uuid()}, ${input.queueId}, ${name}, ${JSON.stringify(subjects)}::jsonb,
            ${JSON.stringify(bodies)}::jsonb, ${input.active ?? true}, ${now}, ${now}) RETURNING *`);
        const item = toTemplate(result.rows[0] as unknown as TemplateRow);
        await record(tx, actor, 'email.template_created', item.id, { queueId: item.queueId, name });
        return item;
      })
      .catch((error) =>
        translateUniqueViolation(error, { email_templates_queue_name_key: 'EMAIL_TEMPLATE_NAME_TAKEN' }),
      );
  }

  async function loadTemplate(tx: DbOrTx, id: string): Promise<TemplateRow> {
    const result = await tx.execute(sql`SELECT * FROM email_templates WHERE id = ${id} FOR UPDATE`);
    const row = result.rows[0] as unknown as TemplateRow | undefined;
    if (!row) throw new AppError('EMAIL_TEMPLATE_NOT_FOUND', 404);
    return row;
  }

  async function updateTemplate(
    actor: Actor,
    id: string,
    input: {
      name?: string;
      subjects?: Record<string, string | undefined>;
      bodies?: Record<string, string | undefined>;
      active?: boolean;
    },
  ): Promise<EmailTemplate> {
    requirePermission(actor, 'email.templates');
    const name = input.name?.trim();
    if (name === '') throw new AppError('EMAIL_TEMPLATE_NAME_REQUIRED', 400);
    const subjects = input.subjects ? cleanSubjects(input.subjects) : null;
    const bodies = input.bodies ? cleanBodies(input.bodies) : null;
    return db
      .transaction(async (tx) => {
        const row = await loadTemplate(tx, id);
        await assertMayManage(tx, actor, row.queue_id);
        const result = await tx.execute(sql`UPDATE email_templates SET
            name = coalesce(${name ?? null}, name),
            subjects = coalesce(${subjects ? JSON.stringify(subjects) : null}::jsonb, subjects),
            bodies = coalesce(${bodies ? JSON.stringify(bodies) : null}::jsonb, bodies),
            active = coalesce(${input.active ?? null}::boolean, active), updated_at = ${clock.now()}
          WHERE id = ${id} RETURNING *`);
        const item = toTemplate(result.rows[0] as unknown as TemplateRow);
        await record(tx, actor, 'email.template_updated', id, {
          queueId: item.queueId,
          changed: Object.keys(input),
        });
        return item;
      })
      .catch((error) =>
        translateUniqueViolation(error, { email_templates_queue_name_key: 'EMAIL_TEMPLATE_NAME_TAKEN' }),
      );
  }

  async function deleteTemplate(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'email.templates');
    await db.transaction(async (tx) => {
      const row = await loadTemplate(tx, id);
      await assertMayManage(tx, actor, row.queue_id);
      await tx.execute(sql`DELETE FROM email_templates WHERE id = ${id}`);
      await record(tx, actor, 'email.template_deleted', id, { queueId: row.queue_id, name: row.name });
    });
  }

  async function listSignatures(actor: Actor): Promise<EmailSignature[]> {
    const result = await db.execute(sql`SELECT * FROM email_signatures WHERE ${visibleQueues(actor)}
      ORDER BY queue_id NULLS FIRST, language`);
    return (result.rows as unknown as SignatureRow[]).map(toSignature);
  }

  /** Sets the signature of a queue (null: global) in one language, replacing the one there was. */
  async function putSignature(
    actor: Actor,
    input: { queueId: string | null; language: TemplateLanguage; html: string },
  ): Promise<{ signature: EmailSignature; created: boolean }> {
    const html = sanitizeEmailHtml(input.html);
    if (htmlToText(html) === '') throw new AppError('EMAIL_SIGNATURE_EMPTY', 400);
    return db.transaction(async (tx) => {
      await assertMayManage(tx, actor, input.queueId);
      const now = clock.now();
      const result =
        await tx.execute(sql`INSERT INTO email_signatures (id, queue_id, language, html, created_at, updated_at)
        VALUES (${ids.uuid()}, ${input.queueId}, ${input.language}, ${html}, ${now}, ${now})
        ON CONFLICT ON CONSTRAINT email_signatures_queue_language_key
          DO UPDATE SET html = excluded.html, updated_at = excluded.updated_at
        RETURNING *, (xmax = 0) AS inserted`);
      const row = result.rows[0] as unknown as SignatureRow & { inserted: boolean };
      await record(tx, actor, 'email.signature_set', row.id, {
        queueId: row.queue_id,
        language: row.language,
      });
      return { signature: toSignature(row), created: row.inserted };
    });
  }

  async function deleteSignature(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'email.templates');
    await db.transaction(async (tx) => {
      const found = await tx.execute(sql`SELECT * FROM email_signatures WHERE id = ${id} FOR UPDATE`);
      const row = found.rows[0] as unknown as SignatureRow | undefined;
      if (!row) throw new AppError('EMAIL_SIGNATURE_NOT_FOUND', 404);
      await assertMayManage(tx, actor, row.queue_id);
      await tx.execute(sql`DELETE FROM email_signatures WHERE id = ${id}`);
      await record(tx, actor, 'email.signature_deleted', id, {
        queueId: row.queue_id,
        language: row.language,
      });
    });
  }

  /** The values of a conversation's template variables, as plain text. */
  async function variablesOf(
    tx: DbOrTx,
    conversationId: string,
    agentName: string,
  ): Promise<{ values: Record<string, string>; queueId: string | null; language: string }> {
    const result = await tx.execute(sql`SELECT c.queue_id, c.language,
        coalesce(nullif(c.contact_name, ''), cu.given_name, cu.full_name) AS customer_name,
        q.name AS queue_name,
        (SELECT k.number FROM case_conversations cc JOIN cases k ON k.id = cc.case_id
          WHERE cc.conversation_id = c.id ORDER BY k.created_at DESC LIMIT 1) AS case_number
      FROM conversations c
      LEFT JOIN customers cu ON cu.id = c.customer_id
      LEFT JOIN routing_queues q ON q.id = c.queue_id
      WHERE c.id = ${conversationId}`);
    const row = result.rows[0] as
      | {
          queue_id: string | null;
          language: string;
          customer_name: string | null;
          queue_name: string | null;
          case_number: string | null;
        }
      | undefined;
    if (!row) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    // A variable with no value stays as written (`fillTemplate`), so the agent sees it is missing.
    const values: Record<string, string> = { agentName, bankName };
    if (row.customer_name) values.customerName = row.customer_name;
    if (row.queue_name) values.queueName = row.queue_name;
    if (row.case_number) values.caseNumber = row.case_number;
    return { values, queueId: row.queue_id, language: row.language };
  }

  /**
   * The signature an outbound reply gets: the queue's in the conversation's language, else the
   * queue's in English, else the global one (in the language, then English), else none.
   */
  async function signatureFor(
    tx: DbOrTx,
    conversationId: string,
    agentName: string,
  ): Promise<ResolvedSignature | null> {
    const { values, queueId, language } = await variablesOf(tx, conversationId, agentName);
    const result = await tx.execute(sql`SELECT language, html FROM email_signatures
      WHERE (queue_id = ${queueId} OR queue_id IS NULL) AND language IN (${language}, 'en')
      ORDER BY queue_id NULLS LAST, (language = ${language}) DESC LIMIT 1`);
    const row = result.rows[0] as { language: TemplateLanguage; html: string } | undefined;
    if (!row) return null;
    const html = sanitizeEmailHtml(fillHtml(row.html, values));
    return { html, text: htmlToText(html), language: row.language };
  }

  /** Only the agent working the conversation, or a supervisor, reads what the email box offers. */
  async function assertMayCompose(actor: Actor, conversationId: string) {
    requirePermission(actor, 'desk.use');
    const c = await conversations.getConversation(conversationId);
    const mayRead =
      c.assignee_id === actor.userId ||
      hasPermission(actor, 'supervisor.view') ||
      (await conversations.isAssignedInRouting(c.id, actor.userId));
    if (!mayRead) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    if (c.channel !== 'email') throw new AppError('EMAIL_REPLY_NOT_EMAIL', 409);
    return c;
  }

  /** The email box's templates (queue + global, active, filled, in the language) and signature preview. */
  async function compose(actor: Actor, conversationId: string) {
    await assertMayCompose(actor, conversationId);
    const { values, queueId, language } = await variablesOf(db, conversationId, actor.displayName);
    const result = await db.execute(sql`SELECT * FROM email_templates
      WHERE active AND (queue_id IS NULL OR queue_id = ${queueId})
      ORDER BY queue_id NULLS LAST, name`);
    const templates = (result.rows as unknown as TemplateRow[]).map((row) => {
      const body = inLanguage(row.bodies, language);
      const subject = inLanguage(row.subjects, body.language).text;
      return {
        id: row.id,
        queueId: row.queue_id,
        name: row.name,
        language: body.language,
        subject: fillTemplate(subject, values),
        html: sanitizeEmailHtml(fillHtml(body.text, values)),
      };
    });
    return {
      language: isTemplateLanguage(language) ? language : ('en' as const),
      templates,
      signature: await signatureFor(db, conversationId, actor.displayName),
    };
  }

  return {
    listTemplates,
    createTemplate,
    updateTemplate,
    deleteTemplate,
    listSignatures,
    putSignature,
    deleteSignature,
    signatureFor,
    compose,
  };
}

export type EmailTemplates = ReturnType<typeof createEmailTemplates>;
