import { Type } from 'typebox';
import {
  AssignTeller,
  BookAppointment,
  BookedAppointment,
  BranchCalendarOption,
  BranchCounter,
  BranchParams,
  BranchService,
  BranchSettings,
  BranchSetup,
  BranchStaff,
  BranchVisits,
  CallNext,
  CallResult,
  CheckIn,
  CounterParams,
  CounterView,
  CreateBranchCounter,
  CreateBranchService,
  DisplayState,
  FeedbackStored,
  IssuedTicket,
  IssueTicket,
  KioskInfo,
  LobbyBoard,
  MovedTickets,
  MoveTickets,
  MyCounters,
  OpenFlexibleCounter,
  PadState,
  PublicBranches,
  PublicTicket,
  RegisterDevice,
  RegisteredDevice,
  SetPriority,
  SlotQuery,
  Slots,
  SubmitFeedback,
  Ticket,
  TicketNotes,
  TicketParams,
  TransferTicket,
  UpdateBranchCounter,
  UpdateBranchService,
  UpdateBranchSettings,
  WaitingTickets,
} from '#contracts/branch.ts';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import { type Actor, requireActor } from '../../platform/rbac.ts';
import type { DeviceKind, BranchService as Service, TicketView } from './branch.service.ts';

const errors = { ...ErrorResponses, 429: ErrorResponses[400] };
const tags = ['branch'];

/** The device token travels in `x-device-token` (never a cookie: kiosks are shared screens). */
const deviceToken = (headers: Record<string, unknown>): string | undefined => {
  const value = headers['x-device-token'];
  return typeof value === 'string' ? value : undefined;
};

