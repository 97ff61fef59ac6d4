import { Type } from 'typebox';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import { PostedMessage } from '#contracts/desk.ts';
import {
  EmailReply,
  EmailSuppressionList,
  EmailSuppressionParams,
  EmailSuppressionQuery,
  EmailThread,
} from '#contracts/email.ts';
import type { App } from '../../../platform/http.ts';
import { requireActor } from '../../../platform/rbac.ts';
import type { EmailReplies } from './email.reply.ts';
import type { EmailChannel } from './email.service.ts';
import type { EmailSuppressions } from './email.suppression.ts';

/** The desk's view of an email conversation's mails (subject, addresses, sanitized HTML). */
export function emailRoutes(deps: {
  email: EmailChannel;
  suppressions: EmailSuppressions;
  replies: EmailReplies;
}) {
  const { email, suppressions, replies } = deps;
  return async (app: App) => {
    app.get(
      '/conversations/:id/email',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: EmailThread, ...ErrorResponses } } },
      async (request) => ({
        items: await email.getEmailThread(requireActor(request.actor), request.params.id),
      }),
    );
    // The desk's email box: rich text (sanitized here), CC and BCC; a retry with the same client id
    // answers the stored message (200).
    app.post(
      '/conversations/:id/email/reply',
      {
        schema: {
          tags: ['desk'],
          params: IdParams,
          body: EmailReply,
          response: { 201: PostedMessage, 200: PostedMessage, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const result = await replies.reply(requireActor(request.actor), request.params.id, request.body);
        return reply.code(result.duplicate ? 200 : 201).send(result);
      },
    );
    // The suppression list (hard bounces): admins read it and take an address off it.
    app.get(
      '/admin/email/suppressions',
      {
        schema: {
          tags: ['admin'],
          querystring: EmailSuppressionQuery,
          response: { 200: EmailSuppressionList, ...ErrorResponses },
        },
      },
      async (request) => ({
        items: (await suppressions.listSuppressions(requireActor(request.actor), request.query)).map((s) => ({
          ...s,
          createdAt: s.createdAt.toISOString(),
        })),
      }),
    );
    app.delete(
      '/admin/email/suppressions/:address',
      {
        schema: {
          tags: ['admin'],
          params: EmailSuppressionParams,
          response: { 204: Type.Null(), ...ErrorResponses },
        },
      },
      async (request, reply) => {
        await suppressions.removeSuppression(requireActor(request.actor), request.params.address);
        return reply.code(204).send(null);
      },
    );
  };
}
