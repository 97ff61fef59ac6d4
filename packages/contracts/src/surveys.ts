import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false };
const Worded = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 300 }),
    'zh-CN': Type.String({ minLength: 1, maxLength: 300 }),
    vi: Type.String({ minLength: 1, maxLength: 300 }),
  },
  strict,
);

export const SurveyQuestion = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,31}$' }),
    type: Type.Union([Type.Literal('scale'), Type.Literal('text')]),
    min: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    isScore: Type.Optional(Type.Boolean()),
    text: Worded,
  },
  strict,
);

/** An hour, or null for no quiet hours (`Nullable` keeps a JSON null apart from midnight). */
const HourOrNull = Nullable(Type.Integer({ minimum: 0, maximum: 23 }));

export const CreateSurvey = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,40}$' }),
    kind: Type.Union([
      Type.Literal('csat'),
      Type.Literal('nps'),
      Type.Literal('ces'),
      Type.Literal('custom'),
    ]),
    trigger: Type.Union([
      Type.Literal('chat_closed'),
      Type.Literal('case_resolved'),
      Type.Literal('branch_visit'),
    ]),
    samplingRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    quietStartHour: Type.Optional(HourOrNull),
    quietEndHour: Type.Optional(HourOrNull),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    minDaysBetween: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    linkValidDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    /** Omitted for csat / nps / ces: the standard questions (NPS adds its "why"). */
    questions: Type.Optional(Type.Array(SurveyQuestion, { minItems: 1, maxItems: 20 })),
  },
  strict,
);
export type CreateSurvey = Static<typeof CreateSurvey>;

/**
 * What can change after creation: everything but the code and the kind (responses already stored
 * are read by them). `isActive: false` stops new invitations and the survey asked in place.
 */
export const UpdateSurvey = Type.Object(
  {
    trigger: Type.Optional(CreateSurvey.properties.trigger),
    samplingRate: CreateSurvey.properties.samplingRate,
    quietStartHour: CreateSurvey.properties.quietStartHour,
    quietEndHour: CreateSurvey.properties.quietEndHour,
    timeZone: CreateSurvey.properties.timeZone,
    minDaysBetween: CreateSurvey.properties.minDaysBetween,
    linkValidDays: CreateSurvey.properties.linkValidDays,
    questions: CreateSurvey.properties.questions,
    isActive: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateSurvey = Static<typeof UpdateSurvey>;

export const Survey = Type.Object({
  id: Uuid,
  code: Type.String(),
  kind: Type.String(),
  trigger: Type.String(),
  samplingRate: Type.Number(),
  quietStartHour: Nullable(Type.Integer()),
  quietEndHour: Nullable(Type.Integer()),
  timeZone: Type.String(),
  minDaysBetween: Type.Integer(),
  linkValidDays: Type.Integer(),
  questions: Type.Array(SurveyQuestion),
  isActive: Type.Boolean(),
});
export type Survey = Static<typeof Survey>;
export const SurveyList = Type.Object({ items: Type.Array(Survey) });

/** The link's token travels in the query (path parameters are limited to 100 characters). */
export const PublicSurveyQuery = Type.Object(
  {
    token: Type.String({ minLength: 10, maxLength: 600 }),
    lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  strict,
);
export const PublicSurveyTokenQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 600 }) },
  strict,
);

/** What the customer sees: the questions in their language (no names, no ids but the question ids). */
export const PublicSurvey = Type.Object({
  kind: Type.String(),
  language: Type.String(),
  questions: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      min: Nullable(Type.Integer()),
      max: Nullable(Type.Integer()),
      text: Type.String(),
    }),
  ),
});
export type PublicSurvey = Static<typeof PublicSurvey>;

export const SurveyAnswer = Type.Object(
  {
    answers: Type.Record(
      Type.String({ maxLength: 32 }),
      Type.Union([Type.Integer(), Type.String({ maxLength: 2000 })]),
    ),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  strict,
);
export type SurveyAnswer = Static<typeof SurveyAnswer>;

export const SurveyThanks = Type.Object({ received: Type.Boolean(), at: IsoDateTime });

/**
 * The survey asked in place (widget after a chat, pad after a visit): null when none is configured
 * (the widget keeps its 1–5 rating) or when this contact's survey is `answered` already.
 */
export const InlineSurvey = Type.Object({ survey: Nullable(PublicSurvey), answered: Type.Boolean() });
export const InlineSurveyQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])) },
  strict,
);
export const PadSurveyQuery = Type.Object(
  {
    ticketId: Uuid,
    lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  strict,
);
export const PadSurveyAnswer = Type.Object(
  {
    ticketId: Uuid,
    answers: SurveyAnswer.properties.answers,
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  strict,
);

export const SurveyResponse = Type.Object({
  id: Uuid,
  kind: Type.String(),
  /** `link`, `widget` or `branch_pad`. */
  source: Type.String(),
  score: Nullable(Type.Integer()),
  answers: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.String()])),
  language: Type.String(),
  conversationId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  ticketId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  agentId: Nullable(Uuid),
  queueId: Nullable(Uuid),
  branchId: Nullable(Uuid),
  serviceId: Nullable(Uuid),
  createdAt: IsoDateTime,
});
export const SurveyResponseList = Type.Object({ items: Type.Array(SurveyResponse) });

/** Survey results over a period (`reports.view`): CSAT, NPS and CES with their charts' data. */
export const SurveyResultsQuery = Type.Object(
  {
    from: IsoDateTime,
    to: IsoDateTime,
    /** Trend buckets: calendar days or ISO weeks (Monday) in `timeZone`. */
    granularity: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')])),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** A conversation's channel (`chat`, `voice`, `sms`, `email`…), `case` or `branch`. */
    channel: Type.Optional(Type.String({ pattern: '^[a-z_]{1,20}$' })),
    queueId: Type.Optional(Uuid),
    /** Responses about the team's agents; a team supervisor may name only their own teams. */
    teamId: Type.Optional(Uuid),
  },
  strict,
);
export type SurveyResultsQuery = Static<typeof SurveyResultsQuery>;

const ScoreCount = Type.Object({ score: Type.Integer(), count: Type.Integer() });
const TrendPoint = Type.Object({
  /** The bucket's first day, `YYYY-MM-DD` in the query's time zone. */
  start: Type.String(),
  responses: Type.Integer(),
  value: Nullable(Type.Number()),
});
export const SurveyKindResults = Type.Object({
  responses: Type.Integer(),
  /** CSAT: share of 4–5 (0–1); NPS: −100…100; CES: mean of 1–7 (docs/metrics.md § Surveys). */
  value: Nullable(Type.Number()),
  distribution: Type.Array(ScoreCount),
  trend: Type.Array(TrendPoint),
});
export const SurveyComment = Type.Object({
  id: Uuid,
  kind: Type.String(),
  score: Nullable(Type.Integer()),
  /** Masked (card numbers) when stored and again when read. */
  comment: Type.String(),
  language: Type.String(),
  channel: Nullable(Type.String()),
  conversationId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  ticketId: Nullable(Uuid),
  queueId: Nullable(Uuid),
  createdAt: IsoDateTime,
});
export const SurveyResults = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  granularity: Type.Union([Type.Literal('day'), Type.Literal('week')]),
  csat: SurveyKindResults,
  nps: SurveyKindResults,
  ces: SurveyKindResults,
  npsGroups: Type.Object({ promoters: Type.Integer(), passives: Type.Integer(), detractors: Type.Integer() }),
  /** The newest 20 answers with a comment. */
  comments: Type.Array(SurveyComment),
});
export type SurveyResults = Static<typeof SurveyResults>;
