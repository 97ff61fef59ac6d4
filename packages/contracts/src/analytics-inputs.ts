/**
 * The events analytics expects from modules that land after it (cases #4, branch #6, surveys):
 * their payloads as analytics will read them. Producers publish these names with these fields
 * (more fields are fine); analytics builds case, ticket and feedback facts from them.
 * Times are ISO instants; ids are UUIDs.
 */
import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

export const ANALYTICS_INPUT_EVENTS = {
  caseCreated: 'case.created',
  caseResolved: 'case.resolved',
  caseReopened: 'case.reopened',
  caseClosed: 'case.closed',
  ticketIssued: 'ticket.issued',
  ticketCalled: 'ticket.called',
  ticketServed: 'ticket.served',
  ticketNoShow: 'ticket.no_show',
  feedbackSubmitted: 'feedback.submitted',
} as const;

export const CaseEventPayload = Type.Object({
  caseId: Uuid,
  customerId: Nullable(Uuid),
  /** The contact (conversation) the case came from, for FCR and drill-down. */
  conversationId: Nullable(Uuid),
  category: Type.String(),
  isComplaint: Type.Boolean(),
  ownerId: Nullable(Uuid),
  firstOwnerId: Nullable(Uuid),
  teamId: Nullable(Uuid),
  branchId: Nullable(Uuid),
  createdAt: IsoDateTime,
  /** Regulatory or SLA due time (complaint on-time rate). */
  dueAt: Nullable(IsoDateTime),
  at: IsoDateTime,
  /** Seconds inside the case's business calendar from creation to `at` (resolved/closed). */
  businessSeconds: Type.Optional(Nullable(Type.Number())),
  closedById: Type.Optional(Nullable(Uuid)),
});
export type CaseEventPayload = Static<typeof CaseEventPayload>;

export const TicketEventPayload = Type.Object({
  ticketId: Uuid,
  branchId: Uuid,
  serviceCode: Type.String(),
  counterId: Nullable(Uuid),
  tellerId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  issuedAt: IsoDateTime,
  at: IsoDateTime,
});
export type TicketEventPayload = Static<typeof TicketEventPayload>;

export const FeedbackSubmittedPayload = Type.Object({
  /** Where the answer came from: the chat widget, the branch pad, a survey link. */
  source: Type.Union([Type.Literal('widget'), Type.Literal('branch_pad'), Type.Literal('link')]),
  kind: Type.Union([Type.Literal('csat'), Type.Literal('nps'), Type.Literal('ces'), Type.Literal('custom')]),
  score: Nullable(Type.Integer()),
  /** Free text, already masked for card numbers. */
  comment: Nullable(Type.String()),
  language: Type.String(),
  conversationId: Nullable(Uuid),
  caseId: Nullable(Uuid),
  ticketId: Nullable(Uuid),
  agentId: Nullable(Uuid),
  queueId: Nullable(Uuid),
  branchId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  at: IsoDateTime,
});
export type FeedbackSubmittedPayload = Static<typeof FeedbackSubmittedPayload>;
