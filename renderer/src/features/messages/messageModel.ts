// The Messages page's wording, free of React: what each kind, status and reply is called, and how a
// message's delivery and a check's outcome read.
import type { Output } from '../../../../shared/contract';
import { phoneText } from '../../../../shared/messaging/phone';
import type { InboundMessage } from '../../../../shared/contract/channels/messaging';
import type {
  Notification,
  NotificationStatus,
  NotificationType,
} from '../../../../shared/schemas/notifications';

export type CheckOutcome = Output<'messaging.checkNow'>;

export { phoneText };

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const KIND_LABELS: Record<NotificationType, string> = {
  appointment_confirmation: 'Confirmation',
  appointment_reminder: 'Reminder',
  reschedule_notification: 'Reschedule notice',
  urgent_alert: 'Urgent alert',
  cancellation_notice: 'Cancellation',
  on_my_way: 'On my way',
  test_message: 'Test',
};

type ChipColor = 'default' | 'info' | 'success' | 'warning' | 'error';

export const STATUS_LABELS: Record<NotificationStatus, string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  bounced: 'Bounced',
  opted_out: 'Opted out',
  canceled: 'Canceled',
};

export const STATUS_COLORS: Record<NotificationStatus, ChipColor> = {
  pending: 'info',
  sending: 'info',
  sent: 'success',
  failed: 'error',
  bounced: 'error',
  opted_out: 'warning',
  canceled: 'default',
};

/** The Sent tab's filter: each choice is one status of notifications.list, or all of them. */
export const STATUS_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Waiting' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'opted_out', label: 'Opted out' },
] as const satisfies readonly { value: NotificationStatus | 'all'; label: string }[];
export type StatusFilter = (typeof STATUS_FILTERS)[number]['value'];

export const isStatusFilter = (value: string | null): value is StatusFilter =>
  STATUS_FILTERS.some((f) => f.value === value);

/** Failed for good (or bounced): the ones "Send again" applies to. */
export const canRetry = (n: Pick<Notification, 'status'>) =>
  n.status === 'failed' || n.status === 'bounced';

/**
 * What became of a message after it left: "Delivered", "Not delivered: <why>", or why it was
 * never sent; null while there is nothing to say (waiting, or no carrier report yet).
 */
export function deliveryText(
  n: Pick<Notification, 'status' | 'delivery_status' | 'failure_reason'>,
): string | null {
  const why = n.failure_reason ? `: ${n.failure_reason}` : '';
  switch (n.delivery_status) {
    case 'delivered':
      return 'Delivered';
    case 'undelivered':
    case 'bounced':
    case 'failed':
      return `Not delivered${why}`;
    case 'sent':
      return 'Handed to the carrier, no delivery report yet';
    default:
      break;
  }
  if (n.status === 'failed' || n.status === 'bounced') return `Not sent${why}`;
  if (n.status === 'opted_out') return 'Not sent: the client opted out of texts';
  if (n.status === 'canceled') return `Not sent${why || ': the job was moved or canceled first'}`;
  return null;
}

/** The carrier's report in a word or two, for a column of its own. */
export function deliveryLabel(n: Pick<Notification, 'status' | 'delivery_status'>): string {
  switch (n.delivery_status) {
    case 'delivered':
      return 'Delivered';
    case 'undelivered':
    case 'bounced':
    case 'failed':
      return 'Not delivered';
    case 'sent':
      return 'No report yet';
    default:
      return n.status === 'sent' ? 'No report yet' : '—';
  }
}

export const retriesText = (count: number) =>
  count > 0 ? plural(count, 'retry', 'retries') : null;

export const HANDLED_LABELS: Record<InboundMessage['handled_as'], string> = {
  confirmed: 'Confirmed',
  reschedule_requested: 'Wants another time',
  opted_out: 'Opted out',
  opted_in: 'Opted back in',
  inbox: 'Needs a reply',
};

export const HANDLED_COLORS: Record<InboundMessage['handled_as'], ChipColor> = {
  confirmed: 'success',
  reschedule_requested: 'warning',
  opted_out: 'default',
  opted_in: 'info',
  inbox: 'warning',
};

/** "Sent 2 messages, 1 failed, 3 new replies, 4 delivery reports." */
export function checkSummary(outcome: CheckOutcome): string {
  const parts = [
    `sent ${plural(outcome.sent, 'message', 'messages')}`,
    outcome.failed > 0 ? `${outcome.failed} failed` : '',
    plural(outcome.replies, 'new reply', 'new replies'),
    plural(outcome.delivery_updates, 'delivery report', 'delivery reports'),
  ].filter(Boolean);
  const text = parts.join(', ');
  return `Checked: ${text}.`;
}
