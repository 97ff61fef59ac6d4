/** Events the staff module publishes (payloads carry ids, never credentials). */
export const STAFF_EVENTS = {
  userCreated: 'staff.user_created',
  userUpdated: 'staff.user_updated',
  /** Sessions ended: sign-out, revoke, password change, disable. Every process evicts its cache. */
  sessionsRevoked: 'staff.sessions_revoked',
  orgChanged: 'staff.org_changed',
} as const;

export interface UserChangedPayload {
  userId: string;
}

export interface SessionsRevokedPayload {
  userId: string;
  /** null = every session of the user. */
  sessionIds: string[] | null;
}

export interface OrgChangedPayload {
  kind: 'team' | 'department' | 'branch' | 'skill';
  id: string;
}
