import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';
import { Consultant } from './live.ts';
import { ORIGIN_PATTERN } from './patterns.ts';

const strict = { additionalProperties: false } as const;

export const AgentStateName = Type.Union([
  Type.Literal('available'),
  Type.Literal('away'),
  Type.Literal('offline'),
]);
export const AwayReason = Type.Union([
  Type.Literal('break'),
  Type.Literal('lunch'),
  Type.Literal('training'),
  Type.Literal('meeting'),
  Type.Literal('after_contact_work'),
  Type.Literal('missed_offers'),
]);

export const DeskState = Type.Object({
  state: AgentStateName,
  reason: Nullable(Type.String()),
  since: Nullable(IsoDateTime),
  channels: Type.Array(
    Type.Object({ channel: Type.String(), capacity: Type.Integer(), load: Type.Integer() }),
  ),
});
export type DeskState = Static<typeof DeskState>;

export const SetDeskState = Type.Object({ state: AgentStateName, reason: Type.Optional(AwayReason) }, strict);
export type SetDeskState = Static<typeof SetDeskState>;

/** A supervisor sets how many contacts of a channel an agent handles at once (0 = none). */
export const SetAgentCapacity = Type.Object(
  {
    channel: Type.Union([
      Type.Literal('chat'),
      Type.Literal('voice'),
      Type.Literal('email'),
      Type.Literal('sms'),
      Type.Literal('task'),
    ]),
    capacity: Type.Integer({ minimum: 0, maximum: 20 }),
  },
  strict,
);
export type SetAgentCapacity = Static<typeof SetAgentCapacity>;

export const DeskOffer = Type.Object({
  itemId: Uuid,
  kind: Type.String(),
  refId: Uuid,
  queueId: Uuid,
  channel: Type.String(),
  expiresAt: IsoDateTime,
});
export const DeskOfferList = Type.Object({ items: Type.Array(DeskOffer) });
export const ItemParams = Type.Object({ itemId: Uuid }, strict);

export const ConversationSummary = Type.Object({
  id: Uuid,
  channel: Type.String(),
  status: Type.String(),
  customerId: Nullable(Uuid),
  queueId: Nullable(Uuid),
  assigneeId: Nullable(Uuid),
  language: Type.String(),
  topic: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  tags: Type.Optional(Type.Array(Type.String())),
  createdAt: IsoDateTime,
  lastMessageAt: Nullable(IsoDateTime),
  /** Read receipts: the highest message seq the customer / the assignee has read. */
  customerReadSeq: Type.Optional(Type.Integer()),
  agentReadSeq: Type.Optional(Type.Integer()),
  /** Customer messages the assignee has not read yet (in the desk's list only). */
  unreadCount: Type.Optional(Type.Integer()),
});
export const ConversationList = Type.Object({ items: Type.Array(ConversationSummary) });

/** A file sent in a conversation (messages of kind `attachment`); the type is sniffed from its bytes. */
export const AttachmentView = Type.Object({
  id: Uuid,
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});
export type AttachmentView = Static<typeof AttachmentView>;
/** `POST …/attachments?name=&clientId=` with the file's bytes as the body. */
export const UploadAttachmentQuery = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    clientId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  strict,
);
export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid }, strict);

export const MessageView = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  authorType: Type.String(),
  authorId: Nullable(Type.String()),
  kind: Type.String(),
  clientId: Nullable(Type.String()),
  body: Type.String(),
  attachment: Type.Optional(Nullable(AttachmentView)),
  mentions: Type.Array(Uuid),
  createdAt: IsoDateTime,
});
export const ConversationDetail = Type.Object({
  conversation: ConversationSummary,
  messages: Type.Array(MessageView),
  /** Agents invited to consult, current and past. */
  consultants: Type.Optional(Type.Array(Consultant)),
  /** The assignee's display name (a consultant mentions them in notes). */
  assigneeName: Type.Optional(Nullable(Type.String())),
});

export const PostAgentMessage = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 64 }),
    // The service gives the translated "too long" error past 10,000 characters.
    body: Type.String({ maxLength: 20_000 }),
    kind: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('note')])),
    mentions: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  },
  strict,
);
export type PostAgentMessage = Static<typeof PostAgentMessage>;
export const PostedMessage = Type.Object({ message: MessageView, duplicate: Type.Boolean() });

export const CloseConversation = Type.Object(
  {
    contactReasonId: Uuid,
    /** Free labels for reporting (e.g. "fraud-suspected"); trimmed, lower-cased, at most 10. */
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 })),
  },
  strict,
);
export type CloseConversation = Static<typeof CloseConversation>;

