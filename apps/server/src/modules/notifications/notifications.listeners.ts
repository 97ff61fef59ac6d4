import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db.ts';
import type { Events, StoredEvent } from '../../platform/events.ts';
import { isLocale, type Locale, translate } from '../../platform/i18n.ts';
import type { CustomersService } from '../customers/index.ts';
import './notifications.messages.ts';
import type { NotificationsService } from './notifications.service.ts';

/** `case.customer_notification` (cases), see packages/contracts/src/cases.ts. */
interface CaseNotice {
  caseId: string;
  number: string;
  customerId: string | null;
  language: string;
  kind: string;
}

/** `survey.invitation_queued` (surveys). */
interface SurveyInvitation {
  invitationId: string;
  customerId: string;
  language: string;
  sendAt: string;
  url: string;
}

/** `appointment.booked` (branch), see packages/contracts/src/branch.ts. */
interface AppointmentBooked {
  appointmentId: string;
  branchId: string;
  slotStart: string;
  remindAt?: string;
  phone: string | null;
  email: string | null;
  locale: string;
  customerId?: string | null;
}

const CASE_KINDS = ['created', 'waiting_customer', 'resolved', 'update'];

/**
 * The producers' customer-facing events, turned into notifications of the one pipeline. Each runs
 * as a durable handler in a transaction with its claim, and queues with a key derived from the
 * business id and the event id: a replayed event never queues a second message.
 */
export function registerNotificationListeners(deps: {
  events: Events;
  notifications: NotificationsService;
  customers: CustomersService;
}): void {
  const { events, notifications, customers } = deps;
  const localeOf = (value: string | null | undefined, fallback: Locale): Locale =>
    value && isLocale(value) ? value : fallback;

  async function onCaseNotice(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as CaseNotice;
    if (!p.customerId || !CASE_KINDS.includes(p.kind)) return;
    const customer = await customers.findCustomer(p.customerId);
    if (!customer) return;
    const locale = localeOf(p.language, customer.preferredLanguage as Locale);
    await notifications.queueNotification(tx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'case_updated',
      locale,
      params: {
        name: customer.fullName,
        caseNo: p.number,
        status: translate(`notifications.case_status.${p.kind}`, locale),
      },
      idempotencyKey: `case:${p.caseId}:${p.kind}:${event.id}`,
    });
  }

  async function onSurveyInvitation(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as SurveyInvitation;
    const customer = await customers.findCustomer(p.customerId);
    if (!customer) return;
    await notifications.queueNotification(tx, {
      customerId: customer.id,
      purpose: 'survey',
      templateKey: 'survey_invite',
      locale: localeOf(p.language, customer.preferredLanguage as Locale),
      params: { name: customer.fullName, link: p.url },
      idempotencyKey: `survey_invitation:${p.invitationId}`,
      notBefore: new Date(p.sendAt),
    });
  }

  /**
   * A booking names a phone or an email, not a customer: the reminder goes to the customer who
   * owns that identity. A booking by someone the bank does not know yet is not reminded (the
   * pipeline sends only to customers, whose consent and reachability it can check).
   */
  async function onAppointmentBooked(event: StoredEvent, tx: Tx): Promise<void> {
    const p = event.payload as AppointmentBooked;
    // The booking names its customer (found or created when booking); events from before that
    // carry only the phone and email.
    const customer =
      (p.customerId ? await customers.findCustomer(p.customerId) : null) ??
      (p.phone ? await customers.findCustomerByPhone(p.phone) : null) ??
      (p.email ? await customers.findCustomerByEmail(p.email) : null);
    if (!customer) return;
    const found = await tx.execute(sql`SELECT name, time_zone FROM branches WHERE id = ${p.branchId}`);
    const branch = found.rows[0] as { name: string; time_zone: string } | undefined;
    if (!branch) return;
    const locale = localeOf(p.locale, customer.preferredLanguage as Locale);
    const slot = new Date(p.slotStart);
    const part = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale, { timeZone: branch.time_zone, ...options }).format(slot);
    const when = translate('notifications.appointment_when', locale, {
      date: part({ year: 'numeric', month: '2-digit', day: '2-digit' }),
      time: part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    });
    await notifications.queueNotification(tx, {
      customerId: customer.id,
      purpose: 'service',
      templateKey: 'appointment_reminder',
      locale,
      params: { name: customer.fullName, branch: branch.name, when },
      idempotencyKey: `appointment:${p.appointmentId}:reminder`,
      notBefore: p.remindAt ? new Date(p.remindAt) : undefined,
    });
  }

  events.on('case.customer_notification', 'notifications.case_update', onCaseNotice);
  events.on('survey.invitation_queued', 'notifications.survey_invitation', onSurveyInvitation);
  events.on('appointment.booked', 'notifications.appointment_reminder', onAppointmentBooked);
}
