import './staff.messages.ts';
import type { FastifyRequest } from 'fastify';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { Events } from '../../platform/events.ts';
import type { Authenticator } from '../../platform/http.ts';
import type { Ids } from '../../platform/ids.ts';
import type { Actor } from '../../platform/rbac.ts';
import { createStaffAuth, SESSION_COOKIE } from './staff.auth.ts';
import { createPasswords } from './staff.passwords.ts';
import { staffRoutes } from './staff.routes.ts';
import { createStaffService } from './staff.service.ts';

export type { StaffAuth } from './staff.auth.ts';
export { SESSION_COOKIE } from './staff.auth.ts';
export { STAFF_EVENTS } from './staff.events.ts';
export * as staffTables from './staff.schema.ts';
export type { StaffService } from './staff.service.ts';

export function createStaffModule(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  audit: Audit;
  events: Events;
  config: {
    sessionTtlHours: number;
    requireAdminMfa: boolean;
    publicUrl: string;
    argon2MemoryKiB: number;
    argon2TimeCost: number;
  };
}) {
  const passwords = createPasswords({
    memoryCost: deps.config.argon2MemoryKiB,
    timeCost: deps.config.argon2TimeCost,
  });
  const auth = createStaffAuth({ ...deps, passwords });
  const service = createStaffService({ ...deps, passwords, auth });

  const authenticator: Authenticator = {
    async authenticate(request: FastifyRequest): Promise<Actor | null> {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) return auth.authenticateToken(header.slice(7).trim(), request.ip);
      const token = request.cookies?.[SESSION_COOKIE];
      if (!token) return null;
      return (await auth.authenticateSession(token, request.ip))?.actor ?? null;
    },
    isCsrfValid: auth.isCsrfValid,
  };

  const routes = staffRoutes({
    auth,
    staff: service,
    secureCookies: deps.config.publicUrl.startsWith('https://'),
    sessionTtlHours: deps.config.sessionTtlHours,
  });
  return { auth, service, authenticator, routes, passwords };
}
