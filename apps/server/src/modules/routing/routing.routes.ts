import { Type } from 'typebox';
import { ErrorResponses } from '#contracts/common.ts';
import { DeskOfferList, DeskState, ItemParams, SetDeskState } from '#contracts/desk.ts';
import type { App } from '../../platform/http.ts';
import { requirePermission } from '../../platform/rbac.ts';
import type { RoutingService } from './routing.service.ts';

const errors = ErrorResponses;

/** The agent's own routing: state, offers, accept and reject. */
export function routingRoutes(deps: { routing: RoutingService }) {
  const { routing } = deps;
  return async (app: App) => {
    app.get(
      '/desk/state',
      { schema: { tags: ['desk'], response: { 200: DeskState, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'desk.use');
        return routing.getAgentState(request.actor?.userId as string);
      },
    );
    app.put(
      '/desk/state',
      { schema: { tags: ['desk'], body: SetDeskState, response: { 200: DeskState, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'desk.use');
        const userId = request.actor?.userId as string;
        await routing.setAgentState(userId, request.body.state, request.body.reason ?? null);
        return routing.getAgentState(userId);
      },
    );
    app.get(
      '/desk/offers',
      { schema: { tags: ['desk'], response: { 200: DeskOfferList, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'desk.use');
        return { items: await routing.listOffers(request.actor?.userId as string) };
      },
    );
    app.post(
      '/desk/offers/:itemId/accept',
      { schema: { tags: ['desk'], params: ItemParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        requirePermission(request.actor, 'desk.use');
        await routing.accept(request.actor?.userId as string, request.params.itemId);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/desk/offers/:itemId/reject',
      { schema: { tags: ['desk'], params: ItemParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        requirePermission(request.actor, 'desk.use');
        await routing.reject(request.actor?.userId as string, request.params.itemId);
        return reply.code(204).send(null);
      },
    );
  };
}
