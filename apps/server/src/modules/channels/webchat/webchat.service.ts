import { sql } from 'drizzle-orm';
import type { Audit } from '../../../platform/audit.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { isLocale, type Locale } from '../../../platform/i18n.ts';
import type { Ids } from '../../../platform/ids.ts';
import { type Actor, requirePermission } from '../../../platform/rbac.ts';
import { type Secrets, verifyHmacToken } from '../../../platform/secrets.ts';
import type { AttachmentsService, ConversationsService } from '../../conversations/index.ts';
import type { CustomersService } from '../../customers/index.ts';
import { basePriority, type RoutingService } from '../../routing/index.ts';

const VISITOR_TOKEN_DAYS = 30;
/** Rough minutes an agent spends per chat, for the estimated wait shown to customers. */
const ESTIMATE_SECONDS_PER_CHAT = 180;

export interface Visitor {
  visitorId: string;
  siteId: string;
  customerId: string | null;
}

/** The queue serving a language on a site: its own, else English, else the first configured. */
function queueFor(site: SiteRow, language: string): string | undefined {
  return (
    site.queue_by_language[language] ?? site.queue_by_language.en ?? Object.values(site.queue_by_language)[0]
  );
}

interface SiteRow {
  id: string;
  key: string;
  name: string;
  allowed_origins: string[];
  identity_secret: string;
  queue_by_language: Record<string, string>;
  greeting: Record<string, string>;
  colors: { primary: string };
}

/**
 * The customer's side of live chat: sessions for website visitors (anonymous, or linked to a known
 * customer when the bank's site signs their identity), and their conversation.
 */
