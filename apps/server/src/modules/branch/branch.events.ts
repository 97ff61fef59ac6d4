/** Events the branch lobby publishes (payloads: packages/contracts/src/branch.ts). */
export const BRANCH_EVENTS = {
  issued: 'ticket.issued',
  called: 'ticket.called',
  recalled: 'ticket.recalled',
  noShow: 'ticket.no_show',
  serviceStarted: 'ticket.service_started',
  served: 'ticket.served',
  transferred: 'ticket.transferred',
  parked: 'ticket.parked',
  moved: 'ticket.moved',
  /** Staff set or cleared a waiting ticket's priority: lobby and counter screens re-read the line. */
  priorityChanged: 'ticket.priority_changed',
  feedbackSubmitted: 'feedback.submitted',
  appointmentBooked: 'appointment.booked',
  appointmentCheckedIn: 'appointment.checked_in',
  appointmentMissed: 'appointment.missed',
  counterChanged: 'branch.counter_changed',
} as const;

export const isBranchEvent = (type: string): boolean =>
  type.startsWith('ticket.') ||
  type === 'feedback.submitted' ||
  type.startsWith('appointment.') ||
  type === 'branch.counter_changed';
