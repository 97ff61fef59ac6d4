import { Type } from 'typebox';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  AttachmentParams,
  CannedResponse,
  CannedResponseList,
  CloseConversation,
  ContactReason,
  ContactReasonList,
  ContactReasonQuery,
  ConversationDetail,
  ConversationList,
  CreateCannedResponse,
  CreateContactReason,
  PostAgentMessage,
  PostedMessage,
  ReassignConversation,
  TransferConversation,
  UpdateCannedResponse,
  UpdateContactReason,
  UploadAttachmentQuery,
} from '#contracts/desk.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { type Actor, hasPermission, requireActor, requirePermission } from '../../platform/rbac.ts';
import {
  type AttachmentsService,
  attachmentBodyParser,
  sendAttachment,
} from './conversations.attachments.ts';
import type { CannedResponses } from './conversations.canned.ts';
import type { Consults } from './conversations.consults.ts';
import type { ConversationLive } from './conversations.live.ts';
import type { ContactReasons } from './conversations.reasons.ts';
import type { ConversationRow, ConversationsService } from './conversations.service.ts';

const errors = ErrorResponses;

const summary = (c: ConversationRow) => ({
  id: c.id,
  channel: c.channel,
  status: c.status,
  customerId: c.customer_id,
  queueId: c.queue_id,
  assigneeId: c.assignee_id,
  language: c.language,
  topic: c.topic,
  contactName: c.contact_name,
  tags: c.tags,
  createdAt: new Date(c.created_at).toISOString(),
  lastMessageAt: c.last_message_at ? new Date(c.last_message_at).toISOString() : null,
  customerReadSeq: c.customer_read_seq,
  agentReadSeq: c.agent_read_seq,
});

