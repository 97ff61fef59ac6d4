import type { FastifyRequest } from 'fastify';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  CheckVerificationCode,
  CustomerVerification,
  MailboxList,
  MailboxMessage,
  MailboxQuery,
  NotificationList,
  SendTranscript,
  TranscriptQueued,
  TranscriptSuggestion,
} from '#contracts/notifications.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import { type Actor, hasPermission, requireActor, requirePermission } from '../../platform/rbac.ts';
import type { ConversationsService } from '../conversations/index.ts';
import type { Mailbox } from './notifications.mailbox.ts';
import type { Notification, NotificationsService } from './notifications.service.ts';
import type { Transcripts } from './notifications.transcript.ts';
import type { Verification } from './notifications.verification.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const notificationJson = (n: Notification) => ({
  id: n.id,
  customerId: n.customerId,
  purpose: n.purpose,
  templateKey: n.templateKey,
  locale: n.locale,
  channel: n.channel,
  status: n.status,
  reason: n.reason,
  attempts: n.attempts,
  nextAttemptAt: n.nextAttemptAt.toISOString(),
  createdAt: n.createdAt.toISOString(),
  sentAt: iso(n.sentAt),
  deliveredAt: iso(n.deliveredAt),
});

const errors = { ...ErrorResponses, 410: ErrorEnvelope, 429: ErrorEnvelope };

/** The widget's visitor (channels/webchat), as far as these routes need it. */
interface VisitorAuth {
  authenticate(token: string | undefined): Promise<{ visitorId: string; customerId: string | null }>;
  ownConversation(visitor: { visitorId: string }, conversationId: string): Promise<{ id: string }>;
}

/**
 * The admin mailbox (`/admin/mailbox`), a customer's notifications, chat transcripts (desk and
 * widget) and one-time passwords for verifying the customer of a conversation.
 */
export function notificationsRoutes(deps: {
  notifications: NotificationsService;
  mailbox: Mailbox;
  transcripts?: Transcripts;
  verification?: Verification;
  conversations?: ConversationsService;
  webchat?: VisitorAuth;
}) {
  const { notifications, mailbox } = deps;
  // Public: a visitor may ask for transcripts a few times a minute, no more (each is an email).
  const perVisitorTranscripts = createRateLimiter({ limit: 10, windowMs: 60_000 });

  /** The assignee (also after the close) or a supervisor; anyone else sees no such conversation. */
  async function deskConversation(actor: Actor | null, id: string): Promise<string> {
    requirePermission(actor, 'desk.use');
    const conversations = deps.conversations as ConversationsService;
    const c = await conversations.getConversation(id);
    const isAssignee =
      c.assignee_id === actor?.userId ||
      (await conversations.isAssignedInRouting(c.id, actor?.userId as string));
    if (!isAssignee && !hasPermission(actor, 'supervisor.view'))
      throw new AppError('CONVERSATION_NOT_FOUND', 404);
    return c.id;
  }

  async function visitorConversation(
    request: FastifyRequest,
    id: string,
    isSend = false,
  ): Promise<{ id: string; visitorCustomerId: string | null }> {
    const webchat = deps.webchat as VisitorAuth;
    const header = request.headers.authorization;
    const visitor = await webchat.authenticate(
      header?.startsWith('Visitor ') ? header.slice(8).trim() : undefined,
    );
    if (isSend && !perVisitorTranscripts.hit(visitor.visitorId)) throw new AppError('RATE_LIMITED', 429);
    return { id: (await webchat.ownConversation(visitor, id)).id, visitorCustomerId: visitor.customerId };
  }

  const queuedJson = (r: { notification: Notification; duplicate: boolean }) => ({
    notificationId: r.notification.id,
    status: r.notification.status,
    duplicate: r.duplicate,
  });

  const transcriptRoutes = async (app: App) => {
    const transcripts = deps.transcripts as Transcripts;
    app.post(
      '/conversations/:id/transcript',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: SendTranscript,
          response: { 202: TranscriptQueued, ...errors },
        },
      },
      async (request, reply) => {
        const id = await deskConversation(request.actor, request.params.id);
        const result = await transcripts.sendTranscript({
          conversationId: id,
          to: request.body.to,
          actor: requireActor(request.actor),
        });
        return reply.code(202).send(queuedJson(result));
      },
    );
    app.get(
      '/widget/conversations/:id/transcript',
      { schema: { tags: ['widget'], params: IdParams, response: { 200: TranscriptSuggestion, ...errors } } },
      async (request) => {
        const { id, visitorCustomerId } = await visitorConversation(request, request.params.id);
        return { email: await transcripts.suggestedAddress(id, { visitorCustomerId }) };
      },
    );
    app.post(
      '/widget/conversations/:id/transcript',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          body: SendTranscript,
          response: { 202: TranscriptQueued, ...errors },
        },
      },
      async (request, reply) => {
        const { id, visitorCustomerId } = await visitorConversation(request, request.params.id, true);
        const result = await transcripts.sendTranscript({
          conversationId: id,
          to: request.body.to,
          actor: null,
          visitorCustomerId,
        });
        return reply.code(202).send(queuedJson(result));
      },
    );
  };

  const verificationRoutes = async (app: App) => {
    const verification = deps.verification as Verification;
    app.get(
      '/conversations/:id/verification',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: CustomerVerification, ...errors } } },
      async (request) => verification.getVerification(request.actor, request.params.id),
    );
    app.post(
      '/conversations/:id/verification/code',
      { schema: { tags: ['desk'], params: IdParams, response: { 201: CustomerVerification, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await verification.sendCode(request.actor, request.params.id)),
    );
    app.post(
      '/conversations/:id/verification/check',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: CheckVerificationCode,
          response: { 200: CustomerVerification, ...errors },
        },
      },
      async (request) => verification.verifyCode(request.actor, request.params.id, request.body.code),
    );
  };

  return async (app: App) => {
    if (deps.transcripts) await app.register(transcriptRoutes);
    if (deps.verification) await app.register(verificationRoutes);
    app.get(
      '/admin/mailbox',
      { schema: { tags: ['admin'], querystring: MailboxQuery, response: { 200: MailboxList, ...errors } } },
      async (request) => {
        const page = await mailbox.listMailbox(requireActor(request.actor), request.query);
        return {
          nextBefore: page.nextBefore,
          items: page.items.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
        };
      },
    );
    app.get(
      '/admin/mailbox/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: MailboxMessage, ...errors } } },
      async (request) => {
        const message = await mailbox.getMailboxMessage(requireActor(request.actor), request.params.id);
        return { ...message, createdAt: message.createdAt.toISOString() };
      },
    );
    app.get(
      '/customers/:id/notifications',
      { schema: { tags: ['customers'], params: IdParams, response: { 200: NotificationList, ...errors } } },
      async (request) => ({
        items: (await notifications.listForCustomer(requireActor(request.actor), request.params.id)).map(
          notificationJson,
        ),
      }),
    );
  };
}
