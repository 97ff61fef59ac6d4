import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

export const CaseType = Type.Union([
  Type.Literal('inquiry'),
  Type.Literal('service_request'),
  Type.Literal('complaint'),
  Type.Literal('incident'),
  Type.Literal('internal_request'),
]);
export const CaseStatus = Type.Union([
  Type.Literal('new'),
  Type.Literal('in_progress'),
  Type.Literal('waiting_customer'),
  Type.Literal('waiting_back_office'),
  Type.Literal('resolved'),
  Type.Literal('closed'),
]);
export const CasePriority = Type.Union([
  Type.Literal('low'),
  Type.Literal('normal'),
  Type.Literal('high'),
  Type.Literal('urgent'),
]);

/** The channels a case can be opened from without a conversation (see `CreateCase.channel`). */
export const CaseManualChannel = Type.Union([
  Type.Literal('branch'),
  Type.Literal('voice'),
  Type.Literal('email'),
  Type.Literal('letter'),
  Type.Literal('other'),
]);
export type CaseManualChannel = Static<typeof CaseManualChannel>;

export const CreateCase = Type.Object(
  {
    type: CaseType,
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    priority: Type.Optional(CasePriority),
    categoryId: Type.Optional(Nullable(Uuid)),
    product: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    customerId: Type.Optional(Nullable(Uuid)),
    conversationId: Type.Optional(Nullable(Uuid)),
    branchId: Type.Optional(Nullable(Uuid)),
    language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('zh-CN'), Type.Literal('vi')])),
    customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    /**
     * Where the customer raised it when no conversation in Banyan carries it (never together with
     * `conversationId`, whose channel the case takes): `branch` at a counter (tellers only), `voice`
     * a phone call, `email`, `letter`, `other`.
     */
    channel: Type.Optional(CaseManualChannel),
  },
  { additionalProperties: false },
);
export type CreateCase = Static<typeof CreateCase>;

export const UpdateCase = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    priority: Type.Optional(CasePriority),
    categoryId: Type.Optional(Nullable(Uuid)),
    product: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    resolution: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    rootCause: Type.Optional(Nullable(Type.String({ maxLength: 2_000 }))),
  },
  { additionalProperties: false },
);
export type UpdateCase = Static<typeof UpdateCase>;

export const ChangeCaseStatus = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    status: CaseStatus,
    resolution: Type.Optional(Type.String({ maxLength: 20_000 })),
    rootCause: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);
export type ChangeCaseStatus = Static<typeof ChangeCaseStatus>;

