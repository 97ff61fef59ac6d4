import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ANALYTICS_INPUT_EVENTS, type FeedbackSubmittedPayload } from '#contracts/analytics-inputs.ts';
import type { TicketEventPayload } from '#contracts/branch.ts';
import type { CaseStatusChangedPayload } from '#contracts/cases.ts';
import type { CreateSurvey, PublicSurvey, Survey, SurveyAnswer, UpdateSurvey } from '#contracts/surveys.ts';
import type { createAudit } from '../../platform/audit.ts';
import { type Clock, isValidTimeZone } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { createEvents, StoredEvent } from '../../platform/events.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import { type Actor, requirePermission } from '../../platform/rbac.ts';
import type { Secrets } from '../../platform/secrets.ts';
import { CONVERSATION_EVENTS, type ConversationStepPayload } from '../conversations/index.ts';
import { createSurveyResults } from './surveys.results.ts';
import type { SurveyQuestion } from './surveys.schema.ts';

type Events = ReturnType<typeof createEvents>;
type Language = 'en' | 'zh-CN' | 'vi';

export const SURVEY_EVENTS = {
  /** A link to send by e-mail or SMS (the channel adapters deliver it at `sendAt`). */
  invitationQueued: 'survey.invitation_queued',
} as const;

const SIGNING_KEY = 'survey_links';

/** The standard questions of each kind (docs/metrics.md § Surveys). */
export const STANDARD_QUESTIONS: Record<'csat' | 'nps' | 'ces', SurveyQuestion[]> = {
  csat: [
    {
      id: 'score',
      type: 'scale',
      min: 1,
      max: 5,
      isScore: true,
      text: {
        en: 'How satisfied are you with the service you received?',
        'zh-CN': '您对本次服务满意吗？',
        vi: 'Anh/chị hài lòng với dịch vụ vừa nhận được ở mức nào?',
      },
    },
    {
      id: 'comment',
      type: 'text',
      text: {
        en: 'Anything we could do better?',
        'zh-CN': '我们还有哪些可以改进？',
        vi: 'Chúng tôi có thể làm tốt hơn ở điểm nào?',
      },
    },
  ],
  nps: [
    {
      id: 'score',
      type: 'scale',
      min: 0,
      max: 10,
      isScore: true,
      text: {
        en: 'How likely are you to recommend us to a friend or colleague?',
        'zh-CN': '您向朋友或同事推荐我们的可能性有多大？',
        vi: 'Anh/chị có sẵn lòng giới thiệu chúng tôi với bạn bè, đồng nghiệp không?',
      },
    },
    {
      id: 'why',
      type: 'text',
      text: {
        en: 'Why did you give this score?',
        'zh-CN': '您给出这个分数的原因是什么？',
        vi: 'Vì sao anh/chị chọn mức điểm này?',
      },
    },
  ],
  ces: [
    {
      id: 'score',
      type: 'scale',
      min: 1,
      max: 7,
      isScore: true,
      text: {
        en: 'How easy was it to get your issue resolved?',
        'zh-CN': '解决您的问题有多容易？',
        vi: 'Việc giải quyết vấn đề của anh/chị dễ dàng đến mức nào?',
      },
    },
  ],
};

/** A fraction in [0, 1) fixed by the id: the sampling decision is the same on every replay. */
export const sampleOf = (id: string): number =>
  createHash('sha256').update(id).digest().readUInt32BE(0) / 4_294_967_296;

