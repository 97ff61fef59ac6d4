import { Type } from 'typebox';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  CannedResponse,
  CannedResponseList,
  CreateSharedCannedResponse,
  UpdateCannedResponse,
} from '#contracts/desk.ts';
import type { App } from '../../platform/http.ts';
import { requireActor } from '../../platform/rbac.ts';
import type { CannedResponses } from './conversations.canned.ts';

const errors = ErrorResponses;

/**
 * Shared canned responses managed from Admin (`/admin/canned-responses`): a team's and the bank's.
 * Who may write which is decided by the service; agents keep their own under `/desk`.
 */
export function cannedAdminRoutes(deps: { canned: CannedResponses }) {
  const { canned } = deps;
  return async (app: App) => {
    app.get(
      '/admin/canned-responses',
      { schema: { tags: ['admin'], response: { 200: CannedResponseList, ...errors } } },
      async (request) => ({ items: await canned.listManaged(requireActor(request.actor)) }),
    );
    app.post(
      '/admin/canned-responses',
      {
        schema: {
          tags: ['admin'],
          body: CreateSharedCannedResponse,
          response: { 201: CannedResponse, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await canned.create(requireActor(request.actor), request.body)),
    );
    app.patch(
      '/admin/canned-responses/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: UpdateCannedResponse,
          response: { 200: CannedResponse, ...errors },
        },
      },
      async (request) =>
        canned.update(requireActor(request.actor), request.params.id, request.body, { sharedOnly: true }),
    );
    app.delete(
      '/admin/canned-responses/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await canned.remove(requireActor(request.actor), request.params.id, { sharedOnly: true });
        return reply.code(204).send(null);
      },
    );
  };
}