export const ChangeCaseOwner = Type.Object(
  { version: Type.Integer({ minimum: 1 }), ownerId: Uuid, reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type ChangeCaseOwner = Static<typeof ChangeCaseOwner>;

export const AddCaseNote = Type.Object(
  {
    visibility: Type.Union([Type.Literal('internal'), Type.Literal('customer')]),
    body: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);
export type AddCaseNote = Static<typeof AddCaseNote>;

export const CreateCaseTask = Type.Object(
  {
    departmentId: Uuid,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    instructions: Type.Optional(Type.String({ maxLength: 10_000 })),
    dueAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: false },
);
export type CreateCaseTask = Static<typeof CreateCaseTask>;

export const CompleteCaseTask = Type.Object(
  { outcome: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);
export const AssignCaseTask = Type.Object({ userId: Uuid }, { additionalProperties: false });
export const PostTaskMessage = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);
/** A supervisor's action on many cases of their team at once; every case is audited and evented. */
export const CaseBulkAction = Type.Object(
  {
    caseIds: Type.Array(Uuid, { minItems: 1, maxItems: 100, uniqueItems: true }),
    action: Type.Union([Type.Literal('reassign'), Type.Literal('priority'), Type.Literal('tag')]),
    /** reassign: the new owner, and why (required). */
    ownerId: Type.Optional(Uuid),
    reason: Type.Optional(Type.String({ maxLength: 1_000 })),
    /** priority: the new priority. */
    priority: Type.Optional(CasePriority),
    /** tag: letters, digits, `-` and `_`, up to 40. */
    tag: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export const CaseBulkResult = Type.Object({ changed: Type.Integer(), unchanged: Type.Integer() });

export const ExtendComplaint = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1_000 }) },
  { additionalProperties: false },
);

export const SlaClock = Type.Object({
  kind: Type.String(),
  budgetMinutes: Type.Integer(),
  usedMinutes: Type.Number(),
  dueAt: Nullable(IsoDateTime),
  stage: Type.Integer(),
  paused: Type.Boolean(),
  stoppedAt: Nullable(IsoDateTime),
  metAt: Nullable(IsoDateTime),
});

export const CaseTask = Type.Object({
  id: Uuid,
  caseId: Uuid,
  caseNumber: Type.String(),
  caseSubject: Type.String(),
  departmentId: Uuid,
  title: Type.String(),
  instructions: Type.String(),
  status: Type.String(),
  assigneeId: Nullable(Uuid),
  dueAt: Nullable(IsoDateTime),
  outcome: Nullable(Type.String()),
  createdAt: IsoDateTime,
  completedAt: Nullable(IsoDateTime),
});
export type CaseTask = Static<typeof CaseTask>;
export const CaseTaskList = Type.Object({ items: Type.Array(CaseTask) });

export const TaskMessage = Type.Object({
  id: Uuid,
  taskId: Uuid,
  authorId: Uuid,
  authorName: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
});
export const TaskMessageList = Type.Object({ items: Type.Array(TaskMessage) });

export const CaseSummary = Type.Object({
  id: Uuid,
  number: Type.String(),
  type: Type.String(),
  status: Type.String(),
  priority: Type.String(),
  subject: Type.String(),
  customerId: Nullable(Uuid),
  categoryId: Nullable(Uuid),
  product: Nullable(Type.String()),
  ownerId: Uuid,
  ownerName: Type.String(),
  regulatoryDueAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: Type.Integer(),
});
export type CaseSummary = Static<typeof CaseSummary>;
export const CaseList = Type.Object({ items: Type.Array(CaseSummary) });

export const CaseListQuery = Type.Object(
  {
    view: Type.Union([
      Type.Literal('mine'),
      Type.Literal('team'),
      Type.Literal('complaints'),
      Type.Literal('customer'),
    ]),
    customerId: Type.Optional(Uuid),
    status: Type.Optional(CaseStatus),
    overdue: Type.Optional(Type.Boolean()),
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    categoryId: Type.Optional(Uuid),
    product: Type.Optional(Type.String()),
    branchId: Type.Optional(Uuid),
    channel: Type.Optional(Type.String()),
    ownerId: Type.Optional(Uuid),
    sort: Type.Optional(Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('due')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseFacetsQuery = Type.Object(
  { view: Type.Union([Type.Literal('mine'), Type.Literal('team'), Type.Literal('complaints')]) },
  { additionalProperties: false },
);
export type CaseFacetName = 'owner' | 'branch' | 'category' | 'product' | 'channel';
export const CaseFacetValue = Type.Object({
  /** What the list query takes: an id (owner, branch, category) or the value itself. */
  value: Type.String(),
  /** A name to show: the owner's or branch's name, the category's code, the product or channel. */
  label: Type.String(),
  /** A category's name per language. */
  names: Type.Optional(Type.Record(Type.String(), Type.String())),
  count: Type.Integer(),
});
export type CaseFacetValue = Static<typeof CaseFacetValue>;
/** The values each filter of a case view can take there, with their numbers of cases. */
export const CaseFacets = Type.Object({
  owner: Type.Array(CaseFacetValue),
  branch: Type.Array(CaseFacetValue),
  category: Type.Array(CaseFacetValue),
  product: Type.Array(CaseFacetValue),
  channel: Type.Array(CaseFacetValue),
});
export type CaseFacets = Static<typeof CaseFacets>;

/** Filters a saved view keeps: those of the list query except the view itself, customer and limit. */
export const CaseViewFilters = Type.Object(
  {
    status: Type.Optional(CaseStatus),
    overdue: Type.Optional(Type.Boolean()),
    dueWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
    categoryId: Type.Optional(Uuid),
    product: Type.Optional(Type.String({ maxLength: 100 })),
    branchId: Type.Optional(Uuid),
    channel: Type.Optional(Type.String({ maxLength: 40 })),
    ownerId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export const SaveCaseView = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    view: Type.Union([Type.Literal('mine'), Type.Literal('team'), Type.Literal('complaints')]),
    filters: CaseViewFilters,
    sort: Type.Union([Type.Literal('updated'), Type.Literal('created'), Type.Literal('due')]),
  },
  { additionalProperties: false },
);
export const CaseSavedView = Type.Intersect([
  SaveCaseView,
  Type.Object({ id: Uuid, createdAt: IsoDateTime }),
]);
export const CaseSavedViewList = Type.Object({ items: Type.Array(CaseSavedView) });

export const CaseAttachment = Type.Object({
  id: Uuid,
  /** Set when the file belongs to one of the case's tasks. */
  taskId: Nullable(Uuid),
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  uploaderId: Uuid,
  createdAt: IsoDateTime,
});
export const UploadCaseAttachmentQuery = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 255 }) },
  { additionalProperties: false },
);