/** The agent desk's conversation endpoints. */
export function conversationsRoutes(deps: {
  conversations: ConversationsService;
  reasons: ContactReasons;
  canned: CannedResponses;
  consults: Consults;
  live: ConversationLive;
  attachments: AttachmentsService;
}) {
  const { conversations, reasons, canned, attachments } = deps;

  /** The assignee works on a conversation; a supervisor may read it. Others get 404 (no probing). */
  async function loadFor(
    actor: Actor | null,
    id: string,
    mode: 'read' | 'work' | 'note',
  ): Promise<ConversationRow> {
    requirePermission(actor, 'desk.use');
    const c = await conversations.getConversation(id);
    // The routing assignment counts at once: the conversation itself follows it a moment later
    // (an event handler), and the desk opens the chat right after accepting.
    const isAssignee =
      c.assignee_id === actor?.userId ||
      (await conversations.isAssignedInRouting(c.id, actor?.userId as string));
    if (isAssignee || (mode === 'read' && hasPermission(actor, 'supervisor.view'))) return c;
    // An invited consultant reads the thread and writes notes; never replies, wraps up or closes.
    if (mode !== 'work' && (await deps.consults.isConsultant(c.id, actor?.userId as string))) return c;
    throw new AppError('CONVERSATION_NOT_FOUND', 404);
  }

  return async (app: App) => {
    app.get(
      '/contact-reasons',
      {
        schema: {
          tags: ['desk'],
          querystring: ContactReasonQuery,
          response: { 200: ContactReasonList, ...errors },
        },
      },
      async (request) => {
        requireActor(request.actor);
        const includeInactive =
          request.query.includeInactive === true && hasPermission(request.actor, 'staff.manage');
        return { items: await reasons.listReasons({ includeInactive }) };
      },
    );
    app.post(
      '/admin/contact-reasons',
      { schema: { tags: ['admin'], body: CreateContactReason, response: { 201: ContactReason, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await reasons.createReason(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/contact-reasons/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: UpdateContactReason,
          response: { 200: ContactReason, ...errors },
        },
      },
      async (request) => reasons.updateReason(requireActor(request.actor), request.params.id, request.body),
    );

    app.get(
      '/desk/canned-responses',
      { schema: { tags: ['desk'], response: { 200: CannedResponseList, ...errors } } },
      async (request) => ({
        items: await canned.listFor(requireActor(request.actor)),
      }),
    );
    app.post(
      '/desk/canned-responses',
      {
        schema: { tags: ['desk'], body: CreateCannedResponse, response: { 201: CannedResponse, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send(await canned.create(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/desk/canned-responses/:id',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: UpdateCannedResponse,
          response: { 200: CannedResponse, ...errors },
        },
      },
      async (request) => canned.update(requireActor(request.actor), request.params.id, request.body),
    );
    app.delete(
      '/desk/canned-responses/:id',
      { schema: { tags: ['desk'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await canned.remove(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/desk/conversations',
      { schema: { tags: ['desk'], response: { 200: ConversationList, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'desk.use');
        const rows = await conversations.listAssigned(request.actor?.userId as string);
        const unread = await deps.live.unreadCounts(rows.map((c) => c.id));
        return { items: rows.map((c) => ({ ...summary(c), unreadCount: unread.get(c.id) ?? 0 })) };
      },
    );

    app.get(
      '/conversations/:id',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: ConversationDetail, ...errors } } },
      async (request) => {
        const c = await loadFor(request.actor, request.params.id, 'read');
        const [messages, consultants, names] = await Promise.all([
          conversations.listMessages(c.id, { includeNotes: true }),
          deps.consults.listConsultants(c.id),
          deps.consults.staffNames(c.assignee_id ? [c.assignee_id] : []),
        ]);
        const assigneeName = c.assignee_id ? (names[c.assignee_id] ?? null) : null;
        return { conversation: summary(c), messages, consultants, assigneeName };
      },
    );

    app.post(
      '/conversations/:id/messages',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: PostAgentMessage,
          response: { 201: PostedMessage, 200: PostedMessage, ...errors },
        },
      },
      async (request, reply) => {
        // A reply (the desk's hot path): the assignee check is made by the message's own statement,
        // under the conversation's lock. A note may come from a consultant: checked as before.
        if (request.body.kind !== 'note') {
          requirePermission(request.actor, 'desk.use');
          const result = await conversations.postMessage({
            conversationId: request.params.id,
            authorType: 'agent',
            authorId: request.actor?.userId as string,
            clientId: request.body.clientId,
            kind: 'text',
            body: request.body.body,
            mentions: request.body.mentions,
            onlyAgent: request.actor?.userId as string,
          });
          return reply.code(result.duplicate ? 200 : 201).send(result);
        }
        const c = await loadFor(request.actor, request.params.id, 'note');
        const result = await conversations.postMessage({
          conversationId: c.id,
          authorType: 'agent',
          authorId: request.actor?.userId as string,
          clientId: request.body.clientId,
          kind: 'note',
          body: request.body.body,
          mentions: request.body.mentions,
        });
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );

    // Files: the body is the file's raw bytes, in a plugin of its own so no other route parses them.
    await app.register(async (files: App) => {
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', attachmentBodyParser);
      files.post(
        '/conversations/:id/attachments',
        {
          schema: {
            tags: ['desk'],
            params: IdParams,
            querystring: UploadAttachmentQuery,
            response: {
              201: PostedMessage,
              200: PostedMessage,
              ...errors,
              413: ErrorEnvelope,
              415: ErrorEnvelope,
            },
          },
          // Refuse a stranger before reading up to 10 MB of body.
          onRequest: async (request) => {
            requirePermission(request.actor, 'desk.use');
          },
        },
        async (request, reply) => {
          const c = await loadFor(request.actor, request.params.id, 'work');
          const result = await attachments.storeAttachment({
            conversationId: c.id,
            uploaderType: 'agent',
            uploaderId: request.actor?.userId as string,
            clientId: request.query.clientId,
            fileName: request.query.name,
            data: request.body as Buffer,
          });
          return reply.code(result.duplicate ? 200 : 201).send(result);
        },
      );
    });

    app.get(
      '/conversations/:id/attachments/:attachmentId',
      { schema: { tags: ['desk'], params: AttachmentParams, response: errors } },
      async (request, reply) => {
        const c = await loadFor(request.actor, request.params.id, 'read');
        const actor = requireActor(request.actor);
        const file = await attachments.getAttachment(c.id, request.params.attachmentId, actor);
        return sendAttachment(reply, file);
      },
    );

    app.post(
      '/conversations/:id/transfer',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: TransferConversation,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const c = await loadFor(request.actor, request.params.id, 'work');
        const result = await conversations.transfer({
          conversationId: c.id,
          byAgentId: request.actor?.userId as string,
          ...request.body,
        });
        if (result === 'no_capacity') throw new AppError('ROUTING_AGENT_NO_CAPACITY', 409);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/supervisor/conversations/:id/reassign',
      {
        schema: {
          tags: ['supervisor'],
          params: IdParams,
          body: ReassignConversation,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        requirePermission(request.actor, 'supervisor.view');
        const result = await conversations.transfer({
          conversationId: request.params.id,
          byAgentId: request.actor?.userId as string,
          toAgentId: request.body.agentId,
        });
        if (result === 'no_capacity') throw new AppError('ROUTING_AGENT_NO_CAPACITY', 409);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/conversations/:id/wrap-up',
      { schema: { tags: ['desk'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        const c = await loadFor(request.actor, request.params.id, 'work');
        await conversations.wrapUp(c.id, request.actor?.userId as string);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/conversations/:id/close',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: CloseConversation,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const c = await loadFor(request.actor, request.params.id, 'work');
        await conversations.close({
          conversationId: c.id,
          by: 'agent',
          agentId: request.actor?.userId as string,
          tags: request.body.tags,
          contactReasonId: request.body.contactReasonId,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
