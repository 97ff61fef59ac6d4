import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

// ---- setup ----
export const Names = Type.Record(Type.String(), Type.String({ maxLength: 80 }));
export const BranchService = Type.Object({
  id: Uuid,
  branchId: Uuid,
  code: Type.String(),
  names: Names,
  letter: Type.String(),
  waitThresholdMinutes: Type.Integer(),
  lineThreshold: Type.Integer(),
  slotMinutes: Type.Integer(),
  slotCapacity: Type.Integer(),
  isSelfService: Type.Boolean(),
});
export type BranchService = Static<typeof BranchService>;
export const CreateBranchService = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9_]+$' }),
    names: Type.Object(
      {
        en: Type.String({ minLength: 1, maxLength: 80 }),
        'zh-CN': Type.String({ minLength: 1, maxLength: 80 }),
        vi: Type.String({ minLength: 1, maxLength: 80 }),
      },
      { additionalProperties: false },
    ),
    letter: Type.String({ pattern: '^[A-Z]$' }),
    waitThresholdMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
    lineThreshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    slotCapacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    isSelfService: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateBranchService = Static<typeof CreateBranchService>;
/** Code and letter stay (tickets carry the letter); names, thresholds and slots change. */
export const UpdateBranchService = Type.Object(
  {
    names: Type.Optional(CreateBranchService.properties.names),
    waitThresholdMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
    lineThreshold: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    slotMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    slotCapacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateBranchService = Static<typeof UpdateBranchService>;

export const BranchCounter = Type.Object({
  id: Uuid,
  branchId: Uuid,
  number: Type.Integer(),
  serviceIds: Type.Array(Uuid),
  isOpen: Type.Boolean(),
  isFlexible: Type.Boolean(),
  tellerId: Nullable(Uuid),
  tellerName: Nullable(Type.String()),
});
export type BranchCounter = Static<typeof BranchCounter>;
export const CreateBranchCounter = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: 999 }),
    serviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type CreateBranchCounter = Static<typeof CreateBranchCounter>;
/** The services a counter serves, in the order it calls them. */
export const UpdateBranchCounter = Type.Object(
  { serviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }) },
  { additionalProperties: false },
);
export type UpdateBranchCounter = Static<typeof UpdateBranchCounter>;
/** Today's staffing: the teller at a counter (null = nobody). */
export const AssignTeller = Type.Object({ tellerId: Nullable(Uuid) }, { additionalProperties: false });
export type AssignTeller = Static<typeof AssignTeller>;
/** The people of a branch who can work its counters (for staffing). */
export const BranchStaff = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), roles: Type.Array(Type.String()) })),
});

export const DeviceKind = Type.Union([Type.Literal('kiosk'), Type.Literal('display'), Type.Literal('pad')]);
export const BranchDevice = Type.Object({
  id: Uuid,
  branchId: Uuid,
  kind: Type.String(),
  name: Type.String(),
  counterId: Nullable(Uuid),
  revokedAt: Nullable(IsoDateTime),
});
export const RegisterDevice = Type.Object(
  {
    kind: DeviceKind,
    name: Type.String({ minLength: 1, maxLength: 80 }),
    counterId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type RegisterDevice = Static<typeof RegisterDevice>;
/** The token is shown once, here; only its hash is stored. */
export const RegisteredDevice = Type.Object({ device: BranchDevice, token: Type.String() });

export const BranchSettings = Type.Object({
  branchId: Uuid,
  timeZone: Type.String(),
  name: Type.String(),
  weekly: Type.Record(Type.String(), Type.Array(Type.Array(Type.String()))),
  languages: Type.Array(Type.String()),
  ticker: Type.String(),
  maxRecalls: Type.Integer(),
  /** The business calendar whose holidays close the branch (cases module), or none. */
  calendarCode: Nullable(Type.String()),
});
export const UpdateBranchSettings = Type.Object(
  {
    weekly: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[0-6]$' }),
        Type.Array(
          Type.Array(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }), {
            minItems: 2,
            maxItems: 2,
          }),
          {
            maxItems: 4,
          },
        ),
      ),
    ),
    languages: Type.Optional(
      Type.Array(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')]), {
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
      }),
    ),
    ticker: Type.Optional(Type.String({ maxLength: 500 })),
    maxRecalls: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    calendarCode: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }))),
  },
  { additionalProperties: false },
);
export type UpdateBranchSettings = Static<typeof UpdateBranchSettings>;

export const BranchSetup = Type.Object({
  settings: BranchSettings,
  services: Type.Array(BranchService),
  counters: Type.Array(BranchCounter),
  devices: Type.Array(BranchDevice),
});
export const BranchCalendarOption = Type.Object({ code: Type.String(), name: Type.String() });
export const BranchParams = Type.Object({ branchId: Uuid }, { additionalProperties: false });

