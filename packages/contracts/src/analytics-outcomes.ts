/** Case and branch KPIs (docs/metrics.md § FCR, resolution time, first owner, complaints, branches). */
import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false };

export const CaseReportQuery = Type.Object(
  {
    from: IsoDateTime,
    to: IsoDateTime,
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    teamId: Type.Optional(Uuid),
    /** FCR window: a repeat within this many days is not a first-contact resolution (default 7). */
    fcrWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  strict,
);
export type CaseReportQuery = Static<typeof CaseReportQuery>;

export const CaseReport = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  fcrWindowDays: Type.Integer(),
  /** Cases created in the period. */
  created: Type.Integer(),
  complaintsCreated: Type.Integer(),
  /** Cases resolved / closed in the period. */
  resolved: Type.Integer(),
  closed: Type.Integer(),
  /** Of the cases created in the period, those reopened at least once. */
  reopened: Type.Integer(),
  /** Closed by their first owner ÷ closed (metrics.md § First owner). */
  closedByFirstOwner: Nullable(Type.Number()),
  /** Complaints resolved by their due time ÷ complaints resolved. */
  complaintOnTimeRate: Nullable(Type.Number()),
  complaintsResolved: Type.Integer(),
  /** Mean calendar hours created → resolved, over cases resolved in the period. */
  averageResolutionHours: Nullable(Type.Number()),
  /**
   * Mean business hours created → resolved (the case's calendar, as the cases module counted them),
   * over the cases resolved in the period whose `case.resolved` carried the figure.
   */
  averageBusinessResolutionHours: Nullable(Type.Number()),
  /** How many resolved cases that mean is over (older events lack the figure). */
  businessResolutionCases: Type.Integer(),
  /** First-contact resolution over contacts and cases of the period whose window has ended. */
  fcr: Nullable(Type.Number()),
  /** Contacts (conversations with a reason, cases not from a conversation) FCR was computed over. */
  fcrContacts: Type.Integer(),
});
export type CaseReport = Static<typeof CaseReport>;

export const BranchReportQuery = Type.Object(
  {
    from: IsoDateTime,
    to: IsoDateTime,
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    branchId: Type.Optional(Uuid),
  },
  strict,
);
export type BranchReportQuery = Static<typeof BranchReportQuery>;

const branchFigures = {
  issued: Type.Integer(),
  called: Type.Integer(),
  served: Type.Integer(),
  noShows: Type.Integer(),
  transfers: Type.Integer(),
  /** Mean issued → first call, seconds. */
  averageWaitSeconds: Nullable(Type.Number()),
  /** Mean service start → finish, seconds. */
  averageServiceSeconds: Nullable(Type.Number()),
  /** Called but never served ÷ called. */
  noShowRate: Nullable(Type.Number()),
  /** Mean pad rating (1–5) and the number of answers. */
  averageRating: Nullable(Type.Number()),
  ratings: Type.Integer(),
};

export const BranchReport = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  totals: Type.Object(branchFigures),
  branches: Type.Array(Type.Object({ branchId: Uuid, name: Type.String(), ...branchFigures })),
});
export type BranchReport = Static<typeof BranchReport>;

/** A branch tile on the wallboard: the lobby board's live figures and today's. */
export const BranchTile = Type.Object({
  branchId: Uuid,
  name: Type.String(),
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  servedToday: Type.Integer(),
  averageWaitSecondsToday: Nullable(Type.Number()),
  noShowRateToday: Nullable(Type.Number()),
});
export type BranchTile = Static<typeof BranchTile>;

export const BranchWallboard = Type.Object({ at: IsoDateTime, branches: Type.Array(BranchTile) });
export type BranchWallboard = Static<typeof BranchWallboard>;
