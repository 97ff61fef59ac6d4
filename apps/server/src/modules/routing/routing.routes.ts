import { Type } from 'typebox';
import { ErrorResponses, IdParams, Uuid } from '#contracts/common.ts';
import {
  AgentBoard,
  AgentParams,
  BoardQuery,
  CreateQueue,
  DeskOfferList,
  DeskState,
  ItemParams,
  Queue,
  QueueBoard,
  QueueList,
  SetAgentCapacity,
  SetDeskState,
  UpdateQueue,
} from '#contracts/desk.ts';
import { isValidTimeZone, startOfLocalDay } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { hasPermission, requireActor, requirePermission } from '../../platform/rbac.ts';
import type { RoutingService } from './routing.service.ts';

const errors = ErrorResponses;

/** Where an agent may hand a conversation: the queues, and the other desks with their state and load. */
export const TransferTargets = Type.Object({
  queues: Type.Array(
    Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), channels: Type.Array(Type.String()) }),
  ),
  agents: Type.Array(
    Type.Object({
      userId: Uuid,
      displayName: Type.String(),
      state: Type.String(),
      channels: Type.Array(
        Type.Object({ channel: Type.String(), capacity: Type.Integer(), load: Type.Integer() }),
      ),
    }),
  ),
});

/** The agent's own routing: state, offers, accept and reject. */
export function routingRoutes(deps: {
  routing: RoutingService;
  teamMembers: (teamIds: string[]) => Promise<string[]>;
}) {
  const { routing } = deps;

  return async (app: App) => {
    // ---- queue administration ----
    app.get(
      '/admin/queues',
      { schema: { tags: ['admin'], response: { 200: QueueList, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'staff.read');
        return { items: await routing.listQueues() };
      },
    );
    app.post(
      '/admin/queues',
      { schema: { tags: ['admin'], body: CreateQueue, response: { 201: Queue, ...errors } } },
      async (request, reply) => {
        const id = await routing.createQueue(requireActor(request.actor), request.body);
        return reply.code(201).send(await routing.getQueueView(id));
      },
    );
    app.patch(
      '/admin/queues/:id',
      {
        schema: { tags: ['admin'], params: IdParams, body: UpdateQueue, response: { 200: Queue, ...errors } },
      },
      async (request) => routing.updateQueue(requireActor(request.actor), request.params.id, request.body),
    );

    // ---- the supervisor's live view ----
    app.get(
      '/supervisor/queues',
      { schema: { tags: ['supervisor'], querystring: BoardQuery, response: { 200: QueueBoard, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'supervisor.view');
        const tz = request.query.timeZone ?? 'UTC';
        if (!isValidTimeZone(tz))
          throw new AppError('STAFF_INVALID_TIME_ZONE', 400, undefined, { timeZone: tz });
        return { items: await routing.queueBoard(startOfLocalDay(new Date(), tz)) };
      },
    );
    app.get(
      '/supervisor/agents',
      { schema: { tags: ['supervisor'], response: { 200: AgentBoard, ...errors } } },
      async (request) => {
        const scope = requirePermission(request.actor, 'supervisor.view');
        const members = scope === 'all' ? null : await deps.teamMembers(request.actor?.teamIds ?? []);
        return { items: await routing.agentBoard(members) };
      },
    );
    app.put(
      '/supervisor/agents/:userId/state',
      {
        schema: {
          tags: ['supervisor'],
          params: AgentParams,
          body: SetDeskState,
          response: { 200: DeskState, ...errors },
        },
      },
      async (request) => {
        const scope = requirePermission(request.actor, 'supervisor.view');
        if (
          scope !== 'all' &&
          !(await deps.teamMembers(request.actor?.teamIds ?? [])).includes(request.params.userId)
        ) {
          throw new AppError('AUTH_FORBIDDEN', 403);
        }
        await routing.setAgentState(request.params.userId, request.body.state, request.body.reason ?? null);
        return routing.getAgentState(request.params.userId);
      },
    );

    app.put(
      '/supervisor/agents/:userId/capacity',
      {
        schema: {
          tags: ['supervisor'],
          params: AgentParams,
          body: SetAgentCapacity,
          response: { 200: DeskState, ...errors },
        },
      },
      async (request) => {
        // Capacity is staffing configuration: administrators for anyone, supervisors for their teams.
        if (!hasPermission(request.actor, 'staff.manage')) {
          const scope = requirePermission(request.actor, 'supervisor.view');
          if (
            scope !== 'all' &&
            !(await deps.teamMembers(request.actor?.teamIds ?? [])).includes(request.params.userId)
          ) {
            throw new AppError('AUTH_FORBIDDEN', 403);
          }
        }
        await routing.changeCapacity(requireActor(request.actor), request.params.userId, request.body);
        return routing.getAgentState(request.params.userId);
      },
    );

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
    app.get(
      '/desk/transfer-targets',
      { schema: { tags: ['desk'], response: { 200: TransferTargets, ...errors } } },
      async (request) => {
        requirePermission(request.actor, 'desk.use');
        const [queues, agents] = await Promise.all([routing.listQueues(), routing.agentBoard(null)]);
        return {
          queues: queues.map(({ id, code, name, channels }) => ({ id, code, name, channels })),
          // Names, state and load only: the board's list of each agent's customers stays with supervisors.
          agents: agents
            .filter((agent) => agent.userId !== request.actor?.userId)
            .map(({ userId, displayName, state, channels }) => ({ userId, displayName, state, channels })),
        };
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
