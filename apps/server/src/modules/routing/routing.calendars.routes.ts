import { Type } from 'typebox';
import { ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  Calendar,
  CalendarList,
  CalendarStatus,
  CalendarStatusQuery,
  CreateCalendar,
  UpdateCalendar,
} from '#contracts/desk.ts';
import type { App } from '../../platform/http.ts';
import { requireActor } from '../../platform/rbac.ts';
import type { RoutingCalendars } from './routing.calendars.ts';

const errors = ErrorResponses;

/** Administration of business hours and holidays (`/admin/calendars`). */
export function calendarRoutes(deps: { calendars: RoutingCalendars }) {
  const { calendars } = deps;
  return async (app: App) => {
    app.get(
      '/admin/calendars',
      { schema: { tags: ['admin'], response: { 200: CalendarList, ...errors } } },
      async (request) => ({ items: await calendars.listCalendars(requireActor(request.actor)) }),
    );
    app.post(
      '/admin/calendars',
      { schema: { tags: ['admin'], body: CreateCalendar, response: { 201: Calendar, ...errors } } },
      async (request, reply) =>
        reply.code(201).send(await calendars.createCalendar(requireActor(request.actor), request.body)),
    );
    app.get(
      '/admin/calendars/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 200: Calendar, ...errors } } },
      async (request) => calendars.getCalendar(requireActor(request.actor), request.params.id),
    );
    app.patch(
      '/admin/calendars/:id',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          body: UpdateCalendar,
          response: { 200: Calendar, ...errors },
        },
      },
      async (request) =>
        calendars.updateCalendar(requireActor(request.actor), request.params.id, request.body),
    );
    app.delete(
      '/admin/calendars/:id',
      { schema: { tags: ['admin'], params: IdParams, response: { 204: Type.Null(), ...errors } } },
      async (request, reply) => {
        await calendars.deleteCalendar(requireActor(request.actor), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/admin/calendars/:id/status',
      {
        schema: {
          tags: ['admin'],
          params: IdParams,
          querystring: CalendarStatusQuery,
          response: { 200: CalendarStatus, ...errors },
        },
      },
      async (request) =>
        calendars.calendarStatus(
          requireActor(request.actor),
          request.params.id,
          request.query.at ? new Date(request.query.at) : undefined,
        ),
    );
  };
}