export function branchRoutes(deps: { branch: Service; deviceRateLimit?: number; publicRateLimit?: number }) {
  const { branch } = deps;
  // Per device: a stuck key or a script cannot flood the line with tickets. Per IP: a branch's
  // devices share one address behind its router, so that limit only stops token guessing; public
  // pages (phone page, booking) get a tighter one.
  const perDevice = createRateLimiter({ limit: deps.deviceRateLimit ?? 120, windowMs: 60_000 });
  const devicesPerIp = createRateLimiter({ limit: 1200, windowMs: 60_000 });
  const perIp = createRateLimiter({ limit: deps.publicRateLimit ?? 60, windowMs: 60_000 });

  return async (app: App) => {
    async function device(request: { headers: Record<string, unknown>; ip: string }, kind?: DeviceKind) {
      if (!devicesPerIp.hit(request.ip)) throw new AppError('RATE_LIMITED', 429);
      const d = await branch.authenticateDevice(deviceToken(request.headers), kind);
      if (!perDevice.hit(d.id)) throw new AppError('RATE_LIMITED', 429);
      return d;
    }

    // ---- setup (lobby manager of the branch, or an administrator) ----
    app.get(
      '/branch/branches/:branchId/setup',
      { schema: { tags, params: BranchParams, response: { 200: BranchSetup, ...errors } } },
      async (request) => branch.getSetup(request.actor, request.params.branchId),
    );
    app.get(
      '/branch/calendars',
      { schema: { tags, response: { 200: Type.Array(BranchCalendarOption), ...errors } } },
      async (request) => branch.listCalendars(request.actor),
    );
    app.patch(
      '/branch/branches/:branchId/settings',
      {
        schema: {
          tags,
          params: BranchParams,
          body: UpdateBranchSettings,
          response: { 200: BranchSettings, ...errors },
        },
      },
      async (request) =>
        branch.updateSettings(requireActor(request.actor), request.params.branchId, request.body),
    );
    app.post(
      '/branch/branches/:branchId/services',
      {
        schema: {
          tags,
          params: BranchParams,
          body: CreateBranchService,
          response: { 201: BranchService, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await branch.createService(requireActor(request.actor), request.params.branchId, request.body),
          ),
    );
    app.post(
      '/branch/branches/:branchId/counters',
      {
        schema: {
          tags,
          params: BranchParams,
          body: CreateBranchCounter,
          response: { 201: BranchCounter, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await branch.createCounter(requireActor(request.actor), request.params.branchId, request.body),
          ),
    );
    app.post(
      '/branch/branches/:branchId/devices',
      {
        schema: {
          tags,
          params: BranchParams,
          body: RegisterDevice,
          response: { 201: RegisteredDevice, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await branch.registerDevice(requireActor(request.actor), request.params.branchId, request.body),
          ),
    );
    app.patch(
      '/branch/services/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: UpdateBranchService,
          response: { 200: BranchService, ...errors },
        },
      },
      async (request) => branch.updateService(requireActor(request.actor), request.params.id, request.body),
    );
    app.patch(
      '/branch/counters/:counterId',
      {
        schema: {
          tags,
          params: CounterParams,
          body: UpdateBranchCounter,
          response: { 200: BranchCounter, ...errors },
        },
      },
      async (request) =>
        branch.updateCounter(requireActor(request.actor), request.params.counterId, request.body),
    );
    app.put(
      '/branch/counters/:counterId/teller',
      {
        schema: {
          tags,
          params: CounterParams,
          body: AssignTeller,
          response: { 200: BranchCounter, ...errors },
        },
      },
      async (request) =>
        branch.assignTeller(requireActor(request.actor), request.params.counterId, request.body.tellerId),
    );
    app.get(
      '/branch/branches/:branchId/staff',
      { schema: { tags, params: BranchParams, response: { 200: BranchStaff, ...errors } } },
      async (request) => branch.listStaff(requireActor(request.actor), request.params.branchId),
    );
    app.delete(
      '/branch/devices/:id',
      { schema: { tags, params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await branch.revokeDevice(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );

    // ---- counter (teller) ----
    app.get(
      '/branch/counters',
      { schema: { tags, response: { 200: MyCounters, ...errors } } },
      async (request) => ({ items: await branch.listMyCounters(request.actor) }),
    );
    app.get(
      '/branch/counters/:counterId',
      { schema: { tags, params: CounterParams, response: { 200: CounterView, ...errors } } },
      async (request) => branch.counterView(request.actor, request.params.counterId),
    );
    app.post(
      '/branch/counters/:counterId/open',
      { schema: { tags, params: CounterParams, response: { 200: CounterView, ...errors } } },
      async (request) => branch.setCounterOpen(request.actor, request.params.counterId, true),
    );
    app.post(
      '/branch/counters/:counterId/close',
      { schema: { tags, params: CounterParams, response: { 200: CounterView, ...errors } } },
      async (request) => branch.setCounterOpen(request.actor, request.params.counterId, false),
    );
    app.post(
      '/branch/counters/:counterId/call-next',
      {
        schema: {
          tags,
          params: CounterParams,
          body: Type.Optional(CallNext),
          response: { 200: CallResult, ...errors },
        },
      },
      async (request) => ({
        ticket: await branch.callNext(request.actor, request.params.counterId, request.body ?? {}),
      }),
    );
    const ticketAction = (path: string, run: (actor: Actor | null, id: string) => Promise<TicketView>) =>
      app.post(
        `/branch/tickets/:ticketId/${path}`,
        { schema: { tags, params: TicketParams, response: { 200: Ticket, ...errors } } },
        async (request) => run(request.actor, request.params.ticketId),
      );
    ticketAction('recall', branch.recall);
    ticketAction('no-show', branch.noShow);
    ticketAction('start', branch.startService);
    ticketAction('park', branch.park);
    ticketAction('resume', branch.resume);
    app.post(
      '/branch/tickets/:ticketId/finish',
      {
        schema: {
          tags,
          params: TicketParams,
          body: Type.Optional(Type.Partial(TicketNotes)),
          response: { 200: Ticket, ...errors },
        },
      },
      async (request) => branch.finishService(request.actor, request.params.ticketId, request.body?.notes),
    );
    app.post(
      '/branch/tickets/:ticketId/transfer',
      { schema: { tags, params: TicketParams, body: TransferTicket, response: { 200: Ticket, ...errors } } },
      async (request) => branch.transfer(request.actor, request.params.ticketId, request.body),
    );
    app.put(
      '/branch/tickets/:ticketId/notes',
      { schema: { tags, params: TicketParams, body: TicketNotes, response: { 200: Ticket, ...errors } } },
      async (request) => branch.setNotes(request.actor, request.params.ticketId, request.body.notes),
    );
    app.put(
      '/branch/tickets/:ticketId/priority',
      { schema: { tags, params: TicketParams, body: SetPriority, response: { 200: Ticket, ...errors } } },
      async (request) => branch.setPriority(request.actor, request.params.ticketId, request.body.group),
    );

    // ---- lobby manager ----
    app.get(
      '/branch/branches/:branchId/lobby',
      { schema: { tags, params: BranchParams, response: { 200: LobbyBoard, ...errors } } },
      async (request) => branch.lobbyBoard(request.actor, request.params.branchId),
    );
    app.get(
      '/branch/branches/:branchId/waiting',
      { schema: { tags, params: BranchParams, response: { 200: WaitingTickets, ...errors } } },
      async (request) => ({ items: await branch.listWaiting(request.actor, request.params.branchId) }),
    );
    app.post(
      '/branch/lobby/flexible-counter',
      { schema: { tags, body: OpenFlexibleCounter, response: { 200: BranchCounter, ...errors } } },
      async (request) => branch.openFlexibleCounter(request.actor, request.body),
    );
    app.post(
      '/branch/lobby/move-tickets',
      { schema: { tags, body: MoveTickets, response: { 200: MovedTickets, ...errors } } },
      async (request) => branch.moveTickets(request.actor, request.body),
    );
    app.get(
      '/branch/branches/:branchId/display',
      { schema: { tags, params: BranchParams, response: { 200: DisplayState, ...errors } } },
      async (request) => {
        branch.requireBranch(request.actor, request.params.branchId, 'branch.counter');
        return branch.displayState(request.params.branchId);
      },
    );

    // ---- customer 360 ----
    app.get(
      '/customers/:id/branch-visits',
      { schema: { tags, params: IdParams, response: { 200: BranchVisits, ...errors } } },
      async (request) => ({ items: await branch.listVisits(request.actor, request.params.id) }),
    );

    // ---- devices (x-device-token) ----
    app.get(
      '/branch/device/kiosk',
      { schema: { tags, response: { 200: KioskInfo, ...errors } } },
      async (request) => branch.kioskInfo(await device(request, 'kiosk')),
    );
    app.post(
      '/branch/device/tickets',
      { schema: { tags, body: IssueTicket, response: { 201: IssuedTicket, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await branch.issueTicket(await device(request, 'kiosk'), request.body)),
    );
    app.post(
      '/branch/device/check-in',
      { schema: { tags, body: CheckIn, response: { 201: IssuedTicket, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await branch.checkIn(await device(request, 'kiosk'), request.body.code)),
    );
    app.get(
      '/branch/device/display',
      { schema: { tags, response: { 200: DisplayState, ...errors } } },
      async (request) => branch.displayState((await device(request, 'display')).branchId),
    );
    app.get(
      '/branch/device/pad',
      { schema: { tags, response: { 200: PadState, ...errors } } },
      async (request) => branch.padState(await device(request, 'pad')),
    );
    app.post(
      '/branch/device/feedback',
      { schema: { tags, body: SubmitFeedback, response: { 201: FeedbackStored, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await branch.submitFeedback(await device(request, 'pad'), request.body)),
    );

    // ---- public (phone page, online booking): rate-limited per IP ----
    const publicLimit = (ip: string) => {
      if (!perIp.hit(ip)) throw new AppError('RATE_LIMITED', 429);
    };
    app.get(
      '/branch/public/tickets/:token',
      {
        schema: {
          tags,
          params: Type.Object({ token: Type.String({ maxLength: 60 }) }),
          response: { 200: PublicTicket, ...errors },
        },
      },
      async (request) => {
        publicLimit(request.ip);
        return branch.publicTicket(request.params.token);
      },
    );
    app.get(
      '/branch/public/branches',
      { schema: { tags, response: { 200: PublicBranches, ...errors } } },
      async (request) => {
        publicLimit(request.ip);
        return { items: await branch.publicBranches() };
      },
    );
    app.get(
      '/branch/public/branches/:branchId/slots',
      { schema: { tags, params: BranchParams, querystring: SlotQuery, response: { 200: Slots, ...errors } } },
      async (request) => {
        publicLimit(request.ip);
        return {
          items: await branch.listSlots(request.params.branchId, request.query.serviceId, request.query.date),
        };
      },
    );
    app.post(
      '/branch/public/branches/:branchId/appointments',
      {
        schema: {
          tags,
          params: BranchParams,
          body: BookAppointment,
          response: { 201: BookedAppointment, ...errors },
        },
      },
      async (request, reply) => {
        publicLimit(request.ip);
        return reply.code(201).send(await branch.bookAppointment(request.params.branchId, request.body));
      },
    );
  };
}