// ---- the chat widget (customer side) ----

export const WidgetSessionBody = Type.Object(
  {
    siteKey: Type.String({ minLength: 1, maxLength: 64 }),
    visitorToken: Type.Optional(Type.String({ maxLength: 1000 })),
    identityToken: Type.Optional(Type.String({ maxLength: 2000 })),
    language: Type.Optional(Type.String({ maxLength: 10 })),
  },
  strict,
);
export type WidgetSessionBody = Static<typeof WidgetSessionBody>;

export const WidgetSession = Type.Object({
  visitorToken: Type.String(),
  visitorId: Uuid,
  verified: Type.Boolean(),
  customerName: Nullable(Type.String()),
  online: Type.Boolean(),
  site: Type.Object({
    name: Type.String(),
    greeting: Type.String(),
    colors: Type.Object({ primary: Type.String() }),
  }),
  openConversation: Nullable(Type.Object({ id: Uuid, status: Type.String() })),
});

const WidgetLanguage = Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]);

export const WidgetStartChat = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    topic: Type.Optional(Type.String({ maxLength: 60 })),
    language: WidgetLanguage,
  },
  strict,
);
export type WidgetStartChat = Static<typeof WidgetStartChat>;

export const WidgetMessage = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  authorType: Type.String(),
  kind: Type.String(),
  clientId: Nullable(Type.String()),
  body: Type.String(),
  attachment: Type.Optional(Nullable(AttachmentView)),
  createdAt: IsoDateTime,
});

export const WidgetChat = Type.Object({
  id: Uuid,
  status: Type.String(),
  language: Type.String(),
  rating: Nullable(Type.Integer()),
  /** The highest seq the agent has read ("Seen" under the customer's messages). */
  agentReadSeq: Type.Optional(Type.Integer()),
  queuePosition: Nullable(Type.Integer()),
  estimatedWaitSeconds: Nullable(Type.Integer()),
  messages: Type.Array(WidgetMessage),
});
export const WidgetChatQuery = Type.Object({ afterSeq: Type.Optional(Type.Integer({ minimum: 0 })) }, strict);

export const WidgetPostMessage = Type.Object(
  { clientId: Type.String({ minLength: 1, maxLength: 64 }), body: Type.String({ maxLength: 20_000 }) },
  strict,
);
export type WidgetPostMessage = Static<typeof WidgetPostMessage>;
export const WidgetPosted = Type.Object({ message: WidgetMessage, duplicate: Type.Boolean() });

export const WidgetRating = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
export type WidgetRating = Static<typeof WidgetRating>;

// ---- transfers and the supervisor's live view ----

export const TransferConversation = Type.Object(
  {
    toAgentId: Type.Optional(Uuid),
    toQueueId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { ...strict, minProperties: 1 },
);
export type TransferConversation = Static<typeof TransferConversation>;

export const ReassignConversation = Type.Object({ agentId: Uuid }, strict);

export const BoardQuery = Type.Object({ timeZone: Type.Optional(Type.String({ maxLength: 64 })) }, strict);

export const QueueBoard = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      name: Type.String(),
      channels: Type.Array(Type.String()),
      waiting: Type.Integer(),
      offered: Type.Integer(),
      longestWaitSeconds: Type.Integer(),
      answered: Type.Integer(),
      abandoned: Type.Integer(),
      answeredWithin20s: Type.Integer(),
      serviceLevel20s: Nullable(Type.Number()),
      asaSeconds: Type.Integer(),
    }),
  ),
});

