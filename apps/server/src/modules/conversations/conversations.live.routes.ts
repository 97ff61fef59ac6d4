import { Type } from 'typebox';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  Consultant,
  ConsultCandidateList,
  ConsultRequestList,
  InviteConsult,
  MarkRead,
  ReadState,
  TypingSignal,
} from '#contracts/live.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import { requireActor, requirePermission } from '../../platform/rbac.ts';
import type { Consults } from './conversations.consults.ts';
import type { ConversationLive } from './conversations.live.ts';
import type { ConversationsService } from './conversations.service.ts';

const errors = { ...ErrorResponses, 429: ErrorEnvelope };

/**
 * The desk's live endpoints: the assignee's typing signal and read mark, and consults (invite,
 * candidates, the invited agent's list, leave). Reading a conversation as a consultant goes through
 * `GET /conversations/:id` (conversations.routes.ts asks `consults.isConsultant`).
 */
export function conversationLiveRoutes(deps: {
  conversations: ConversationsService;
  live: ConversationLive;
  consults: Consults;
}) {
  const { conversations, live, consults } = deps;
  // A desk sends at most one signal every 2 s while typing, plus a stop: 20 in 10 s is generous.
  const typingPerUser = createRateLimiter({ limit: 20, windowMs: 10_000 });

  return async (app: App) => {
    app.post(
      '/conversations/:id/typing',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: TypingSignal,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request.actor);
        requirePermission(actor, 'desk.use');
        if (!typingPerUser.hit(actor.userId)) throw new AppError('RATE_LIMITED', 429);
        await live.agentTyping(request.params.id, actor.userId, request.body.typing);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/conversations/:id/read',
      {
        schema: { tags: ['desk'], params: IdParams, body: MarkRead, response: { 200: ReadState, ...errors } },
      },
      async (request) => {
        const actor = requireActor(request.actor);
        requirePermission(actor, 'desk.use');
        // Only the assignee's reading is the agent side's receipt (a supervisor or consultant
        // looking in is not "seen" for the customer).
        const c = await conversations.getConversation(request.params.id);
        const isAssignee =
          c.assignee_id === actor.userId || (await conversations.isAssignedInRouting(c.id, actor.userId));
        if (!isAssignee) throw new AppError('CONVERSATION_NOT_FOUND', 404);
        return { seq: await live.markRead({ conversationId: c.id, side: 'agent', seq: request.body.seq }) };
      },
    );

    app.post(
      '/conversations/:id/consults',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: InviteConsult,
          response: { 201: Consultant, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await consults.invite(requireActor(request.actor), request.params.id, request.body)),
    );

    app.get(
      '/conversations/:id/consults/candidates',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: ConsultCandidateList, ...errors } } },
      async (request) => ({
        items: await consults.listCandidates(requireActor(request.actor), request.params.id),
      }),
    );

    app.post(
      '/conversations/:id/consults/leave',
      { schema: { tags: ['desk'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        const actor = requireActor(request.actor);
        requirePermission(actor, 'desk.use');
        await consults.leave(actor, request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/desk/consults',
      { schema: { tags: ['desk'], response: { 200: ConsultRequestList, ...errors } } },
      async (request) => {
        const actor = requireActor(request.actor);
        requirePermission(actor, 'desk.use');
        return { items: await consults.listMine(actor.userId) };
      },
    );
  };
}
