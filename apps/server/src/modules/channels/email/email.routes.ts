import { ErrorResponses, IdParams } from '#contracts/common.ts';
import { EmailThread } from '#contracts/email.ts';
import type { App } from '../../../platform/http.ts';
import { requireActor } from '../../../platform/rbac.ts';
import type { EmailChannel } from './email.service.ts';

/** The desk's view of an email conversation's mails (subject, addresses, sanitized HTML). */
export function emailRoutes(deps: { email: EmailChannel }) {
  const { email } = deps;
  return async (app: App) => {
    app.get(
      '/conversations/:id/email',
      { schema: { tags: ['desk'], params: IdParams, response: { 200: EmailThread, ...ErrorResponses } } },
      async (request) => ({
        items: await email.getEmailThread(requireActor(request.actor), request.params.id),
      }),
    );
  };
}