// ---- tickets ----
export const PriorityGroup = Type.Union([
  Type.Literal('elderly'),
  Type.Literal('pregnant'),
  Type.Literal('disabled'),
]);
export const Ticket = Type.Object({
  id: Uuid,
  branchId: Uuid,
  serviceId: Uuid,
  number: Type.String(),
  priority: Type.Integer(),
  priorityReason: Nullable(Type.String()),
  status: Type.String(),
  customerId: Nullable(Uuid),
  counterId: Nullable(Uuid),
  counterNumber: Nullable(Type.Integer()),
  tellerId: Nullable(Uuid),
  issuedAt: IsoDateTime,
  calledAt: Nullable(IsoDateTime),
  startedAt: Nullable(IsoDateTime),
  finishedAt: Nullable(IsoDateTime),
  recalls: Type.Integer(),
  notes: Type.String(),
});
export type Ticket = Static<typeof Ticket>;
export const IssueTicket = Type.Object(
  {
    serviceId: Uuid,
    phone: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })),
    cardLast4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    priorityGroup: Type.Optional(PriorityGroup),
    locale: Type.Optional(Type.String({ maxLength: 5 })),
  },
  { additionalProperties: false },
);
export type IssueTicket = Static<typeof IssueTicket>;
export const IssuedTicket = Type.Object({
  ticket: Ticket,
  serviceNames: Names,
  peopleAhead: Type.Integer(),
  estimatedWaitSeconds: Type.Integer(),
  identified: Type.Boolean(),
  /** The phone page's path (`/q/<token>`), for the QR code. */
  trackPath: Type.String(),
});
export const CheckIn = Type.Object(
  { code: Type.String({ minLength: 4, maxLength: 12 }) },
  { additionalProperties: false },
);

export const CounterParams = Type.Object({ counterId: Uuid }, { additionalProperties: false });
export const TicketParams = Type.Object({ ticketId: Uuid }, { additionalProperties: false });
export const CallNext = Type.Object({ serviceId: Type.Optional(Uuid) }, { additionalProperties: false });
export const CallResult = Type.Object({ ticket: Nullable(Ticket) });
export const TransferTicket = Type.Object(
  { serviceId: Type.Optional(Uuid), counterId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const TicketNotes = Type.Object(
  { notes: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false },
);
export const SetPriority = Type.Object(
  { group: Type.Union([PriorityGroup, Type.Literal('vip'), Type.Literal('none')]) },
  { additionalProperties: false },
);

export const CounterView = Type.Object({
  counter: BranchCounter,
  current: Nullable(Ticket),
  parked: Type.Array(Ticket),
  waiting: Type.Array(
    Type.Object({ serviceId: Uuid, names: Names, letter: Type.String(), count: Type.Integer() }),
  ),
  maxRecalls: Type.Integer(),
  services: Type.Array(BranchService),
  counters: Type.Array(Type.Object({ id: Uuid, number: Type.Integer() })),
});
export const MyCounters = Type.Object({ items: Type.Array(BranchCounter) });
/** The branch's waiting tickets in calling order (priority, then issue time), for staff at the door. */
export const WaitingTickets = Type.Object({ items: Type.Array(Ticket) });

// ---- lobby ----
export const LobbyServiceRow = Type.Object({
  service: BranchService,
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  averageWaitSeconds: Type.Integer(),
  servedToday: Type.Integer(),
  countersServing: Type.Integer(),
  alert: Nullable(Type.Union([Type.Literal('wait'), Type.Literal('line')])),
});
export const LobbyBoard = Type.Object({
  branchId: Uuid,
  services: Type.Array(LobbyServiceRow),
  counters: Type.Array(
    Type.Object({
      counter: BranchCounter,
      state: Type.Union([Type.Literal('closed'), Type.Literal('idle'), Type.Literal('serving')]),
      ticketNumber: Nullable(Type.String()),
    }),
  ),
});
export const OpenFlexibleCounter = Type.Object(
  { counterId: Uuid, serviceId: Uuid },
  { additionalProperties: false },
);
export const MoveTickets = Type.Object(
  {
    fromServiceId: Uuid,
    toServiceId: Uuid,
    count: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export const MovedTickets = Type.Object({ moved: Type.Integer() });

// ---- display / pad / public ----
export const DisplayState = Type.Object({
  branchName: Type.String(),
  languages: Type.Array(Type.String()),
  ticker: Type.String(),
  calls: Type.Array(
    Type.Object({
      ticketId: Uuid,
      number: Type.String(),
      counterNumber: Type.Integer(),
      calledAt: IsoDateTime,
    }),
  ),
  waiting: Type.Array(
    Type.Object({ serviceId: Uuid, names: Names, letter: Type.String(), count: Type.Integer() }),
  ),
});
export const KioskInfo = Type.Object({
  branchName: Type.String(),
  languages: Type.Array(Type.String()),
  isOpen: Type.Boolean(),
  /** Closed: the holiday that closes the branch today (its calendar's name for it), or null. */
  closedReason: Nullable(Type.String()),
  /** Closed: the next opening within 14 days, or null. */
  opensAt: Nullable(IsoDateTime),
  timeZone: Type.String(),
  services: Type.Array(
    Type.Object({
      id: Uuid,
      names: Names,
      letter: Type.String(),
      waiting: Type.Integer(),
      isSelfService: Type.Boolean(),
    }),
  ),
});
export const PadState = Type.Object({
  counterNumber: Nullable(Type.Integer()),
  ticket: Nullable(Type.Object({ id: Uuid, number: Type.String() })),
});
export const SubmitFeedback = Type.Object(
  {
    ticketId: Uuid,
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    reasons: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z_]{1,40}$' }), { maxItems: 8, uniqueItems: true }),
    ),
  },
  { additionalProperties: false },
);
export type SubmitFeedback = Static<typeof SubmitFeedback>;
export const FeedbackStored = Type.Object({ id: Uuid, ticketId: Uuid, rating: Type.Integer() });
export const PublicTicket = Type.Object({
  number: Type.String(),
  status: Type.String(),
  branchName: Type.String(),
  serviceNames: Names,
  peopleAhead: Type.Integer(),
  estimatedWaitSeconds: Type.Integer(),
  counterNumber: Nullable(Type.Integer()),
});

// ---- appointments ----
export const SlotQuery = Type.Object(
  { serviceId: Uuid, date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) },
  { additionalProperties: false },
);
export const Slots = Type.Object({
  items: Type.Array(Type.Object({ start: IsoDateTime, remaining: Type.Integer() })),
});
export const BookAppointment = Type.Object(
  {
    serviceId: Uuid,
    slotStart: IsoDateTime,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.Optional(Type.String({ minLength: 6, maxLength: 20 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    locale: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
  },
  { additionalProperties: false },
);
export type BookAppointment = Static<typeof BookAppointment>;
export const BookedAppointment = Type.Object({ id: Uuid, code: Type.String(), slotStart: IsoDateTime });
export const PublicBranches = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      services: Type.Array(Type.Object({ id: Uuid, names: Names, slotMinutes: Type.Integer() })),
    }),
  ),
});

