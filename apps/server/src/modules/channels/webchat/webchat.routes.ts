import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorEnvelope, ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  AttachmentParams,
  RotatedSecret,
  UpdateWebchatSite,
  UploadAttachmentQuery,
  WebchatSite,
  WebchatSiteList,
  WidgetChat,
  WidgetChatQuery,
  WidgetPosted,
  WidgetPostMessage,
  WidgetRating,
  WidgetSession,
  WidgetSessionBody,
  WidgetStartChat,
} from '#contracts/desk.ts';
import { AppError } from '../../../platform/errors.ts';
import type { App } from '../../../platform/http.ts';
import { createRateLimiter } from '../../../platform/rate-limit.ts';
import { requireActor } from '../../../platform/rbac.ts';
import { attachmentBodyParser, sendAttachment } from '../../conversations/index.ts';
import type { WebchatService } from './webchat.service.ts';

const errors = { ...ErrorResponses, 429: ErrorEnvelope };

/** The widget's API (customer side): `Authorization: Visitor <token>` after a session is made. */
export function webchatRoutes(deps: { webchat: WebchatService }) {
  const { webchat } = deps;
  // Customer-facing: per client address for everything, tighter per visitor for messages.
  const perIp = createRateLimiter({ limit: 120, windowMs: 60_000 });
  const perVisitorMessages = createRateLimiter({ limit: 30, windowMs: 60_000 });

  const visitorOf = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    return webchat.authenticate(header?.startsWith('Visitor ') ? header.slice(8).trim() : undefined);
  };

  const admin = async (app: App) => {
    app.get(
      '/admin/webchat-sites',
      { schema: { tags: ['admin'], response: { 200: WebchatSiteList, ...errors } } },
      async (request) => ({
        items: await webchat.listSites(requireActor(request.actor)),
      }),
    );
    app.patch(
      '/admin/webchat-sites/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: UpdateWebchatSite,
          response: { 200: WebchatSite, ...errors },
        },
      },
      async (request) => webchat.updateSite(requireActor(request.actor), request.params.id, request.body),
    );
    app.post(
      '/admin/webchat-sites/:id/rotate-secret',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: RotatedSecret, ...errors } } },
      async (request) => webchat.rotateIdentitySecret(requireActor(request.actor), request.params.id),
    );
  };

  return async (app: App) => {
    await app.register(admin);
    await app.register(customer);
  };

  async function customer(app: App) {
    app.addHook('onRequest', async (request) => {
      if (!perIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
    });

    app.post(
      '/widget/sessions',
      { schema: { tags: ['widget'], body: WidgetSessionBody, response: { 200: WidgetSession, ...errors } } },
      async (request) =>
        webchat.createSession({
          ...request.body,
          origin: request.headers.origin,
          ownOrigin: `${request.protocol}://${request.headers.host}`,
        }),
    );

    app.post(
      '/widget/conversations',
      {
        schema: {
          tags: ['widget'],
          body: WidgetStartChat,
          response: {
            201: Type.Object({ id: Type.String() }),
            200: Type.Object({ id: Type.String() }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const visitor = await visitorOf(request);
        const { id, created } = await webchat.startChat(visitor, request.body);
        return reply.code(created ? 201 : 200).send({ id });
      },
    );

    app.get(
      '/widget/conversations/:id',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          querystring: WidgetChatQuery,
          response: { 200: WidgetChat, ...errors },
        },
      },
      async (request) =>
        webchat.getChat(await visitorOf(request), request.params.id, request.query.afterSeq ?? 0),
    );

    app.post(
      '/widget/conversations/:id/messages',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          body: WidgetPostMessage,
          response: { 201: WidgetPosted, 200: WidgetPosted, ...errors },
        },
      },
      async (request, reply) => {
        const visitor = await visitorOf(request);
        if (!perVisitorMessages.hit(visitor.visitorId)) throw new AppError('RATE_LIMITED', 429);
        const result = await webchat.postMessage(visitor, request.params.id, request.body);
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );

    // Files: the body is the file's raw bytes, in a plugin of its own so no other route parses them.
    await app.register(async (files: App) => {
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', attachmentBodyParser);
      files.post(
        '/widget/conversations/:id/attachments',
        {
          schema: {
            tags: ['widget'],
            params: IdParams,
            querystring: UploadAttachmentQuery,
            response: {
              201: WidgetPosted,
              200: WidgetPosted,
              ...errors,
              413: ErrorEnvelope,
              415: ErrorEnvelope,
            },
          },
          // Refuse a stranger before reading up to 10 MB of body.
          onRequest: async (request) => {
            await visitorOf(request);
          },
        },
        async (request, reply) => {
          const visitor = await visitorOf(request);
          if (!perVisitorMessages.hit(visitor.visitorId)) throw new AppError('RATE_LIMITED', 429);
          const result = await webchat.uploadAttachment(visitor, request.params.id, {
            clientId: request.query.clientId,
            name: request.query.name,
            data: request.body as Buffer,
          });
          return reply.code(result.duplicate ? 200 : 201).send(result);
        },
      );
    });

    app.get(
      '/widget/conversations/:id/attachments/:attachmentId',
      { schema: { tags: ['widget'], params: AttachmentParams, response: errors } },
      async (request, reply) =>
        sendAttachment(
          reply,
          await webchat.getAttachment(
            await visitorOf(request),
            request.params.id,
            request.params.attachmentId,
          ),
        ),
    );

    app.post(
      '/widget/conversations/:id/leave',
      { schema: { tags: ['widget'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await webchat.leave(await visitorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/widget/conversations/:id/rating',
      {
        schema: {
          tags: ['widget'],
          params: IdParams,
          body: WidgetRating,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await webchat.rate(
          await visitorOf(request),
          request.params.id,
          request.body.rating,
          request.body.comment ?? null,
        );
        return reply.code(204).send(null);
      },
    );
  }
}