export function createWebchatService(deps: {
  audit: Audit;
  db: Db;
  ids: Ids;
  clock: Clock;
  secrets: Secrets;
  conversations: ConversationsService;
  customers: CustomersService;
  attachments: AttachmentsService;
  routing: RoutingService;
}) {
  const { db, ids, clock, secrets, conversations, customers, audit, attachments, routing } = deps;

  async function getSiteByKey(key: string): Promise<SiteRow> {
    const result = await db.execute(sql`SELECT * FROM webchat_sites WHERE key = ${key}`);
    const site = result.rows[0] as unknown as SiteRow | undefined;
    if (!site) throw new AppError('WEBCHAT_SITE_NOT_FOUND', 404);
    return site;
  }

  async function getSite(id: string): Promise<SiteRow> {
    const result = await db.execute(sql`SELECT * FROM webchat_sites WHERE id = ${id}`);
    return result.rows[0] as unknown as SiteRow;
  }

  /**
   * Whether a caller at `origin` may use this site's widget: our own frame (which the browser lets
   * only the site's allowed origins embed, through frame-ancestors), or a listed origin calling
   * directly. No list = any origin, for the demo.
   */
  const isOriginAllowed = (site: SiteRow, origin: string | undefined, ownOrigin: string | undefined) =>
    site.allowed_origins.length === 0 ||
    (!!origin && (origin === ownOrigin || site.allowed_origins.includes(origin)));

  async function authenticate(token: string | undefined): Promise<Visitor> {
    const payload = token
      ? await secrets.verify<{ v: string; s: string; c: string | null; exp: number }>(
          'visitor',
          token,
          clock.now(),
        )
      : null;
    if (!payload) throw new AppError('WEBCHAT_VISITOR_INVALID', 401);
    return { visitorId: payload.v, siteId: payload.s, customerId: payload.c };
  }

  async function createSession(input: {
    siteKey: string;
    origin?: string;
    ownOrigin?: string;
    visitorToken?: string;
    identityToken?: string;
    language?: string;
  }) {
    const site = await getSiteByKey(input.siteKey);
    if (!isOriginAllowed(site, input.origin, input.ownOrigin))
      throw new AppError('WEBCHAT_ORIGIN_NOT_ALLOWED', 403);
    const now = clock.now();
    let visitor: Visitor | null = null;
    if (input.visitorToken) {
      visitor = await authenticate(input.visitorToken).catch(() => null);
      if (visitor && visitor.siteId !== site.id) visitor = null;
    }
    if (!visitor) {
      visitor = { visitorId: ids.uuid(), siteId: site.id, customerId: null };
      await db.execute(sql`INSERT INTO webchat_visitors (id, site_id, created_at, last_seen_at)
        VALUES (${visitor.visitorId}, ${site.id}, ${now}, ${now})`);
    } else {
      await db.execute(
        sql`UPDATE webchat_visitors SET last_seen_at = ${now} WHERE id = ${visitor.visitorId}`,
      );
    }
    // A verified identity links the visitor to the customer; a forged or expired one never does.
    let verified = false;
    let customerName: string | null = null;
    if (input.identityToken) {
      const identity = verifyHmacToken<{ sub: string; exp: number }>(
        site.identity_secret,
        input.identityToken,
        now,
      );
      const customer = identity ? await customers.findCustomerByCustomerNo(identity.sub) : null;
      if (customer) {
        verified = true;
        customerName = customer.givenName ?? customer.fullName;
        visitor = { ...visitor, customerId: customer.id };
        await db.execute(
          sql`UPDATE webchat_visitors SET customer_id = ${customer.id} WHERE id = ${visitor.visitorId}`,
        );
      }
    }
    const language: Locale = isLocale(input.language) ? input.language : 'en';
    const visitorToken = await secrets.sign('visitor', {
      v: visitor.visitorId,
      s: site.id,
      c: visitor.customerId,
      exp: now.getTime() + VISITOR_TOKEN_DAYS * 86_400_000,
    });
    const open = await db.execute(sql`SELECT id, status FROM conversations
      WHERE visitor_id = ${visitor.visitorId} AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`);
    const openConversation = (open.rows[0] as { id: string; status: string } | undefined) ?? null;
    // Signed in on the bank's site after the chat began: the open chat now belongs to that customer.
    if (openConversation && verified && visitor.customerId) {
      await conversations.linkCustomer(openConversation.id, visitor.customerId);
    }
    const queueId = queueFor(site, language);
    const availability = queueId ? await routing.queueAvailability(queueId) : null;
    return {
      visitorToken,
      visitorId: visitor.visitorId,
      verified,
      customerName,
      online: !!availability && availability.open && availability.availableAgents > 0,
      site: {
        name: site.name,
        greeting: site.greeting[language] ?? site.greeting.en ?? '',
        colors: site.colors,
      },
      openConversation,
    };
  }

  async function ownConversation(visitor: Visitor, conversationId: string) {
    const c = await conversations.getConversation(conversationId).catch(() => null);
    // Another visitor's conversation looks exactly like a missing one.
    if (!c || (c as unknown as { visitor_id: string | null }).visitor_id !== visitor.visitorId) {
      throw new AppError('CONVERSATION_NOT_FOUND', 404);
    }
    return c;
  }

  async function startChat(
    visitor: Visitor,
    input: {
      name: string;
      phone?: string | null;
      email?: string | null;
      topic?: string | null;
      language: Locale;
    },
  ) {
    const open = await db.execute(sql`SELECT id FROM conversations
      WHERE visitor_id = ${visitor.visitorId} AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`);
    const existing = open.rows[0] as { id: string } | undefined;
    if (existing) return { id: existing.id, created: false };
    const site = await getSite(visitor.siteId);
    const queueId = queueFor(site, input.language);
    if (!queueId) throw new AppError('WEBCHAT_NO_QUEUE', 503);
    const customer = visitor.customerId ? await customers.findCustomer(visitor.customerId) : null;
    const availability = await routing.queueAvailability(queueId);
    const { id } = await conversations.startConversation({
      channel: 'chat',
      queueId,
      language: input.language,
      customerId: visitor.customerId,
      visitorId: visitor.visitorId,
      siteId: visitor.siteId,
      topic: input.topic ?? null,
      priority: basePriority({ vipTier: customer?.vipTier }),
      contactName: input.name,
      contactPhone: input.phone ?? null,
      contactEmail: input.email?.toLowerCase() ?? null,
      // Nobody on duty for this queue: take it as a message that waits for an agent (after hours,
      // routing itself answers 'closed' and the conversation waits the same way).
      offline: availability.availableAgents === 0,
    });
    return { id, created: true };
  }

  async function getChat(visitor: Visitor, conversationId: string, afterSeq = 0) {
    const c = await ownConversation(visitor, conversationId);
    const [messages, queue] = await Promise.all([
      conversations.listMessages(c.id, { includeNotes: false, afterSeq }),
      conversations.queueStatus(c.id),
    ]);
    return {
      id: c.id,
      status: c.status,
      language: c.language,
      rating: c.rating,
      agentReadSeq: c.agent_read_seq,
      queuePosition: queue.position,
      estimatedWaitSeconds:
        queue.position === null
          ? null
          : Math.round((queue.position * ESTIMATE_SECONDS_PER_CHAT) / Math.max(1, queue.availableAgents)),
      messages: messages.map((m) => ({ ...m, authorId: m.authorType === 'agent' ? null : m.authorId })),
    };
  }

  async function postMessage(
    visitor: Visitor,
    conversationId: string,
    input: { clientId: string; body: string },
  ) {
    // The ownership check happens under the conversation's lock (one query less per message).
    return conversations.postMessage({
      conversationId,
      authorType: 'customer',
      authorId: visitor.visitorId,
      clientId: input.clientId,
      kind: 'text',
      body: input.body,
      onlyVisitor: visitor.visitorId,
    });
  }

  /** A file from the visitor into their own conversation (sniffed, size-limited, idempotent). */
  async function uploadAttachment(
    visitor: Visitor,
    conversationId: string,
    input: { clientId: string; name: string; data: Buffer },
  ) {
    const c = await ownConversation(visitor, conversationId);
    return attachments.storeAttachment({
      conversationId: c.id,
      uploaderType: 'customer',
      uploaderId: visitor.visitorId,
      clientId: input.clientId,
      fileName: input.name,
      data: input.data,
    });
  }

  /** A file of the visitor's own conversation (theirs or the agent's). */
  async function getAttachment(visitor: Visitor, conversationId: string, attachmentId: string) {
    const c = await ownConversation(visitor, conversationId);
    return attachments.getAttachment(c.id, attachmentId);
  }

  async function leave(visitor: Visitor, conversationId: string) {
    const c = await ownConversation(visitor, conversationId);
    await conversations.close({ conversationId: c.id, by: 'customer' });
  }

  async function rate(visitor: Visitor, conversationId: string, rating: number, comment: string | null) {
    const c = await ownConversation(visitor, conversationId);
    await conversations.rate(c.id, rating, comment);
  }

  async function createSite(input: {
    key: string;
    name: string;
    queueByLanguage: Record<string, string>;
    greeting: Record<string, string>;
    allowedOrigins?: string[];
  }): Promise<{ id: string; identitySecret: string }> {
    const id = ids.uuid();
    const identitySecret = ids.token(32);
    await db.execute(sql`INSERT INTO webchat_sites (id, key, name, allowed_origins, identity_secret, queue_by_language, greeting)
      VALUES (${id}, ${input.key}, ${input.name}, ${`{${(input.allowedOrigins ?? []).join(',')}}`}::text[], ${identitySecret},
        ${JSON.stringify(input.queueByLanguage)}::jsonb, ${JSON.stringify(input.greeting)}::jsonb)`);
    return { id, identitySecret };
  }

  const siteView = (r: SiteRow) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    allowedOrigins: r.allowed_origins,
    queueByLanguage: r.queue_by_language,
    greeting: r.greeting,
    colors: r.colors,
  });

  async function listSites(actor: Actor) {
    requirePermission(actor, 'staff.read');
    const result = await db.execute(sql`SELECT * FROM webchat_sites ORDER BY key`);
    return (result.rows as unknown as SiteRow[]).map(siteView);
  }

  async function updateSite(
    actor: Actor,
    id: string,
    input: {
      name?: string;
      allowedOrigins?: string[];
      queueByLanguage?: Record<string, string>;
      greeting?: Record<string, string>;
      colors?: { primary: string };
    },
  ) {
    requirePermission(actor, 'staff.manage');
    return db.transaction(async (tx) => {
      for (const queueId of Object.values(input.queueByLanguage ?? {})) {
        const found = await tx.execute(sql`SELECT 1 FROM routing_queues WHERE id = ${queueId}`);
        if (found.rows.length === 0) throw new AppError('ROUTING_QUEUE_NOT_FOUND', 400);
      }
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      const result = await tx.execute(sql`UPDATE webchat_sites SET
          name = coalesce(${input.name ?? null}, name),
          allowed_origins = coalesce(${input.allowedOrigins ? `{${input.allowedOrigins.join(',')}}` : null}::text[], allowed_origins),
          queue_by_language = coalesce(${json(input.queueByLanguage)}::jsonb, queue_by_language),
          greeting = coalesce(${json(input.greeting)}::jsonb, greeting),
          colors = coalesce(${json(input.colors)}::jsonb, colors)
        WHERE id = ${id} RETURNING *`);
      const row = result.rows[0] as unknown as SiteRow | undefined;
      if (!row) throw new AppError('WEBCHAT_SITE_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'webchat.site_updated',
        targetType: 'webchat_site',
        targetId: id,
        ip: actor.ip,
        details: { changed: Object.keys(input) },
      });
      return siteView(row);
    });
  }

  /** A new identity secret, shown once; tokens signed with the old one stop linking at once. */
  async function rotateIdentitySecret(actor: Actor, id: string): Promise<{ identitySecret: string }> {
    requirePermission(actor, 'staff.manage');
    const identitySecret = ids.token(32);
    await db.transaction(async (tx) => {
      const result = await tx.execute(
        sql`UPDATE webchat_sites SET identity_secret = ${identitySecret} WHERE id = ${id} RETURNING id`,
      );
      if (result.rows.length === 0) throw new AppError('WEBCHAT_SITE_NOT_FOUND', 404);
      await audit.record(tx, {
        actorId: actor.userId,
        actorName: actor.username,
        action: 'webchat.identity_secret_rotated',
        targetType: 'webchat_site',
        targetId: id,
        ip: actor.ip,
      });
    });
    return { identitySecret };
  }

  return {
    listSites,
    updateSite,
    rotateIdentitySecret,
    createSite,
    createSession,
    authenticate,
    startChat,
    getChat,
    postMessage,
    uploadAttachment,
    getAttachment,
    leave,
    rate,
    ownConversation,
    getSiteByKey,
  };
}

export type WebchatService = ReturnType<typeof createWebchatService>;