export const BranchVisits = Type.Object({
  items: Type.Array(
    Type.Object({
      ticketId: Uuid,
      branchId: Uuid,
      branchName: Type.String(),
      number: Type.String(),
      serviceNames: Names,
      status: Type.String(),
      issuedAt: IsoDateTime,
      finishedAt: Nullable(IsoDateTime),
      tellerName: Nullable(Type.String()),
      notes: Type.String(),
      rating: Nullable(Type.Integer()),
    }),
  ),
});

// ---- events (outbox payloads) ----
/** What analytics needs for wait and service time per service, teller and branch. */
export const TicketEventPayload = Type.Object({
  ticketId: Uuid,
  branchId: Uuid,
  serviceId: Uuid,
  number: Type.String(),
  priority: Type.Integer(),
  customerId: Nullable(Uuid),
  counterId: Nullable(Uuid),
  counterNumber: Nullable(Type.Integer()),
  tellerId: Nullable(Uuid),
  issuedAt: IsoDateTime,
  calledAt: Nullable(IsoDateTime),
  startedAt: Nullable(IsoDateTime),
  finishedAt: Nullable(IsoDateTime),
  /** Issue → first call (on called and later). */
  waitSeconds: Nullable(Type.Integer()),
  /** Start → finish (on served). */
  serviceSeconds: Nullable(Type.Integer()),
  recalls: Type.Integer(),
  fromServiceId: Type.Optional(Uuid),
  toServiceId: Type.Optional(Uuid),
  toCounterId: Type.Optional(Uuid),
});
export type TicketEventPayload = Static<typeof TicketEventPayload>;
export const FeedbackEventPayload = Type.Object({
  feedbackId: Uuid,
  ticketId: Uuid,
  branchId: Uuid,
  serviceId: Uuid,
  counterId: Nullable(Uuid),
  tellerId: Nullable(Uuid),
  rating: Type.Integer(),
  reasons: Type.Array(Type.String()),
});
export type FeedbackEventPayload = Static<typeof FeedbackEventPayload>;
export const AppointmentEventPayload = Type.Object({
  appointmentId: Uuid,
  branchId: Uuid,
  serviceId: Uuid,
  slotStart: IsoDateTime,
  ticketId: Nullable(Uuid),
  /** On booked: when the reminder should leave (the SMS/email channels pick it from the outbox). */
  remindAt: Type.Optional(IsoDateTime),
  phone: Type.Optional(Nullable(Type.String())),
  email: Type.Optional(Nullable(Type.String())),
  locale: Type.Optional(Type.String()),
  /** On booked and checked in: the booker's customer record (found or created when booking). */
  customerId: Type.Optional(Nullable(Uuid)),
});
export type AppointmentEventPayload = Static<typeof AppointmentEventPayload>;