export const AgentBoard = Type.Object({
  items: Type.Array(
    Type.Object({
      userId: Uuid,
      displayName: Type.String(),
      username: Type.String(),
      state: Type.String(),
      reason: Nullable(Type.String()),
      secondsInState: Type.Integer(),
      channels: Type.Array(
        Type.Object({ channel: Type.String(), capacity: Type.Integer(), load: Type.Integer() }),
      ),
      /** The agent's open conversations, to monitor or reassign. */
      conversations: Type.Array(
        Type.Object({
          id: Uuid,
          channel: Type.String(),
          status: Type.String(),
          contactName: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});

export const AgentParams = Type.Object({ userId: Uuid }, strict);

// ---- contact reasons ----

const ReasonNames = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 120 }),
    'zh-CN': Type.String({ minLength: 1, maxLength: 120 }),
    vi: Type.String({ minLength: 1, maxLength: 120 }),
  },
  strict,
);
export const ContactReason = Type.Object({
  id: Uuid,
  parentId: Nullable(Uuid),
  code: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  sort: Type.Integer(),
  isActive: Type.Boolean(),
});
export const ContactReasonList = Type.Object({ items: Type.Array(ContactReason) });
export const CreateContactReason = Type.Object(
  {
    parentId: Type.Optional(Nullable(Uuid)),
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_.-]+$' }),
    names: ReasonNames,
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  strict,
);
export type CreateContactReason = Static<typeof CreateContactReason>;
export const UpdateContactReason = Type.Object(
  {
    names: Type.Optional(ReasonNames),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    isActive: Type.Optional(Type.Boolean()),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateContactReason = Static<typeof UpdateContactReason>;
export const ContactReasonQuery = Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }, strict);

// ---- canned responses ----

const CannedBodies = Type.Object(
  {
    en: Type.String({ maxLength: 4000 }),
    'zh-CN': Type.String({ maxLength: 4000 }),
    vi: Type.String({ maxLength: 4000 }),
  },
  strict,
);
export const CannedResponse = Type.Object({
  id: Uuid,
  scope: Type.Union([Type.Literal('personal'), Type.Literal('team'), Type.Literal('global')]),
  teamId: Nullable(Uuid),
  shortcut: Type.String(),
  title: Type.String(),
  bodies: Type.Record(Type.String(), Type.String()),
});
export const CannedResponseList = Type.Object({ items: Type.Array(CannedResponse) });
export const CreateCannedResponse = Type.Object(
  {
    scope: Type.Union([Type.Literal('personal'), Type.Literal('team'), Type.Literal('global')]),
    teamId: Type.Optional(Nullable(Uuid)),
    shortcut: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    bodies: CannedBodies,
  },
  strict,
);
export type CreateCannedResponse = Static<typeof CreateCannedResponse>;
export const UpdateCannedResponse = Type.Object(
  {
    shortcut: Type.Optional(Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' })),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    bodies: Type.Optional(CannedBodies),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateCannedResponse = Static<typeof UpdateCannedResponse>;
/** A shared canned response, written from Admin: a team's (supervisor, administrator) or the bank's. */
export const CreateSharedCannedResponse = Type.Object(
  {
    scope: Type.Union([Type.Literal('team'), Type.Literal('global')]),
    teamId: Type.Optional(Nullable(Uuid)),
    shortcut: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9_-]+$' }),
    title: Type.String({ minLength: 1, maxLength: 120 }),
    bodies: CannedBodies,
  },
  strict,
);
export type CreateSharedCannedResponse = Static<typeof CreateSharedCannedResponse>;

// ---- queue and widget-site administration ----

const RequiredSkillBody = Type.Object(
  { skillId: Uuid, minProficiency: Type.Integer({ minimum: 1, maximum: 5 }) },
  strict,
);
const OverflowRuleBody = Type.Object(
  {
    afterSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
    action: Type.Union([Type.Literal('widen'), Type.Literal('move')]),
    dropSkillIds: Type.Optional(Type.Array(Uuid)),
    toQueueId: Type.Optional(Uuid),
  },
  strict,
);
const Channel = Type.Union([
  Type.Literal('chat'),
  Type.Literal('voice'),
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('task'),
]);
export const Queue = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  channels: Type.Array(Type.String()),
  requiredSkills: Type.Array(Type.Object({ skillId: Uuid, minProficiency: Type.Integer() })),
  offerTimeoutSeconds: Type.Integer(),
  maxSize: Type.Integer(),
  overflow: Type.Array(Type.Unknown()),
  wrapUpSeconds: Type.Integer(),
  autoAccept: Type.Boolean(),
  agingSeconds: Type.Integer(),
  stickySeconds: Type.Integer(),
  calendarId: Nullable(Uuid),
  /** The owning team: its supervisors manage the queue's email templates and signatures. */
  teamId: Nullable(Uuid),
});
export const QueueList = Type.Object({ items: Type.Array(Queue) });
const QueueFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  channels: Type.Array(Channel, { minItems: 1, uniqueItems: true }),
  requiredSkills: Type.Array(RequiredSkillBody, { maxItems: 10 }),
  offerTimeoutSeconds: Type.Integer({ minimum: 5, maximum: 600 }),
  maxSize: Type.Integer({ minimum: 0, maximum: 100_000 }),
  overflow: Type.Array(OverflowRuleBody, { maxItems: 10 }),
  wrapUpSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
  autoAccept: Type.Boolean(),
  agingSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  stickySeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
  calendarId: Nullable(Uuid),
  teamId: Nullable(Uuid),
};
export const CreateQueue = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }),
    name: QueueFields.name,
    channels: QueueFields.channels,
    requiredSkills: Type.Optional(QueueFields.requiredSkills),
    offerTimeoutSeconds: Type.Optional(QueueFields.offerTimeoutSeconds),
    maxSize: Type.Optional(QueueFields.maxSize),
    overflow: Type.Optional(QueueFields.overflow),
    wrapUpSeconds: Type.Optional(QueueFields.wrapUpSeconds),
    autoAccept: Type.Optional(QueueFields.autoAccept),
    agingSeconds: Type.Optional(QueueFields.agingSeconds),
    stickySeconds: Type.Optional(QueueFields.stickySeconds),
    calendarId: Type.Optional(QueueFields.calendarId),
    teamId: Type.Optional(QueueFields.teamId),
  },
  strict,
);
export type CreateQueue = Static<typeof CreateQueue>;
export const UpdateQueue = Type.Partial(Type.Omit(CreateQueue, ['code']), { ...strict, minProperties: 1 });
export type UpdateQueue = Static<typeof UpdateQueue>;