/** The first instant at or after `at` outside the local quiet hours [start, end) of `timeZone`. */
export function outsideQuietHours(
  at: Date,
  start: number | null,
  end: number | null,
  timeZone: string,
): Date {
  if (start === null || end === null || start === end) return at;
  const hourOf = (d: Date) =>
    Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(d));
  const quiet = (h: number) => (start < end ? h >= start && h < end : h >= start || h < end);
  let t = new Date(at);
  for (let i = 0; i < 24 && quiet(hourOf(t)); i++) {
    t = new Date(Math.floor(t.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
  }
  return t;
}

interface DefinitionRow {
  id: string;
  code: string;
  kind: string;
  trigger: string;
  sampling_rate: number;
  quiet_start_hour: number | null;
  quiet_end_hour: number | null;
  time_zone: string;
  min_days_between: number;
  link_valid_days: number;
  questions: SurveyQuestion[];
  is_active: boolean;
}

const toSurvey = (r: DefinitionRow): Survey => ({
  id: r.id,
  code: r.code,
  kind: r.kind,
  trigger: r.trigger,
  samplingRate: Number(r.sampling_rate),
  quietStartHour: r.quiet_start_hour,
  quietEndHour: r.quiet_end_hour,
  timeZone: r.time_zone,
  minDaysBetween: r.min_days_between,
  linkValidDays: r.link_valid_days,
  questions: r.questions,
  isActive: r.is_active,
});

function checkQuestions(questions: readonly SurveyQuestion[]): void {
  for (const q of questions) {
    if (q.type === 'scale' && !(q.min !== undefined && q.max !== undefined && q.min < q.max))
      throw new AppError('SURVEY_INVALID_SCALE', 400, undefined, { question: q.id });
  }
  if (
    new Set(questions.map((q) => q.id)).size !== questions.length ||
    questions.filter((q) => q.isScore).length > 1
  )
    throw new AppError('SURVEY_INVALID_QUESTIONS', 400);
}

/** Half a window would be silently ignored: links would go out at night. */
function checkQuietHours(start: number | null, end: number | null): void {
  if ((start === null) !== (end === null)) throw new AppError('SURVEY_QUIET_HOURS_INVALID', 400);
}

function checkTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone });
}

