/** Events the cases module publishes; payload contracts are in packages/contracts/src/cases.ts. */
export const CASE_EVENTS = {
  created: 'case.created',
  assigned: 'case.assigned',
  ownerChanged: 'case.owner_changed',
  statusChanged: 'case.status_changed',
  updated: 'case.updated',
  noteAdded: 'case.note_added',
  /** A file on the case or on one of its tasks (`taskId`); payload `CaseAttachmentAddedPayload`. */
  attachmentAdded: 'case.attachment_added',
  taskCreated: 'case.task_created',
  taskAssigned: 'case.task_assigned',
  taskMessagePosted: 'case.task_message_posted',
  taskCompleted: 'case.task_completed',
  allTasksCompleted: 'case.all_tasks_completed',
  slaWarning: 'case.sla_warning',
  slaBreached: 'case.sla_breached',
  escalated: 'case.escalated',
  resolved: 'case.resolved',
  reopened: 'case.reopened',
  closed: 'case.closed',
  deadlineExtended: 'case.deadline_extended',
  /** Internal: an admin changed SLA policies, custom fields or a calendar; every process drops its cached copy. */
  settingsChanged: 'case.settings_changed',
  /** For the future email/SMS pipeline: a message the customer should receive. */
  customerNotification: 'case.customer_notification',
} as const;