// ---- business hours (calendars of queues) ----

// Times and dates are checked by the service, which answers ROUTING_CALENDAR_INVALID with one
// problem per field (so a form can show each beside its row), not by the schema.
const HourRange = Type.Tuple([Type.String({ maxLength: 5 }), Type.String({ maxLength: 5 })]);
const WeeklyHours = Type.Record(Type.String({ pattern: '^[0-6]$' }), Type.Array(HourRange, { maxItems: 8 }));
const HolidayBody = Type.Object(
  {
    date: Type.String({ maxLength: 10 }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    hours: Type.Optional(Type.Array(HourRange, { maxItems: 8 })),
  },
  strict,
);
export const Calendar = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  /** Opening hours per weekday, 0 = Sunday … 6 = Saturday; a missing day is closed. */
  weekly: WeeklyHours,
  holidays: Type.Array(
    Type.Object({ date: Type.String(), name: Type.String(), hours: Type.Optional(Type.Array(HourRange)) }),
  ),
  /** Queues that follow this calendar. */
  queueIds: Type.Array(Uuid),
  /** Open at the moment the answer was made. */
  openNow: Type.Boolean(),
});
export type Calendar = Static<typeof Calendar>;
export const CalendarList = Type.Object({ items: Type.Array(Calendar) });
export const CreateCalendar = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
    weekly: WeeklyHours,
    holidays: Type.Optional(Type.Array(HolidayBody, { maxItems: 400 })),
  },
  strict,
);
export type CreateCalendar = Static<typeof CreateCalendar>;
export const UpdateCalendar = Type.Partial(Type.Omit(CreateCalendar, ['code']), {
  ...strict,
  minProperties: 1,
});
export type UpdateCalendar = Static<typeof UpdateCalendar>;
export const CalendarStatusQuery = Type.Object({ at: Type.Optional(IsoDateTime) }, strict);
export const CalendarStatus = Type.Object({ open: Type.Boolean(), at: IsoDateTime });
export type CalendarStatus = Static<typeof CalendarStatus>;

export const WebchatSite = Type.Object({
  id: Uuid,
  key: Type.String(),
  name: Type.String(),
  allowedOrigins: Type.Array(Type.String()),
  queueByLanguage: Type.Record(Type.String(), Type.String()),
  greeting: Type.Record(Type.String(), Type.String()),
  colors: Type.Object({ primary: Type.String() }),
});
export const WebchatSiteList = Type.Object({ items: Type.Array(WebchatSite) });
export const UpdateWebchatSite = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    allowedOrigins: Type.Optional(
      Type.Array(
        Type.String({
          pattern: ORIGIN_PATTERN,
          maxLength: 200,
        }),
        { maxItems: 50 },
      ),
    ),
    queueByLanguage: Type.Optional(Type.Record(Type.String({ pattern: '^(en|zh-CN|vi)$' }), Uuid)),
    greeting: Type.Optional(
      Type.Record(Type.String({ pattern: '^(en|zh-CN|vi)$' }), Type.String({ maxLength: 500 })),
    ),
    colors: Type.Optional(Type.Object({ primary: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }) }, strict)),
  },
  { ...strict, minProperties: 1 },
);
export type UpdateWebchatSite = Static<typeof UpdateWebchatSite>;
export const RotatedSecret = Type.Object({ identitySecret: Type.String() });
