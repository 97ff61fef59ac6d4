import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false };

/** Filters every report accepts; `from` inclusive, `to` exclusive (metrics.md § Periods). */
const reportFilters = {
  from: IsoDateTime,
  to: IsoDateTime,
  granularity: Type.Optional(Type.Union([Type.Literal('hour'), Type.Literal('day'), Type.Literal('week')])),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  channel: Type.Optional(Type.String({ maxLength: 16 })),
  queueId: Type.Optional(Uuid),
  agentId: Type.Optional(Uuid),
  reasonId: Type.Optional(Uuid),
  teamId: Type.Optional(Uuid),
  segment: Type.Optional(Type.String({ maxLength: 32 })),
};
export const ReportQuery = Type.Object(reportFilters, strict);
export type ReportQuery = Static<typeof ReportQuery>;

const kpiFigures = {
  offered: Type.Integer(),
  answered: Type.Integer(),
  abandoned: Type.Integer(),
  /** Abandoned within the short-abandon threshold: in neither service-level denominator. */
  shortAbandoned: Type.Integer(),
  answeredWithinThreshold: Type.Integer(),
  serviceLevelAnswered: Nullable(Type.Number()),
  serviceLevelOffered: Nullable(Type.Number()),
  abandonmentRate: Nullable(Type.Number()),
  asaSeconds: Nullable(Type.Number()),
  ahtSeconds: Nullable(Type.Number()),
  csat: Nullable(Type.Number()),
  ratings: Type.Integer(),
  transfers: Type.Integer(),
};
export const KpiFigures = Type.Object(kpiFigures);
export type KpiFigures = Static<typeof KpiFigures>;

export const ContactReport = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  granularity: Type.String(),
  timeZone: Type.String(),
  thresholdSeconds: Type.Integer(),
  shortAbandonSeconds: Type.Integer(),
  totals: KpiFigures,
  series: Type.Array(Type.Object({ bucket: IsoDateTime, ...kpiFigures })),
  /** Offered contacts by ISO weekday (1 = Monday) × local hour. */
  heatmap: Type.Array(
    Type.Object({ weekday: Type.Integer(), hour: Type.Integer(), offered: Type.Integer() }),
  ),
  byQueue: Type.Array(
    Type.Object({
      queueId: Nullable(Uuid),
      name: Type.String(),
      offered: Type.Integer(),
      answered: Type.Integer(),
    }),
  ),
});
export type ContactReport = Static<typeof ContactReport>;

export const ContactDrillQuery = Type.Object(
  {
    ...reportFilters,
    outcome: Type.Optional(
      Type.Union([Type.Literal('answered'), Type.Literal('abandoned'), Type.Literal('waiting')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  strict,
);
export type ContactDrillQuery = Static<typeof ContactDrillQuery>;

export const ContactDrill = Type.Object({
  items: Type.Array(
    Type.Object({
      conversationId: Uuid,
      channel: Type.String(),
      queueName: Nullable(Type.String()),
      agentName: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      offeredAt: IsoDateTime,
      waitSeconds: Nullable(Type.Integer()),
      handleSeconds: Nullable(Type.Integer()),
      outcome: Type.String(),
      rating: Nullable(Type.Integer()),
      transfers: Type.Integer(),
    }),
  ),
  total: Type.Integer(),
});
export type ContactDrill = Static<typeof ContactDrill>;

export const AgentScorecards = Type.Object({
  items: Type.Array(
    Type.Object({
      agentId: Uuid,
      displayName: Type.String(),
      handled: Type.Integer(),
      /** Handle seconds of the agent's own segments (a transfer splits a contact). */
      ahtSeconds: Nullable(Type.Number()),
      csat: Nullable(Type.Number()),
      ratings: Type.Integer(),
      transfersOut: Type.Integer(),
      contactsPerDay: Nullable(Type.Number()),
      /** Seconds signed in (any state but offline) within the period, from routing's state changes. */
      staffedSeconds: Type.Integer(),
      /** Busy (handling at least one contact) ÷ available time (metrics.md § Agents). */
      occupancy: Nullable(Type.Number()),
      /** Busy ÷ signed-in time, away included. */
      utilization: Nullable(Type.Number()),
    }),
  ),
});
export type AgentScorecards = Static<typeof AgentScorecards>;

export const ExportQuery = Type.Object(
  { ...reportFilters, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]) },
  strict,
);
export type ExportQuery = Static<typeof ExportQuery>;

const wallboardTile = {
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  offeredToday: Type.Integer(),
  answeredToday: Type.Integer(),
  abandonedToday: Type.Integer(),
  serviceLevelToday: Nullable(Type.Number()),
  asaSeconds: Nullable(Type.Number()),
  csatToday: Nullable(Type.Number()),
};
export const WallboardTile = Type.Object(wallboardTile);
export type WallboardTile = Static<typeof WallboardTile>;

const AgentStates = Type.Object({
  available: Type.Integer(),
  busy: Type.Integer(),
  away: Type.Integer(),
  offline: Type.Integer(),
});

export const Wallboard = Type.Object({
  at: IsoDateTime,
  thresholdSeconds: Type.Integer(),
  /** Colour limits: service level below `serviceLevelRed` is red, below `serviceLevelAmber` amber… */
  thresholds: Type.Object({
    serviceLevelAmber: Type.Number(),
    serviceLevelRed: Type.Number(),
    longestWaitAmber: Type.Integer(),
    longestWaitRed: Type.Integer(),
  }),
  overall: WallboardTile,
  /** Each queue's tile; its `agents` are those who can take its work (channel and skills). */
  queues: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      name: Type.String(),
      ...wallboardTile,
      agents: AgentStates,
    }),
  ),
  agents: AgentStates,
});
export type Wallboard = Static<typeof Wallboard>;

export const WallboardQuery = Type.Object(
  { timeZone: Type.Optional(Type.String({ maxLength: 64 })) },
  strict,
);

export const HotTopicsQuery = Type.Object(
  {
    weekStart: Type.Optional(IsoDateTime),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  strict,
);
export type HotTopicsQuery = Static<typeof HotTopicsQuery>;

export const HotTopics = Type.Object({
  weekStart: IsoDateTime,
  items: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('reason'), Type.Literal('category'), Type.Literal('phrase')]),
      topic: Type.String(),
      /** The contact reason, for a `reason` item (business units subscribe to reasons). */
      reasonId: Type.Optional(Uuid),
      language: Nullable(Type.String()),
      thisWeek: Type.Integer(),
      lastWeek: Type.Integer(),
      change: Nullable(Type.Number()),
      pValue: Type.Number(),
      rising: Type.Boolean(),
      examples: Type.Array(Uuid),
    }),
  ),
  suggestions: Type.Array(Type.Object({ conversationId: Uuid, text: Type.String() })),
});
export type HotTopics = Static<typeof HotTopics>;