export const CaseDetail = Type.Object({
  /** `full` for the owner, team supervisors and the complaints team; `task` for a back office. */
  view: Type.Union([Type.Literal('full'), Type.Literal('task')]),
  case: Type.Intersect([
    CaseSummary,
    Type.Object({
      description: Type.Optional(Type.String()),
      resolution: Type.Optional(Nullable(Type.String())),
      rootCause: Type.Optional(Nullable(Type.String())),
      customFields: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      firstOwnerId: Type.Optional(Uuid),
      previousOwnerId: Type.Optional(Nullable(Uuid)),
      language: Type.String(),
      channel: Type.Optional(Nullable(Type.String())),
      regulatoryProfile: Type.Optional(Nullable(Type.String())),
      extensionReason: Type.Optional(Nullable(Type.String())),
      tags: Type.Optional(Type.Array(Type.String())),
      resolvedAt: Type.Optional(Nullable(IsoDateTime)),
      closedAt: Type.Optional(Nullable(IsoDateTime)),
      conversationIds: Type.Optional(Type.Array(Uuid)),
    }),
  ]),
  tasks: Type.Array(CaseTask),
  timeline: Type.Array(
    Type.Object({
      id: Uuid,
      at: IsoDateTime,
      actorId: Nullable(Uuid),
      actorName: Nullable(Type.String()),
      kind: Type.String(),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  notes: Type.Array(
    Type.Object({
      id: Uuid,
      visibility: Type.String(),
      body: Type.String(),
      authorId: Nullable(Uuid),
      authorName: Nullable(Type.String()),
      createdAt: IsoDateTime,
    }),
  ),
  clocks: Type.Array(SlaClock),
  /** The case's files and its tasks' (a back office: only its own tasks' files). */
  attachments: Type.Optional(Type.Array(CaseAttachment)),
  escalation: Type.Array(Type.Object({ atPercent: Type.Integer(), notify: Type.String() })),
});
export type CaseDetail = Static<typeof CaseDetail>;

export const CaseStatusLink = Type.Object({ url: Type.String(), token: Type.String() });
export const PublicCaseStatus = Type.Object({
  number: Type.String(),
  subject: Type.String(),
  status: Type.String(),
  createdAt: IsoDateTime,
  updates: Type.Array(Type.Object({ body: Type.String(), createdAt: IsoDateTime })),
});

// ---- Domain event payloads (what analytics needs for resolution time, FCR and on-time rates). ----

export const CaseEventBase = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  type: CaseType,
  priority: CasePriority,
  status: CaseStatus,
  ownerId: Uuid,
  firstOwnerId: Uuid,
  teamId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  categoryId: Nullable(Uuid),
  product: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  createdAt: IsoDateTime,
  /** A complaint's regulatory deadline as it stands (extensions included); null for other cases. */
  regulatoryDueAt: Type.Optional(Nullable(IsoDateTime)),
  at: IsoDateTime,
});
export type CaseEventBase = Static<typeof CaseEventBase>;

export const CaseStatusChangedPayload = Type.Intersect([
  CaseEventBase,
  Type.Object({
    from: CaseStatus,
    to: CaseStatus,
    /** On resolve/close: business-agnostic seconds since creation. */
    secondsSinceCreated: Type.Number(),
    /** On resolve/close: whether the first owner still owns it (first-contact ownership). */
    closedByFirstOwner: Type.Boolean(),
    /** On resolve: whether the resolution SLA clock (if any) was met. */
    resolvedOnTime: Nullable(Type.Boolean()),
    /**
     * On resolve (`case.resolved`, and the `case.status_changed` to `resolved`): business seconds from
     * creation to this resolution on the case's calendar (SLA policy's, else the complaint profile's,
     * else the branch country's, else GENERIC), leaving out paused time (waiting for the customer when
     * the policy pauses clocks; resolved/closed spans before a reopen).
     */
    resolutionBusinessSeconds: Type.Optional(Type.Number()),
  }),
]);
export type CaseStatusChangedPayload = Static<typeof CaseStatusChangedPayload>;

export const CaseOwnerChangedPayload = Type.Intersect([
  CaseEventBase,
  Type.Object({ previousOwnerId: Uuid, reason: Type.String() }),
]);

export const CaseTaskEventPayload = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  taskId: Uuid,
  departmentId: Uuid,
  ownerId: Uuid,
  assigneeId: Nullable(Uuid),
  dueAt: Nullable(IsoDateTime),
  at: IsoDateTime,
  /** On completion: whether the task met its own due time. */
  onTime: Type.Optional(Nullable(Type.Boolean())),
});
export type CaseTaskEventPayload = Static<typeof CaseTaskEventPayload>;

export const CaseTaskMessagePayload = Type.Object({
  caseId: Uuid,
  taskId: Uuid,
  messageId: Uuid,
  authorId: Uuid,
  authorName: Type.String(),
  body: Type.String(),
  createdAt: IsoDateTime,
});

/** `case.attachment_added`: a file on the case, or on one of its tasks (`taskId`, `departmentId`). */
export const CaseAttachmentAddedPayload = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  attachmentId: Uuid,
  taskId: Nullable(Uuid),
  departmentId: Nullable(Uuid),
  uploaderId: Uuid,
  /** Sanitised file name, card numbers masked. */
  name: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  at: IsoDateTime,
});
export type CaseAttachmentAddedPayload = Static<typeof CaseAttachmentAddedPayload>;

export const CaseSlaPayload = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  clock: Type.String(),
  percent: Type.Integer(),
  dueAt: Nullable(IsoDateTime),
  firedAt: IsoDateTime,
  ownerId: Uuid,
  /** Who is told at this step of the escalation chain. */
  notify: Type.String(),
  notifyUserIds: Type.Array(Uuid),
});
export type CaseSlaPayload = Static<typeof CaseSlaPayload>;

export const CaseCustomerNotificationPayload = Type.Object({
  caseId: Uuid,
  number: Type.String(),
  customerId: Nullable(Uuid),
  language: Type.String(),
  kind: Type.String(),
  text: Type.String(),
});