export function createSurveysService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  events: Events;
  audit: ReturnType<typeof createAudit>;
  secrets: Secrets;
  publicUrl: string;
}) {
  const { db, ids, clock, events, audit, secrets } = deps;

  async function createSurvey(actor: Actor | null, input: CreateSurvey): Promise<Survey> {
    if (requirePermission(actor, 'quality.evaluate') !== 'all') throw new AppError('AUTH_FORBIDDEN', 403);
    const questions = input.questions ?? (input.kind === 'custom' ? null : STANDARD_QUESTIONS[input.kind]);
    if (!questions) throw new AppError('SURVEY_QUESTIONS_REQUIRED', 400);
    checkQuestions(questions);
    checkQuietHours(input.quietStartHour ?? null, input.quietEndHour ?? null);
    const timeZone = input.timeZone ?? 'UTC';
    checkTimeZone(timeZone);
    const id = ids.uuid();
    return db.transaction(async (tx) => {
      const taken = await tx.execute(sql`SELECT 1 FROM survey_definitions WHERE code = ${input.code}`);
      if (taken.rows.length > 0) throw new AppError('SURVEY_CODE_TAKEN', 409);
      const result =
        await tx.execute(sql`INSERT INTO survey_definitions (id, code, kind, trigger, sampling_rate,
          quiet_start_hour, quiet_end_hour, time_zone, min_days_between, link_valid_days, questions, created_at)
        VALUES (${id}, ${input.code}, ${input.kind}, ${input.trigger}, ${input.samplingRate ?? 1},
          ${input.quietStartHour ?? null}, ${input.quietEndHour ?? null}, ${timeZone}, ${input.minDaysBetween ?? 30},
          ${input.linkValidDays ?? 7}, ${JSON.stringify(questions)}::jsonb, ${clock.now()})
        RETURNING *`);
      await audit.record(tx, {
        actorId: actor?.userId ?? null,
        actorName: actor?.username ?? null,
        action: 'survey.created',
        targetType: 'survey',
        targetId: id,
        details: { code: input.code, kind: input.kind, trigger: input.trigger },
      });
      return toSurvey(result.rows[0] as unknown as DefinitionRow);
    });
  }

  /**
   * Changes a survey's trigger, sampling, quiet hours, frequency cap, questions or active flag. The
   * code and kind stay: stored responses and the results page read by them. Audited with the fields
   * changed (not their values: question texts are not audit material).
   */
  async function updateSurvey(actor: Actor | null, id: string, input: UpdateSurvey): Promise<Survey> {
    if (requirePermission(actor, 'quality.evaluate') !== 'all') throw new AppError('AUTH_FORBIDDEN', 403);
    if (input.questions) checkQuestions(input.questions);
    if (input.timeZone !== undefined) checkTimeZone(input.timeZone);
    return db.transaction(async (tx) => {
      const found = await tx.execute(sql`SELECT * FROM survey_definitions WHERE id = ${id} FOR UPDATE`);
      const current = found.rows[0] as unknown as DefinitionRow | undefined;
      if (!current) throw new AppError('SURVEY_NOT_FOUND', 404);
      checkQuietHours(
        input.quietStartHour === undefined ? current.quiet_start_hour : input.quietStartHour,
        input.quietEndHour === undefined ? current.quiet_end_hour : input.quietEndHour,
      );
      const pick = <K extends keyof UpdateSurvey, V>(key: K, fallback: V) =>
        input[key] === undefined ? fallback : input[key];
      const result = await tx.execute(sql`UPDATE survey_definitions SET
          trigger = ${pick('trigger', current.trigger)},
          sampling_rate = ${pick('samplingRate', Number(current.sampling_rate))},
          quiet_start_hour = ${pick('quietStartHour', current.quiet_start_hour)},
          quiet_end_hour = ${pick('quietEndHour', current.quiet_end_hour)},
          time_zone = ${pick('timeZone', current.time_zone)},
          min_days_between = ${pick('minDaysBetween', current.min_days_between)},
          link_valid_days = ${pick('linkValidDays', current.link_valid_days)},
          questions = ${JSON.stringify(input.questions ?? current.questions)}::jsonb,
          is_active = ${pick('isActive', current.is_active)}
        WHERE id = ${id} RETURNING *`);
      const action =
        input.isActive === undefined || input.isActive === current.is_active
          ? 'survey.updated'
          : input.isActive
            ? 'survey.activated'
            : 'survey.deactivated';
      await audit.record(tx, {
        actorId: actor?.userId ?? null,
        actorName: actor?.username ?? null,
        action,
        targetType: 'survey',
        targetId: id,
        details: { code: current.code, fields: Object.keys(input).sort() },
      });
      return toSurvey(result.rows[0] as unknown as DefinitionRow);
    });
  }

  async function listSurveys(actor: Actor | null): Promise<Survey[]> {
    requirePermission(actor, 'quality.evaluate');
    const result = await db.execute(sql`SELECT * FROM survey_definitions ORDER BY code`);
    return (result.rows as unknown as DefinitionRow[]).map(toSurvey);
  }

  /** The contact a survey asks about, and the rules' inputs (one per triggering event). */
  interface Contact {
    trigger: 'chat_closed' | 'case_resolved' | 'branch_visit';
    /** The contact's id: the sampling decision hashes survey + this, so a replay decides alike. */
    contactId: string;
    customerId: string;
    language: Language;
    conversationId?: string | null;
    caseId?: string | null;
    ticketId?: string | null;
    agentId?: string | null;
    queueId?: string | null;
    branchId?: string | null;
  }

  /**
   * Invites the contact's customer to each active survey of the trigger that samples this contact,
   * unless the customer was invited within the survey's minimum days; the link leaves after quiet
   * hours. Runs in the triggering event's handler transaction (one invitation per event and survey).
   */
  async function invite(event: StoredEvent, tx: Tx, c: Contact): Promise<void> {
    const definitions = await tx.execute(
      sql`SELECT * FROM survey_definitions WHERE is_active AND trigger = ${c.trigger} ORDER BY code`,
    );
    const now = clock.now();
    for (const d of definitions.rows as unknown as DefinitionRow[]) {
      if (sampleOf(`${d.id}:${c.contactId}`) >= Number(d.sampling_rate)) continue;
      const recent = await tx.execute(sql`SELECT 1 FROM survey_invitations WHERE customer_id = ${c.customerId}
        AND created_at > ${new Date(now.getTime() - d.min_days_between * 86_400_000)} LIMIT 1`);
      if (recent.rows.length > 0) continue;
      // Already asked about this contact (e.g. answered in the widget or on the pad): no link on top.
      const asked = await tx.execute(sql`SELECT 1 FROM survey_invitations WHERE definition_id = ${d.id}
        AND (conversation_id = ${c.conversationId ?? null} OR case_id = ${c.caseId ?? null}
          OR ticket_id = ${c.ticketId ?? null}) LIMIT 1`);
      if (asked.rows.length > 0) continue;
      const id = ids.uuid();
      const sendAt = outsideQuietHours(now, d.quiet_start_hour, d.quiet_end_hour, d.time_zone);
      const expiresAt = new Date(sendAt.getTime() + d.link_valid_days * 86_400_000);
      const inserted =
        await tx.execute(sql`INSERT INTO survey_invitations (id, definition_id, source_event_id,
          conversation_id, case_id, ticket_id, customer_id, agent_id, queue_id, branch_id, language, send_at,
          expires_at, created_at)
        VALUES (${id}, ${d.id}, ${event.id}, ${c.conversationId ?? null}, ${c.caseId ?? null},
          ${c.ticketId ?? null}, ${c.customerId}, ${c.agentId ?? null}, ${c.queueId ?? null}, ${c.branchId ?? null},
          ${c.language}, ${sendAt}, ${expiresAt}, ${now})
        ON CONFLICT (definition_id, source_event_id) DO NOTHING RETURNING id`);
      if (inserted.rows.length === 0) continue;
      const token = await secrets.sign(SIGNING_KEY, { inv: id, exp: expiresAt.getTime() });
      await events.publish(tx, {
        type: SURVEY_EVENTS.invitationQueued,
        payload: {
          invitationId: id,
          customerId: c.customerId,
          language: c.language,
          sendAt: sendAt.toISOString(),
          url: `${deps.publicUrl}/survey?token=${encodeURIComponent(token)}`,
        },
      });
    }
  }

  const languageOf = (value: string | undefined): Language =>
    value === 'zh-CN' || value === 'vi' ? value : 'en';

  /** After a chat closes (customers only: an anonymous visitor has no address to send a link to). */
  async function onChatClosed(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as ConversationStepPayload;
    if (!p.customerId) return;
    const conversation = await tx.execute(
      sql`SELECT language FROM conversations WHERE id = ${p.conversationId}`,
    );
    await invite(event, tx, {
      trigger: 'chat_closed',
      contactId: p.conversationId,
      customerId: p.customerId,
      language: languageOf((conversation.rows[0] as { language: string } | undefined)?.language),
      conversationId: p.conversationId,
      agentId: p.agentId,
      queueId: p.queueId,
    });
  }

  /** After a case is resolved: about its owner, in the case's language. */
  async function onCaseResolved(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as CaseStatusChangedPayload;
    if (!p.customerId) return;
    const found = await tx.execute(sql`SELECT language FROM cases WHERE id = ${p.caseId}`);
    await invite(event, tx, {
      trigger: 'case_resolved',
      contactId: p.caseId,
      customerId: p.customerId,
      language: languageOf((found.rows[0] as { language: string } | undefined)?.language),
      caseId: p.caseId,
      agentId: p.ownerId,
    });
  }

  /** After an identified customer's branch visit is served: about the teller and the branch. */
  async function onTicketServed(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as TicketEventPayload;
    if (!p.customerId) return;
    const found = await tx.execute(sql`SELECT preferred_language FROM customers WHERE id = ${p.customerId}`);
    await invite(event, tx, {
      trigger: 'branch_visit',
      contactId: p.ticketId,
      customerId: p.customerId,
      language: languageOf((found.rows[0] as { preferred_language: string } | undefined)?.preferred_language),
      ticketId: p.ticketId,
      agentId: p.tellerId,
      branchId: p.branchId,
    });
  }

  /** The invitation behind a link: forged, tampered or expired links are one answer (not found). */
  async function invitationOf(token: string) {
    const payload = await secrets.verify<{ inv: string; exp: number }>(SIGNING_KEY, token, clock.now());
    if (!payload || typeof payload.inv !== 'string') throw new AppError('SURVEY_LINK_INVALID', 404);
    return payload.inv;
  }

  async function getPublicSurvey(token: string, lang?: Language): Promise<PublicSurvey> {
    const id = await invitationOf(token);
    const result = await db.execute(sql`SELECT i.used_at, i.language, d.kind, d.questions
      FROM survey_invitations i JOIN survey_definitions d ON d.id = i.definition_id WHERE i.id = ${id}`);
    const row = result.rows[0] as
      | { used_at: string | null; language: Language; kind: string; questions: SurveyQuestion[] }
      | undefined;
    if (!row) throw new AppError('SURVEY_LINK_INVALID', 404);
    if (row.used_at) throw new AppError('SURVEY_ALREADY_ANSWERED', 410);
    const language = lang ?? row.language;
    return {
      kind: row.kind,
      language,
      questions: row.questions.map((q) => ({
        id: q.id,
        type: q.type,
        min: q.min ?? null,
        max: q.max ?? null,
        text: q.text[language] ?? q.text.en,
      })),
    };
  }

  interface InvitationRow {
    id: string;
    used_at: string | null;
    definition_id: string;
    language: Language;
    kind: string;
    questions: SurveyQuestion[];
    conversation_id: string | null;
    case_id: string | null;
    customer_id: string | null;
    agent_id: string | null;
    queue_id: string | null;
    branch_id: string | null;
    ticket_id: string | null;
  }

  const lockInvitation = async (tx: Tx, where: ReturnType<typeof sql>) => {
    const result = await tx.execute(sql`SELECT i.*, d.kind, d.questions FROM survey_invitations i
      JOIN survey_definitions d ON d.id = i.definition_id WHERE ${where} FOR UPDATE OF i`);
    return result.rows[0] as unknown as InvitationRow | undefined;
  };

  /**
   * Checks the answers against the questions, masks free text, spends the invitation and stores
   * the response with its links; publishes `feedback.submitted`. One response per invitation.
   */
  async function store(
    tx: Tx,
    inv: InvitationRow,
    input: SurveyAnswer,
    source: FeedbackSubmittedPayload['source'],
    serviceId: string | null = null,
  ): Promise<{ received: true; at: string }> {
    if (inv.used_at) throw new AppError('SURVEY_ALREADY_ANSWERED', 410);
    const answers: Record<string, number | string> = {};
    let score: number | null = null;
    for (const q of inv.questions) {
      const value = input.answers[q.id];
      if (value === undefined || value === '') continue;
      if (q.type === 'scale') {
        if (typeof value !== 'number' || value < (q.min ?? 0) || value > (q.max ?? 10))
          throw new AppError('SURVEY_INVALID_ANSWER', 400, undefined, { question: q.id });
        answers[q.id] = value;
        if (q.isScore) score = value;
      } else {
        if (typeof value !== 'string')
          throw new AppError('SURVEY_INVALID_ANSWER', 400, undefined, { question: q.id });
        answers[q.id] = maskPans(value.trim());
      }
    }
    const unknown = Object.keys(input.answers).filter((k) => !inv.questions.some((q) => q.id === k));
    if (unknown.length > 0)
      throw new AppError('SURVEY_INVALID_ANSWER', 400, undefined, { question: unknown[0] as string });
    if (Object.keys(answers).length === 0) throw new AppError('SURVEY_EMPTY_ANSWER', 400);
    const now = clock.now();
    const language = input.language ?? inv.language;
    await tx.execute(sql`UPDATE survey_invitations SET used_at = ${now} WHERE id = ${inv.id}`);
    await tx.execute(sql`INSERT INTO survey_responses (id, invitation_id, definition_id, kind, source, score, answers,
        language, conversation_id, case_id, customer_id, agent_id, queue_id, branch_id, ticket_id, service_id, created_at)
      VALUES (${ids.uuid()}, ${inv.id}, ${inv.definition_id}, ${inv.kind}, ${source}, ${score},
        ${JSON.stringify(answers)}::jsonb, ${language}, ${inv.conversation_id}, ${inv.case_id}, ${inv.customer_id},
        ${inv.agent_id}, ${inv.queue_id}, ${inv.branch_id}, ${inv.ticket_id}, ${serviceId}, ${now})`);
    const comment = Object.entries(answers).find(
      ([k]) => inv.questions.find((q) => q.id === k)?.type === 'text',
    );
    await events.publish<FeedbackSubmittedPayload>(tx, {
      type: ANALYTICS_INPUT_EVENTS.feedbackSubmitted,
      payload: {
        source,
        kind: inv.kind as FeedbackSubmittedPayload['kind'],
        score,
        comment: comment ? String(comment[1]) : null,
        language,
        conversationId: inv.conversation_id,
        caseId: inv.case_id,
        ticketId: inv.ticket_id,
        agentId: inv.agent_id,
        queueId: inv.queue_id,
        branchId: inv.branch_id,
        customerId: inv.customer_id,
        at: now.toISOString(),
      },
    });
    return { received: true as const, at: now.toISOString() };
  }

  /** Stores the answers once: the link is spent in the same transaction (a replay gets 410). */
  async function answer(token: string, input: SurveyAnswer): Promise<{ received: true; at: string }> {
    const id = await invitationOf(token);
    return db.transaction(async (tx) => {
      const inv = await lockInvitation(tx, sql`i.id = ${id}`);
      if (!inv) throw new AppError('SURVEY_LINK_INVALID', 404);
      return store(tx, inv, input, 'link');
    });
  }

  /** The active survey of a trigger that the widget / pad asks in place (the first by code). */
  async function activeDefinition(runner: Db | Tx, trigger: InlineContact['trigger']) {
    const result = await runner.execute(
      sql`SELECT * FROM survey_definitions WHERE is_active AND trigger = ${trigger} ORDER BY code LIMIT 1`,
    );
    return result.rows[0] as unknown as DefinitionRow | undefined;
  }

  const worded = (d: DefinitionRow, language: Language): PublicSurvey => ({
    kind: d.kind,
    language,
    questions: d.questions.map((q) => ({
      id: q.id,
      type: q.type,
      min: q.min ?? null,
      max: q.max ?? null,
      text: q.text[language] ?? q.text.en,
    })),
  });

  /** A contact asked in place: the caller has already checked that the asker may answer for it. */
  interface InlineContact {
    trigger: 'chat_closed' | 'branch_visit';
    conversationId?: string | null;
    ticketId?: string | null;
    customerId: string | null;
    agentId: string | null;
    queueId?: string | null;
    branchId?: string | null;
    serviceId?: string | null;
    language: string;
  }

  const contactKey = (c: InlineContact) =>
    c.trigger === 'chat_closed'
      ? sql`i.conversation_id = ${c.conversationId}`
      : sql`i.ticket_id = ${c.ticketId}`;

  /**
   * The survey to show in the widget after a chat / on the pad after a visit, worded in the
   * contact's language; null when none is configured (the widget keeps its 1–5 rating) or when
   * this contact's survey was already answered (by a link or in place).
   */
  async function inlineSurvey(
    c: InlineContact,
    lang?: Language,
  ): Promise<{ survey: PublicSurvey | null; answered: boolean }> {
    const d = await activeDefinition(db, c.trigger);
    if (!d) return { survey: null, answered: false };
    const answered = await db.execute(sql`SELECT 1 FROM survey_invitations i
      WHERE i.definition_id = ${d.id} AND ${contactKey(c)} AND i.used_at IS NOT NULL LIMIT 1`);
    if (answered.rows.length > 0) return { survey: null, answered: true };
    return { survey: worded(d, lang ?? languageOf(c.language)), answered: false };
  }

  /**
   * Stores an answer given in the widget or on the pad: spends this contact's invitation (the
   * link's, if one was queued, so it cannot be answered twice), else makes a spent one (keyed by the
   * contact, so two answers at once still make one response). Twice → `SURVEY_ALREADY_ANSWERED`.
   */
  async function answerInline(
    c: InlineContact,
    input: SurveyAnswer,
    source: 'widget' | 'branch_pad',
  ): Promise<{ received: true; at: string }> {
    return db.transaction(async (tx) => {
      const d = await activeDefinition(tx, c.trigger);
      if (!d) throw new AppError('SURVEY_NOT_CONFIGURED', 404);
      const now = clock.now();
      // The contact's id stands in for the triggering event: one in-place invitation per contact.
      await tx.execute(sql`INSERT INTO survey_invitations (id, definition_id, source_event_id, conversation_id,
          ticket_id, customer_id, agent_id, queue_id, branch_id, language, send_at, expires_at, created_at)
        SELECT ${ids.uuid()}, ${d.id}, ${c.conversationId ?? c.ticketId}, ${c.conversationId ?? null},
          ${c.ticketId ?? null}, ${c.customerId}, ${c.agentId}, ${c.queueId ?? null}, ${c.branchId ?? null},
          ${languageOf(c.language)}, ${now}, ${now}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM survey_invitations i WHERE i.definition_id = ${d.id} AND ${contactKey(c)})
        ON CONFLICT (definition_id, source_event_id) DO NOTHING`);
      const inv = await lockInvitation(
        tx,
        sql`i.definition_id = ${d.id} AND ${contactKey(c)} ORDER BY i.used_at NULLS LAST, i.created_at LIMIT 1`,
      );
      if (!inv) throw new AppError('SURVEY_NOT_CONFIGURED', 404);
      return store(tx, inv, input, source, c.serviceId ?? null);
    });
  }

  /** The responses to one survey, newest first (quality analysts). */
  async function listResponses(actor: Actor | null, definitionId: string, limit = 100) {
    if (requirePermission(actor, 'quality.evaluate') !== 'all') throw new AppError('AUTH_FORBIDDEN', 403);
    const result =
      await db.execute(sql`SELECT r.* FROM survey_responses r WHERE r.definition_id = ${definitionId}
      ORDER BY r.created_at DESC, r.id LIMIT ${limit}`);
    return (result.rows as Record<string, unknown>[]).map((r) => ({
      id: r.id as string,
      kind: r.kind as string,
      source: r.source as string,
      score: (r.score as number | null) ?? null,
      answers: r.answers as Record<string, number | string>,
      language: r.language as string,
      conversationId: (r.conversation_id as string | null) ?? null,
      caseId: (r.case_id as string | null) ?? null,
      ticketId: (r.ticket_id as string | null) ?? null,
      customerId: (r.customer_id as string | null) ?? null,
      agentId: (r.agent_id as string | null) ?? null,
      queueId: (r.queue_id as string | null) ?? null,
      branchId: (r.branch_id as string | null) ?? null,
      serviceId: (r.service_id as string | null) ?? null,
      createdAt: new Date(r.created_at as string).toISOString(),
    }));
  }

  /** The widget's survey for a visitor's own conversation (another's looks missing: 404). */
  async function chatContact(visitorId: string, conversationId: string): Promise<InlineContact> {
    const result = await db.execute(sql`SELECT id, status, customer_id, assignee_id, queue_id, language
      FROM conversations WHERE id = ${conversationId} AND visitor_id = ${visitorId}`);
    const c = result.rows[0] as
      | {
          id: string;
          status: string;
          customer_id: string | null;
          assignee_id: string | null;
          queue_id: string | null;
          language: string;
        }
      | undefined;
    if (!c) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    if (c.status !== 'closed' && c.status !== 'wrap_up') throw new AppError('SURVEY_NOT_YET', 409);
    return {
      trigger: 'chat_closed',
      conversationId: c.id,
      customerId: c.customer_id,
      agentId: c.assignee_id,
      queueId: c.queue_id,
      language: c.language,
    };
  }

  /** The pad's survey for a served ticket of its own branch (and counter); another branch's: 404. */
  async function visitContact(
    device: { branchId: string; counterId: string | null },
    ticketId: string,
  ): Promise<InlineContact> {
    const result =
      await db.execute(sql`SELECT id, status, branch_id, counter_id, service_id, teller_id, customer_id
      FROM branch_tickets WHERE id = ${ticketId} AND branch_id = ${device.branchId}`);
    const t = result.rows[0] as
      | {
          id: string;
          status: string;
          branch_id: string;
          counter_id: string | null;
          service_id: string;
          teller_id: string | null;
          customer_id: string | null;
        }
      | undefined;
    if (!t || (device.counterId && t.counter_id !== device.counterId))
      throw new AppError('BRANCH_TICKET_NOT_FOUND', 404);
    if (t.status !== 'served') throw new AppError('SURVEY_NOT_YET', 409);
    return {
      trigger: 'branch_visit',
      ticketId: t.id,
      customerId: t.customer_id,
      agentId: t.teller_id,
      branchId: t.branch_id,
      serviceId: t.service_id,
      language: 'en',
    };
  }

  const { surveyResults } = createSurveyResults({ db });

  return {
    createSurvey,
    updateSurvey,
    listSurveys,
    surveyResults,
    onChatClosed,
    onCaseResolved,
    onTicketServed,
    getPublicSurvey,
    answer,
    inlineSurvey,
    answerInline,
    listResponses,
    chatContact,
    visitContact,
  };
}

export type SurveysService = ReturnType<typeof createSurveysService>;

export function registerSurveyListeners(deps: { events: Events; surveys: SurveysService }): void {
  deps.events.on(CONVERSATION_EVENTS.closed, 'surveys.invite_after_chat', (event, tx) =>
    deps.surveys.onChatClosed(event, tx),
  );
  deps.events.on('case.resolved', 'surveys.invite_after_case', (event, tx) =>
    deps.surveys.onCaseResolved(event, tx),
  );
  deps.events.on('ticket.served', 'surveys.invite_after_branch_visit', (event, tx) =>
    deps.surveys.onTicketServed(event, tx),
  );
}
