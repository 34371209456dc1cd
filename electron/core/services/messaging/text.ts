// The words of a client's text: a business's template filled in from the job, its client, service
// and crew.
import {
  renderTemplate,
  type TemplateKind,
  type TemplateValues,
} from '../../../../shared/messaging/templates';
import type {
  Appointment,
  Business,
  Client,
  NotificationType,
  Service,
  Staff,
} from '../../../../shared/schemas';
import { dateKeyOf } from '../../../../shared/time';
import { clockTime, listText, shortDate } from '../scheduling/format';

/** Which template each kind of notification uses. */
export const TEMPLATE_OF: Partial<Record<NotificationType, TemplateKind>> = {
  appointment_confirmation: 'confirmation',
  appointment_reminder: 'reminder',
  reschedule_notification: 'reschedule',
  cancellation_notice: 'cancellation',
  on_my_way: 'on_my_way',
};

export interface TextFacts {
  business: Pick<Business, 'name' | 'config'>;
  client: Pick<Client, 'first_name'>;
  appointment: Pick<
    Appointment,
    'scheduled_date' | 'scheduled_start_time' | 'scheduled_end_time'
  > | null;
  service: Pick<Service, 'name'> | null;
  /** The job's crew, in its order. */
  crew: readonly Pick<Staff, 'first_name' | 'last_name'>[];
}

/** "Marcus J." — first name and initial, as a client is told who comes. */
const crewName = (s: Pick<Staff, 'first_name' | 'last_name'>) =>
  `${s.first_name} ${s.last_name.slice(0, 1)}.`.trim();

export function templateValues(facts: TextFacts): TemplateValues {
  const { appointment } = facts;
  return {
    first_name: facts.client.first_name,
    business_name: facts.business.name,
    service: facts.service?.name.toLowerCase() ?? 'visit',
    date: appointment ? shortDate(dateKeyOf(appointment.scheduled_date)) : '',
    time_window: appointment
      ? `${clockTime(appointment.scheduled_start_time)} to ${clockTime(appointment.scheduled_end_time)}`
      : '',
    crew: facts.crew.length ? listText(facts.crew.map(crewName)) : 'our crew',
  };
}

/** The message for `type` from the business's template; null for a type without one. */
export function textFor(type: NotificationType, facts: TextFacts): string | null {
  const kind = TEMPLATE_OF[type];
  if (!kind) return null;
  return renderTemplate(facts.business.config.sms_templates[kind], templateValues(facts));
}
