import { Type } from 'typebox';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import { PostedMessage } from '#contracts/desk.ts';
import {
  CreateEmailTemplate,
  EmailCompose,
  EmailReply,
  EmailSignature,
  EmailSignatureList,
  EmailSuppressionList,
  EmailSuppressionParams,
  EmailSuppressionQuery,
  EmailTemplate,
  EmailTemplateList,
  EmailThread,
  PutEmailSignature,
  UpdateEmailTemplate,
} from '#contracts/email.ts';
import type { App } from '../../../platform/http.ts';
import { requireActor } from '../../../platform/rbac.ts';
import type { EmailReplies } from './email.reply.ts';
import type { EmailChannel } from './email.service.ts';
import type { EmailSuppressions } from './email.suppression.ts';
import type { EmailTemplates } from './email.templates.ts';

/** The desk's view of an email conversation's mails (subject, addresses, sanitized HTML). */
export function emailRoutes(deps: {
  email: EmailChannel;
  suppressions: EmailSuppressions;
  replies: EmailReplies;
  templates: EmailTemplates;
}) {
  const { email, suppressions, replies, templates } = deps;
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
    // What the email box offers: the queue's and global templates, filled, and the signature preview.
    app.get(
      '/conversations/:id/email/compose',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: EmailCompose, ...ErrorResponses } } },
      async (request) => templates.compose(requireActor(request.actor), request.params.id),
    );
    // Templates and signatures per queue and language (Admin · Email templates).
    app.get(
      '/admin/email/templates',
      { schema: { tags: ['admin'], response: { 200: EmailTemplateList, ...ErrorResponses } } },
      async (request) => ({ items: await templates.listTemplates(requireActor(request.actor)) }),
    );
    app.post(
      '/admin/email/templates',
      {
        schema: {
          tags: ['admin'],
          body: CreateEmailTemplate,
          response: { 201: EmailTemplate, ...ErrorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await templates.createTemplate(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/email/templates/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: UpdateEmailTemplate,
          response: { 200: EmailTemplate, ...ErrorResponses },
        },
      },
      async (request) =>
        templates.updateTemplate(requireActor(request.actor), request.params.id, request.body),
    );
    app.delete(
      '/admin/email/templates/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
      async (request, reply) => {
        await templates.deleteTemplate(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/admin/email/signatures',
      { schema: { tags: ['admin'], response: { 200: EmailSignatureList, ...ErrorResponses } } },
      async (request) => ({ items: await templates.listSignatures(requireActor(request.actor)) }),
    );
    // Sets the signature of a queue (or the global one) in a language: 201 when new, 200 replaced.
    app.put(
      '/admin/email/signatures',
      {
        schema: {
          tags: ['admin'],
          body: PutEmailSignature,
          response: { 201: EmailSignature, 200: EmailSignature, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const { signature, created } = await templates.putSignature(
          requireActor(request.actor),
          request.body,
        );
        return reply.code(created ? 201 : 200).send(signature);
      },
    );
    app.delete(
      '/admin/email/signatures/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null(), ...ErrorResponses } } },
      async (request, reply) => {
        await templates.deleteSignature(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
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
