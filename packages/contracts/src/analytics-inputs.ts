/**
 * The events analytics consumes from other modules, and where their payloads are defined. The case
 * and branch payloads are the producers' own contracts (`cases.ts`, `branch.ts`); re-exported here
 * so analytics reads exactly what is published. The survey answer (`FeedbackSubmittedPayload`) is
 * defined here because surveys publish it for analytics. Times are ISO instants; ids are UUIDs.
 */
import { type Static, Type } from 'typebox';
import type { FeedbackEventPayload, TicketEventPayload } from './branch.ts';
import type { CaseEventBase, CaseStatusChangedPayload } from './cases.ts';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

export type { FeedbackEventPayload, TicketEventPayload };

export const ANALYTICS_INPUT_EVENTS = {
  caseCreated: 'case.created',
  caseAssigned: 'case.assigned',
  caseOwnerChanged: 'case.owner_changed',
  caseUpdated: 'case.updated',
  caseResolved: 'case.resolved',
  caseReopened: 'case.reopened',
  caseClosed: 'case.closed',
  ticketIssued: 'ticket.issued',
  ticketCalled: 'ticket.called',
  ticketServed: 'ticket.served',
  ticketNoShow: 'ticket.no_show',
  /** Published by surveys (a `FeedbackSubmittedPayload`) and by the branch pad (a `FeedbackEventPayload`). */
  feedbackSubmitted: 'feedback.submitted',
  /** Published by routing (`routing.events.ts`): an agent's ready state, for occupancy and utilization. */
  agentStateChanged: 'routing.agent_state_changed',
} as const;

/**
 * `routing.agent_state_changed` as analytics reads it (routing's `AgentStatePayload`): the agent's
 * state from `since` until their next change. Handling contacts happens while `available`.
 */
export const AgentStateChangedPayload = Type.Object({
  userId: Uuid,
  state: Type.Union([Type.Literal('available'), Type.Literal('away'), Type.Literal('offline')]),
  reason: Nullable(Type.String()),
  since: IsoDateTime,
});
export type AgentStateChangedPayload = Static<typeof AgentStateChangedPayload>;

/**
 * A `case.*` payload as analytics reads it: every case event carries `CaseEventBase`; resolve, close
 * and reopen add the status-change fields.
 */
export type CaseEventPayload = CaseEventBase &
  Partial<CaseStatusChangedPayload> & {
    /**
     * On `case.resolved`: seconds from creation to resolution within the case's business hours (the
     * cases module's SLA calendar). Optional: added by cases; older events lack it.
     */
    resolutionBusinessSeconds?: number;
  };

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
