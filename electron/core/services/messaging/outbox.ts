// The outbox: every text is first written to `notifications` (pending), then sent by whichever
// desktop claims it. Twilio sends are not idempotent, so:
// - a message is claimed atomically (pending → sending, with this desktop's id and an expiry)
//   before it is sent, so two desktops never both send it;
// - a send whose outcome is unknown (the connection dropped, a timeout, a 5xx) and a claim that
//   expired (the desktop crashed between claim and send) are checked against Twilio's message list
//   before any resend: a message found there is recorded as sent, not sent again;
// - automatic messages carry a dedupe key ("reminder:apt_…") with a unique index, so a reminder is
//   queued at most once per job even when two desktops scan at once.
// Transient failures retry with back-off; final ones (21610 unsubscribed, 21211 invalid number…)
// are not retried and are recorded on the client. Quiet hours hold messages until morning; sends
// are paced to the sender's rate.
import type { Db, Document } from 'mongodb';
import { segmentInfo } from '../../../../shared/messaging/templates';
import { toE164 } from '../../../../shared/messaging/phone';
import {
  businessSchema,
  type Appointment,
  type Business,
  type Client,
  type Notification,
  type NotificationType,
  type Service,
  type Staff,
} from '../../../../shared/schemas';
import { newId } from '../../../../shared/schemas/ids';
import {
  addDays,
  dateKeyOf,
  localDateOf,
  localTimeOf,
  minutesOf,
  toUtcInstant,
} from '../../../../shared/time';
import type { EventBus } from '../../events';
import {
  createTwilioGateway,
  SmsError,
  type ProviderMessage,
  type SmsGateway,
  type SmsSender,
  type TwilioCredentials,
} from '../../messaging/twilio';
import type { Clock, Logger, SecretStore } from '../../ports';
import { TenantRepository } from '../../db/repository';
import { specFor } from '../records/handlers';
import { shortDate, clockTime } from '../scheduling/format';
import { meaningOf, type ReplyMeaning } from './replies';
import { textFor } from './text';

export const NOTIFICATIONS = 'notifications';
export const INBOUND = 'inbound_messages';
export const STATE = 'messaging_state';
/** Who the app's own changes to jobs and clients are recorded as (a reply, an opt-out). */
export const MESSAGING_ACTOR = 'system:messaging';

/** The keychain entry of a business's Twilio auth token or API key secret. */
export const twilioSecretKey = (businessId: string) => `twilio.secret.${businessId}`;

const MINUTE = 60_000;
const DEFAULT_CLAIM_MS = 2 * MINUTE;
/** Retries of a transient failure, then the message fails for good. */
export const MAX_RETRIES = 6;
/** Back-off after the nth transient failure: 30 s, 2 min, 8 min, 30 min, 1 h, 2 h. */
const BACKOFF_MS = [0.5, 2, 8, 30, 60, 120].map((m) => m * MINUTE);
/** How long after a send Twilio's list is trusted to show the message (an uncertain send waits). */
const UNCERTAIN_WAIT_MS = 30_000;
/** Twilio's clock and ours may differ a little when matching a message in its list. */
const CLOCK_SKEW_MS = 2 * MINUTE;
/** Delivery reports are asked for at these ages of a message, then given up after 3 days. */
const DELIVERY_CHECKS_MS = [0.5, 2, 10, 60, 360, 1440].map((m) => m * MINUTE);
const DELIVERY_GIVE_UP_MS = 3 * 1440 * MINUTE;
/** At most this many messages per business and round (the rest wait for the next round). */
const MAX_SENDS_PER_ROUND = 500;
/** Replies are read back this far before the last one seen (Twilio's list filters by day). */
const REPLY_OVERLAP_MS = 10 * MINUTE;

/** Messages tied to a job are only sent while the job is in one of these states. */
const LIVE_STATUSES: Partial<Record<NotificationType, readonly string[]>> = {
  appointment_confirmation: ['scheduled'],
  appointment_reminder: ['scheduled'],
  reschedule_notification: ['scheduled'],
  on_my_way: ['scheduled', 'in_progress'],
  cancellation_notice: ['canceled'],
};

type NotificationDoc = Notification & Document;

/** A failed send as the outbox weighs it. */
interface ProblemOf {
  kind: SmsError['kind'];
  code: number | null;
  message: string;
  retryAfterMs: number | null;
}

export interface Account {
  credentials: TwilioCredentials;
  sender: SmsSender;
}

export interface MessagingOptions {
  baseUrl?: string;
  timeoutMs?: number;
  claimMs?: number;
}

export interface OutboxDeps {
  db: () => Db | null;
  clock: Clock;
  logger: Logger;
  secrets: SecretStore;
  events: EventBus;
  /** This desktop's id in claims (one per running core). */
  instanceId: string;
  /** The Twilio client for an account (a test may pass its own). */
  gateway?: (account: Account) => SmsGateway;
}

export interface RoundResult {
  sent: number;
  failed: number;
  replies: number;
  delivery_updates: number;
  error: string | null;
}

export interface EnqueueInput {
  business: Business;
  /** The client texted (a test message has none: only a number). */
  client: Pick<Client, 'phone'> & { client_id: string | null };
  appointment: Appointment | null;
  type: NotificationType;
  message: string;
  /** Not before this instant (default now). */
  send_after?: Date;
  dedupe_key?: string;
  queued_by?: string | null;
}

/** Why a client cannot be texted, in words; null when they can. */
export function cannotText(business: Business, client: Client): string | null {
  if (!business.config.sms_enabled || !business.config.notifications_enabled) {
    return 'Text messages are switched off in Settings → Text messages.';
  }
  if (client.sms_opted_out_at) {
    return `${client.first_name} ${client.last_name} opted out of texts (they replied STOP); they can text START to opt back in.`;
  }
  if (client.phone === null || toE164(client.phone) === null) {
    return `${client.first_name} ${client.last_name} has no mobile number to text.`;
  }
  if (client.sms_problem) return client.sms_problem;
  return null;
}

/** The first instant at or after `now` inside the business's sending hours (its time zone). */
export function sendableAt(now: Date, business: Business): Date {
  const { sms_send_from: from, sms_send_until: until } = business.config;
  const zone = business.timezone;
  const local = minutesOf(localTimeOf(now, zone));
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (start === end) return now;
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (inside) return now;
  const today = localDateOf(now, zone);
  const day = start < end && local >= end ? addDays(today, 1) : today;
  return toUtcInstant(day, from, zone);
}

/** The outbox and the round that empties it; one per running core. */
export class Outbox {
  private readonly gateways = new Map<string, SmsGateway>();
  /** When each business may send its next message (its pace), on this desktop. */
  private readonly nextSendAt = new Map<string, number>();
  private readonly lastError = new Map<string, { message: string; at: Date }>();
  /** What the last round did for each business. */
  readonly lastRound = new Map<string, RoundResult>();

  constructor(
    private readonly deps: OutboxDeps,
    private readonly options: MessagingOptions = {},
  ) {}

  private db(): Db {
    const db = this.deps.db();
    if (!db) throw new Error('The database is not open.');
    return db;
  }

  private now(): Date {
    return this.deps.clock.now();
  }

  errorOf(businessId: string): { message: string; at: Date } | null {
    return this.lastError.get(businessId) ?? null;
  }

  private setError(businessId: string, message: string | null): void {
    if (message) this.lastError.set(businessId, { message, at: this.now() });
    else this.lastError.delete(businessId);
  }

  /** The business's Twilio account and sender from its settings and this computer's keychain. */
  async accountOf(business: Business): Promise<Account | null> {
    const c = business.config;
    if (!c.twilio_account_sid) return null;
    const from = c.twilio_from_number ? toE164(c.twilio_from_number) : null;
    if (!c.twilio_messaging_service_sid && !from) return null;
    const secret = await this.deps.secrets
      .get(twilioSecretKey(business.business_id))
      .catch(() => null);
    if (!secret) return null;
    return {
      credentials: {
        accountSid: c.twilio_account_sid,
        apiKeySid: c.twilio_api_key_sid,
        secret,
      },
      sender: { messagingServiceSid: c.twilio_messaging_service_sid, from },
    };
  }

  gatewayFor(account: Account): SmsGateway {
    if (this.deps.gateway) return this.deps.gateway(account);
    const { accountSid, apiKeySid, secret } = account.credentials;
    const key = `${accountSid}|${apiKeySid ?? ''}|${secret}`;
    let gateway = this.gateways.get(key);
    if (!gateway) {
      gateway = createTwilioGateway(account.credentials, {
        ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
      });
      this.gateways.set(key, gateway);
    }
    return gateway;
  }

  /**
   * Writes a pending message. With a dedupe key already used by the business, nothing is written
   * and the existing message is returned (`created: false`).
   */
  async enqueue(input: EnqueueInput): Promise<{ notification: NotificationDoc; created: boolean }> {
    const now = this.now();
    const phone = input.client.phone ? toE164(input.client.phone) : null;
    const doc: NotificationDoc = {
      notification_id: newId('ntf'),
      business_id: input.business.business_id,
      client_id: input.client.client_id,
      appointment_id: input.appointment?.appointment_id ?? null,
      type: input.type,
      channel: 'sms',
      recipient_phone: phone ?? input.client.phone,
      recipient_email: null,
      message: input.message,
      status: 'pending',
      sent_at: null,
      delivery_status: null,
      failure_reason: null,
      retry_count: 0,
      send_after: input.send_after ?? now,
      ...(input.dedupe_key ? { dedupe_key: input.dedupe_key } : {}),
      claimed_by: null,
      claim_expires_at: null,
      uncertain_since: null,
      provider_message_sid: null,
      provider_status: null,
      error_code: null,
      delivery_check_at: null,
      segments: segmentInfo(input.message).segments,
      queued_by: input.queued_by ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      audit_log: [],
    };
    try {
      await this.db().collection(NOTIFICATIONS).insertOne(doc);
      this.changed(input.business.business_id, 0);
      return { notification: doc, created: true };
    } catch (err) {
      if ((err as { code?: number }).code === 11000 && input.dedupe_key) {
        const existing = await this.db()
          .collection<NotificationDoc>(NOTIFICATIONS)
          .findOne(
            { business_id: input.business.business_id, dedupe_key: input.dedupe_key },
            { projection: { _id: 0 } },
          );
        if (existing) return { notification: existing, created: false };
      }
      throw err;
    }
  }

  /** Queues the templated message of `type` about a job, unless the client cannot be texted. */
  async enqueueForJob(
    type: NotificationType,
    business: Business,
    appointment: Appointment,
    options: { dedupe_key?: string; send_after?: Date; queued_by?: string | null } = {},
  ): Promise<{ notification: NotificationDoc; created: boolean } | { refused: string }> {
    const facts = await this.factsOf(business, appointment);
    if (!facts) return { refused: 'The job or its client no longer exists.' };
    const why = cannotText(business, facts.client);
    if (why) return { refused: why };
    const message = textFor(type, { business, ...facts, appointment });
    if (!message) return { refused: `No template for ${type}.` };
    return this.enqueue({
      business,
      client: facts.client,
      appointment,
      type,
      message,
      ...options,
    });
  }

  private async factsOf(
    business: Business,
    appointment: Appointment,
  ): Promise<{ client: Client; service: Service | null; crew: Staff[] } | null> {
    const db = this.db();
    const scope = { business_id: business.business_id };
    const [client, service, staff] = await Promise.all([
      db
        .collection(specFor('clients').name)
        .findOne({ ...scope, client_id: appointment.client_id, deleted_at: null }),
      db
        .collection(specFor('services').name)
        .findOne({ ...scope, service_id: appointment.service_id }),
      db
        .collection(specFor('staff').name)
        .find({ ...scope, staff_id: { $in: appointment.assigned_staff_ids } })
        .toArray(),
    ]);
    if (!client) return null;
    const crew = appointment.assigned_staff_ids.flatMap(
      (id) => (staff.find((s) => s.staff_id === id) as unknown as Staff | undefined) ?? [],
    );
    return {
      client: client as unknown as Client,
      service: service as unknown as Service | null,
      crew,
    };
  }

  /** Waiting messages of a job that no longer apply (it was canceled or rescheduled). */
  async withdrawForJob(businessId: string, appointmentId: string, reason: string): Promise<number> {
    const result = await this.db()
      .collection(NOTIFICATIONS)
      .updateMany(
        {
          business_id: businessId,
          appointment_id: appointmentId,
          status: 'pending',
          type: { $ne: 'cancellation_notice' },
        },
        { $set: { status: 'canceled', failure_reason: reason, updated_at: this.now() } },
      );
    return result.modifiedCount;
  }

  private changed(businessId: string, replies: number): void {
    this.deps.events.emit('messaging.changed', { business_id: businessId, replies });
  }

  // --- the round ----------------------------------------------------------------------------

  /** One round for a business: reminders due, sends, delivery reports, replies. */
  async runBusiness(business: Business): Promise<RoundResult> {
    const result: RoundResult = {
      sent: 0,
      failed: 0,
      replies: 0,
      delivery_updates: 0,
      error: null,
    };
    const account = await this.accountOf(business);
    if (!account) return result;
    const gateway = this.gatewayFor(account);
    try {
      // Replies first: a STOP that came in is honoured before anything else goes to that client.
      result.replies = await this.readReplies(business, account, gateway);
      if (business.config.sms_enabled && business.config.notifications_enabled) {
        await this.queueReminders(business);
      }
      const sends = await this.sendDue(business, account, gateway);
      result.sent = sends.sent;
      result.failed = sends.failed;
      result.delivery_updates = await this.checkDelivery(business, gateway);
      if (sends.blocked) {
        result.error = sends.blocked;
      } else {
        this.setError(business.business_id, null);
      }
    } catch (err) {
      const message =
        err instanceof SmsError
          ? err.message
          : `Texting stopped for a moment: ${err instanceof Error ? err.message : String(err)}`;
      this.setError(business.business_id, message);
      result.error = message;
    }
    if (result.sent || result.failed || result.delivery_updates || result.replies) {
      this.changed(business.business_id, result.replies);
    }
    this.lastRound.set(business.business_id, result);
    return result;
  }

  /** Queues the reminder of every scheduled job starting within the business's lead time. */
  async queueReminders(business: Business): Promise<number> {
    const lead = business.config.sms_before_appointment_hours;
    if (lead <= 0) return 0;
    const now = this.now();
    const today = localDateOf(now, business.timezone);
    const lastDay = localDateOf(new Date(now.getTime() + lead * 60 * MINUTE), business.timezone);
    const days: Date[] = [];
    for (let d = today; d <= lastDay; d = addDays(d, 1)) {
      days.push(new Date(`${d}T00:00:00.000Z`));
    }
    const jobs = (await this.db()
      .collection(specFor('appointments').name)
      .find(
        {
          business_id: business.business_id,
          deleted_at: null,
          status: 'scheduled',
          reminder_sent_at: null,
          scheduled_date: { $in: days },
        },
        { projection: { _id: 0, audit_log: 0 } },
      )
      .toArray()) as unknown as Appointment[];
    let queued = 0;
    for (const job of jobs) {
      const start = toUtcInstant(
        dateKeyOf(job.scheduled_date),
        job.scheduled_start_time,
        business.timezone,
      );
      if (start <= now || start.getTime() - lead * 60 * MINUTE > now.getTime()) continue;
      const done = await this.enqueueForJob('appointment_reminder', business, job, {
        dedupe_key: `reminder:${job.appointment_id}`,
      });
      if ('created' in done && done.created) queued++;
    }
    return queued;
  }

  private async sendDue(
    business: Business,
    account: Account,
    gateway: SmsGateway,
  ): Promise<{ sent: number; failed: number; blocked: string | null }> {
    let sent = 0;
    let failed = 0;
    const now = this.now();
    const opens = sendableAt(now, business);
    if (opens > now) {
      // Quiet hours: what is due waits until they end (the log says until when).
      await this.db()
        .collection(NOTIFICATIONS)
        .updateMany(
          {
            business_id: business.business_id,
            status: 'pending',
            channel: 'sms',
            type: { $ne: 'test_message' },
            send_after: { $lt: opens },
          },
          { $set: { send_after: opens, updated_at: now } },
        );
      return { sent, failed, blocked: null };
    }
    const paceMs = 1000 / business.config.sms_messages_per_second;
    for (let i = 0; i < MAX_SENDS_PER_ROUND; i++) {
      const wait = (this.nextSendAt.get(business.business_id) ?? 0) - Date.now();
      const claimed = await this.claim(business.business_id);
      if (!claimed) break;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const outcome = await this.process(business, account, gateway, claimed);
      if (outcome.called) this.nextSendAt.set(business.business_id, Date.now() + paceMs);
      if (outcome.state === 'sent') sent++;
      if (outcome.state === 'failed') failed++;
      if (outcome.state === 'blocked') return { sent, failed, blocked: outcome.reason };
    }
    return { sent, failed, blocked: null };
  }

  /**
   * Claims the next due message of a business for this desktop: first one whose claim expired
   * (its desktop stopped mid-send; it is checked with Twilio before any resend), else the oldest
   * pending one due.
   */
  async claim(businessId: string): Promise<NotificationDoc | null> {
    const now = this.now();
    const claimMs = this.options.claimMs ?? DEFAULT_CLAIM_MS;
    const claimed = {
      status: 'sending' as const,
      claimed_by: this.deps.instanceId,
      claim_expires_at: new Date(now.getTime() + claimMs),
      updated_at: now,
    };
    const notifications = this.db().collection<NotificationDoc>(NOTIFICATIONS);
    const expired = await notifications.findOneAndUpdate(
      { business_id: businessId, status: 'sending', claim_expires_at: { $lte: now } },
      { $set: { ...claimed, uncertain_since: now } },
      { sort: { claim_expires_at: 1 }, returnDocument: 'after', projection: { _id: 0 } },
    );
    if (expired) return expired;
    return notifications.findOneAndUpdate(
      { business_id: businessId, status: 'pending', channel: 'sms', send_after: { $lte: now } },
      { $set: claimed },
      { sort: { send_after: 1 }, returnDocument: 'after', projection: { _id: 0 } },
    );
  }

  /** Updates a message this desktop holds (nothing, if its claim was lost meanwhile). */
  private async settle(doc: NotificationDoc, set: Document): Promise<void> {
    await this.db()
      .collection(NOTIFICATIONS)
      .updateOne(
        { notification_id: doc.notification_id, claimed_by: this.deps.instanceId },
        {
          $set: { ...set, claimed_by: null, claim_expires_at: null, updated_at: this.now() },
          $inc: { version: 1 },
        },
      );
  }

  private async process(
    business: Business,
    account: Account,
    gateway: SmsGateway,
    doc: NotificationDoc,
  ): Promise<{
    state: 'sent' | 'failed' | 'waiting' | 'dropped' | 'blocked';
    called: boolean;
    reason: string | null;
  }> {
    const db = this.db();
    const now = this.now();
    const client = doc.client_id
      ? ((await db
          .collection(specFor('clients').name)
          .findOne(
            { business_id: business.business_id, client_id: doc.client_id },
            { projection: { _id: 0, audit_log: 0, search_terms: 0 } },
          )) as unknown as Client | null)
      : null;
    const drop = async (status: 'canceled' | 'opted_out' | 'failed', reason: string) => {
      await this.settle(doc, { status, failure_reason: reason });
      return { state: status === 'failed' ? 'failed' : 'dropped', called: false, reason } as const;
    };
    if (doc.type !== 'test_message') {
      if (!client || client.deleted_at) return drop('canceled', 'The client was removed.');
      if (client.sms_opted_out_at) {
        return drop('opted_out', 'Not sent: the client opted out of texts (replied STOP).');
      }
      if (client.sms_problem) return drop('failed', `Not sent: ${client.sms_problem}`);
    }
    const to = doc.recipient_phone ? toE164(doc.recipient_phone) : null;
    if (!to)
      return drop(
        'failed',
        `Not sent: ${doc.recipient_phone ?? 'no number'} is not a phone number that can get texts.`,
      );

    let message = doc.message;
    const live = LIVE_STATUSES[doc.type];
    if (doc.appointment_id && live) {
      const job = (await db
        .collection(specFor('appointments').name)
        .findOne(
          { business_id: business.business_id, appointment_id: doc.appointment_id },
          { projection: { _id: 0, audit_log: 0 } },
        )) as unknown as Appointment | null;
      if (!job || job.deleted_at || !live.includes(job.status)) {
        return drop(
          'canceled',
          `Not sent: the job is ${job && !job.deleted_at ? job.status.replace('_', ' ') : 'gone'} now.`,
        );
      }
      // A job moved since the message was queued is described as it is now — unless a send may
      // already have gone out with the old words (the check below looks for those).
      if (!doc.uncertain_since && client) {
        const facts = await this.factsOf(business, job);
        const fresh = facts ? textFor(doc.type, { business, ...facts, appointment: job }) : null;
        if (fresh && fresh !== message) {
          message = fresh;
          await db
            .collection(NOTIFICATIONS)
            .updateOne(
              { notification_id: doc.notification_id, claimed_by: this.deps.instanceId },
              { $set: { message, segments: segmentInfo(message).segments } },
            );
        }
      }
    }

    if (doc.type !== 'test_message') {
      const at = sendableAt(now, business);
      if (at > now) {
        await this.settle(doc, { status: 'pending', send_after: at });
        return { state: 'waiting', called: false, reason: null };
      }
    }

    if (doc.uncertain_since) {
      try {
        const found = await this.findSent(gateway, doc, to, message);
        if (found) {
          await this.recordSent(business, doc, found, message);
          return { state: 'sent', called: true, reason: null };
        }
      } catch (err) {
        return this.failed(business, doc, err, true);
      }
    }

    try {
      const sent = await gateway.send({ to, body: message, sender: account.sender });
      await this.recordSent(business, doc, sent, message);
      return { state: 'sent', called: true, reason: null };
    } catch (err) {
      return this.failed(business, doc, err, false);
    }
  }

  /** The message in Twilio's list that this one already became, if any. */
  private async findSent(
    gateway: SmsGateway,
    doc: NotificationDoc,
    to: string,
    body: string,
  ): Promise<ProviderMessage | null> {
    const since = new Date(doc.created_at.getTime() - CLOCK_SKEW_MS);
    // Not filtered by sent date: a message still in Twilio's queue has none, and is exactly the
    // one that must not be sent twice. Its creation date is compared here instead.
    const listed = await gateway.list({ to, limit: 200 });
    return (
      listed.find(
        (m) =>
          m.direction.startsWith('outbound') &&
          m.body === body &&
          (m.dateCreated === null || m.dateCreated >= since),
      ) ?? null
    );
  }

  private async recordSent(
    business: Business,
    doc: NotificationDoc,
    sent: ProviderMessage,
    message: string,
  ): Promise<void> {
    const now = this.now();
    await this.settle(doc, {
      status: 'sent',
      sent_at: sent.dateCreated ?? now,
      provider_message_sid: sent.sid,
      provider_status: sent.status,
      delivery_status: deliveryOf(sent.status),
      delivery_check_at: finalDelivery(sent.status)
        ? null
        : new Date(now.getTime() + (DELIVERY_CHECKS_MS[0] ?? MINUTE)),
      uncertain_since: null,
      failure_reason: null,
      error_code: null,
      segments: sent.segments ?? segmentInfo(message).segments,
      message,
    });
    // What the job shows: the client was told (confirmation, notice) or reminded.
    if (doc.appointment_id) {
      const set: Document =
        doc.type === 'appointment_reminder'
          ? { reminder_sent_at: now }
          : doc.type === 'reschedule_notification'
            ? {
                reschedule_notification_sent: true,
                client_notified_at: now,
                client_notification_method: 'sms',
              }
            : doc.type === 'appointment_confirmation'
              ? { client_notified_at: now, client_notification_method: 'sms' }
              : {};
      if (Object.keys(set).length) {
        // No new version (a dispatcher's edit in flight is not refused for it), but a new
        // updated_at, which the board's polling fallback follows.
        const jobs = this.db().collection(specFor('appointments').name);
        const which = { business_id: business.business_id, appointment_id: doc.appointment_id };
        await jobs.updateOne(which, { $set: { ...set, updated_at: now } });
        if (doc.type === 'appointment_reminder') {
          // A reminder tells the client about the visit too.
          await jobs.updateOne(
            { ...which, client_notified_at: null },
            { $set: { client_notified_at: now, client_notification_method: 'sms' } },
          );
        }
      }
    }
  }

  private async failed(
    business: Business,
    doc: NotificationDoc,
    err: unknown,
    checking: boolean,
  ): Promise<{ state: 'failed' | 'waiting' | 'blocked'; called: boolean; reason: string }> {
    const now = this.now();
    // Anything but Twilio's own answer (a bug, a dropped socket the gateway did not name) may or
    // may not have sent the message.
    const error: ProblemOf =
      err instanceof SmsError
        ? { kind: err.kind, code: err.code, message: err.message, retryAfterMs: err.retryAfterMs }
        : {
            kind: 'uncertain',
            code: null,
            message: `The send was interrupted: ${err instanceof Error ? err.message : String(err)}`,
            retryAfterMs: null,
          };
    const tries = doc.retry_count + 1;
    const later = (ms: number, uncertain: boolean) =>
      this.settle(doc, {
        status: 'pending',
        retry_count: tries,
        send_after: new Date(now.getTime() + ms),
        failure_reason: error.message,
        error_code: error.code,
        ...(uncertain ? { uncertain_since: doc.uncertain_since ?? now } : {}),
      });
    switch (error.kind) {
      case 'unauthorized':
      case 'configuration': {
        // Not this message's fault: it waits (without using up its tries) until the settings are fixed.
        await this.settle(doc, {
          status: 'pending',
          send_after: new Date(now.getTime() + 15 * MINUTE),
          failure_reason: error.message,
          error_code: error.code,
        });
        this.setError(business.business_id, error.message);
        return { state: 'blocked', called: true, reason: error.message };
      }
      case 'rejected':
      case 'bad_request': {
        await this.settle(doc, {
          status: 'failed',
          retry_count: doc.retry_count,
          failure_reason: error.message,
          error_code: error.code,
          uncertain_since: null,
        });
        await this.markClient(business, doc, error);
        return { state: 'failed', called: true, reason: error.message };
      }
      default: {
        if (tries > MAX_RETRIES) {
          await this.settle(doc, {
            status: 'failed',
            retry_count: tries,
            failure_reason: `Gave up after ${MAX_RETRIES} retries: ${error.message}`,
            error_code: error.code,
          });
          return { state: 'failed', called: true, reason: error.message };
        }
        const backoff = BACKOFF_MS[tries - 1] ?? BACKOFF_MS.at(-1) ?? MINUTE;
        const uncertain = error.kind === 'uncertain' && !checking;
        const wait = Math.max(backoff, error.retryAfterMs ?? 0, uncertain ? UNCERTAIN_WAIT_MS : 0);
        await later(wait, uncertain || Boolean(doc.uncertain_since));
        return { state: 'waiting', called: true, reason: error.message };
      }
    }
  }

  /** A final failure that is about the client's number: shown on the client, nothing more sent. */
  private async markClient(
    business: Business,
    doc: NotificationDoc,
    error: Pick<ProblemOf, 'code' | 'message'>,
  ): Promise<void> {
    if (!doc.client_id) return;
    const repo = this.systemRepo(business.business_id, 'clients');
    const client = (await repo.find({ client_id: doc.client_id }))[0];
    if (!client) return;
    if (error.code === 21610) {
      await repo
        .update(
          doc.client_id,
          client.version as number,
          { sms_opted_out_at: this.now() },
          { action: 'opted_out', note: 'Twilio reports this number unsubscribed (replied STOP).' },
        )
        .catch(() => undefined);
    } else if ([21211, 21214, 21217, 21401, 21407, 21408, 21612, 21614].includes(error.code ?? 0)) {
      await repo
        .update(
          doc.client_id,
          client.version as number,
          { sms_problem: error.message },
          { action: 'updated', note: 'Texts to this number cannot be delivered.' },
        )
        .catch(() => undefined);
    }
  }

  private systemRepo(businessId: string, collection: 'clients' | 'appointments'): TenantRepository {
    return new TenantRepository(
      this.db(),
      specFor(collection),
      { business_id: businessId, user_id: MESSAGING_ACTOR },
      this.deps.clock,
    );
  }

  /** Asks Twilio for the delivery of sent messages that are due a check. */
  private async checkDelivery(business: Business, gateway: SmsGateway): Promise<number> {
    const now = this.now();
    const due = await this.db()
      .collection<NotificationDoc>(NOTIFICATIONS)
      .find(
        {
          business_id: business.business_id,
          status: 'sent',
          delivery_check_at: { $lte: now },
        },
        { projection: { _id: 0, audit_log: 0 }, limit: 100, sort: { delivery_check_at: 1 } },
      )
      .toArray();
    let updates = 0;
    for (const doc of due) {
      if (!doc.provider_message_sid) continue;
      let found: ProviderMessage;
      try {
        found = await gateway.fetch(doc.provider_message_sid);
      } catch (err) {
        if (
          err instanceof SmsError &&
          (err.kind === 'unauthorized' || err.kind === 'configuration')
        ) {
          throw err;
        }
        continue;
      }
      const age = now.getTime() - (doc.sent_at ?? doc.created_at).getTime();
      const final = finalDelivery(found.status);
      const next = DELIVERY_CHECKS_MS.find((ms) => ms > age);
      const set: Document = {
        provider_status: found.status,
        delivery_status: deliveryOf(found.status),
        delivery_check_at:
          final || age > DELIVERY_GIVE_UP_MS || next === undefined
            ? null
            : new Date((doc.sent_at ?? doc.created_at).getTime() + next),
        updated_at: now,
      };
      if (found.status === 'undelivered' || found.status === 'failed') {
        set.failure_reason = `Not delivered${found.errorCode ? ` (Twilio ${found.errorCode})` : ''}: ${found.errorMessage ?? carrierReason(found.errorCode)}`;
        set.error_code = found.errorCode;
      }
      if (found.status !== doc.provider_status) updates++;
      await this.db()
        .collection(NOTIFICATIONS)
        .updateOne({ notification_id: doc.notification_id }, { $set: set });
    }
    return updates;
  }

  /** Reads new replies from Twilio and acts on them. */
  private async readReplies(
    business: Business,
    account: Account,
    gateway: SmsGateway,
  ): Promise<number> {
    const db = this.db();
    const state = await db.collection(STATE).findOne({ business_id: business.business_id });
    const now = this.now();
    const since = new Date(
      (
        (state?.last_reply_at as Date | undefined) ?? new Date(now.getTime() - 1440 * MINUTE)
      ).getTime() - REPLY_OVERLAP_MS,
    );
    const listed = await gateway.list({
      ...(account.sender.from ? { to: account.sender.from } : {}),
      sentAfter: since,
      limit: 500,
    });
    const inbound = listed
      .filter((m) => m.direction === 'inbound')
      .sort(
        (a, b) =>
          (a.dateSent ?? a.dateCreated ?? now).getTime() -
          (b.dateSent ?? b.dateCreated ?? now).getTime(),
      );
    let handled = 0;
    let latest = (state?.last_reply_at as Date | undefined) ?? null;
    for (const message of inbound) {
      const at = message.dateSent ?? message.dateCreated ?? now;
      if (!latest || at > latest) latest = at;
      const known = await db
        .collection(INBOUND)
        .findOne({ business_id: business.business_id, provider_message_sid: message.sid });
      if (known) continue;
      if (await this.handleReply(business, message, at)) handled++;
    }
    await db.collection(STATE).updateOne(
      { business_id: business.business_id },
      {
        $set: {
          business_id: business.business_id,
          last_reply_at: latest ?? since,
          updated_at: now,
        },
      },
      { upsert: true },
    );
    return handled;
  }

  /** Records one reply and does what it asks; false when another desktop recorded it first. */
  async handleReply(business: Business, message: ProviderMessage, at: Date): Promise<boolean> {
    const db = this.db();
    const from = message.from ? toE164(message.from) : null;
    const clients = from
      ? ((await db
          .collection(specFor('clients').name)
          .find(
            { business_id: business.business_id, deleted_at: null, phone: { $ne: null } },
            {
              projection: {
                _id: 0,
                client_id: 1,
                first_name: 1,
                last_name: 1,
                phone: 1,
                sms_opted_out_at: 1,
                version: 1,
              },
            },
          )
          .toArray()) as unknown as Client[])
      : [];
    const client = clients.find((c) => c.phone !== null && toE164(c.phone) === from) ?? null;
    const meaning: ReplyMeaning = client
      ? meaningOf(message.body, client.sms_opted_out_at !== null)
      : 'other';
    const inboundId = newId('inb');
    try {
      await db.collection(INBOUND).insertOne({
        inbound_id: inboundId,
        business_id: business.business_id,
        provider_message_sid: message.sid,
        from: from ?? message.from ?? '',
        body: message.body,
        received_at: at,
        client_id: client?.client_id ?? null,
        appointment_id: null,
        handled_as: 'inbox',
        note: client ? 'Waiting to be read.' : 'From a number no client has.',
        read_at: null,
        created_at: this.now(),
      });
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
    const outcome = client
      ? await this.applyReply(business, client, meaning)
      : {
          handled_as: 'inbox' as const,
          note: 'From a number no client has.',
          appointment_id: null,
        };
    await db.collection(INBOUND).updateOne(
      { inbound_id: inboundId },
      {
        $set: {
          handled_as: outcome.handled_as,
          note: outcome.note,
          appointment_id: outcome.appointment_id,
          // What the app handled by itself needs no one to read it.
          read_at: outcome.handled_as === 'inbox' ? null : this.now(),
        },
      },
    );
    return true;
  }

  private async applyReply(
    business: Business,
    client: Client,
    meaning: ReplyMeaning,
  ): Promise<{
    handled_as: 'confirmed' | 'reschedule_requested' | 'opted_out' | 'opted_in' | 'inbox';
    note: string;
    appointment_id: string | null;
  }> {
    const now = this.now();
    const clients = this.systemRepo(business.business_id, 'clients');
    if (meaning === 'opt_out') {
      if (!client.sms_opted_out_at) {
        await clients.update(
          client.client_id,
          client.version,
          { sms_opted_out_at: now },
          { action: 'opted_out', note: 'Replied STOP to a text.' },
        );
      }
      const withdrawn = await this.db()
        .collection(NOTIFICATIONS)
        .updateMany(
          { business_id: business.business_id, client_id: client.client_id, status: 'pending' },
          {
            $set: {
              status: 'opted_out',
              failure_reason: 'The client opted out of texts.',
              updated_at: now,
            },
          },
        );
      return {
        handled_as: 'opted_out',
        note: `Opted out of texts; nothing more is sent to them${withdrawn.modifiedCount ? ` (${withdrawn.modifiedCount} waiting message${withdrawn.modifiedCount === 1 ? '' : 's'} withdrawn)` : ''}.`,
        appointment_id: null,
      };
    }
    if (meaning === 'opt_in') {
      if (client.sms_opted_out_at) {
        await clients.update(
          client.client_id,
          client.version,
          { sms_opted_out_at: null },
          { action: 'opted_in', note: 'Replied START to a text.' },
        );
      }
      return {
        handled_as: 'opted_in',
        note: 'Texts resumed (replied START).',
        appointment_id: null,
      };
    }
    if (meaning !== 'confirm' && meaning !== 'reschedule') {
      return {
        handled_as: 'inbox',
        note:
          meaning === 'help' ? 'Asked for help (Twilio answers HELP itself).' : 'Needs a reply.',
        appointment_id: null,
      };
    }
    const job = await this.currentJobOf(business, client.client_id);
    if (!job) {
      return {
        handled_as: 'inbox',
        note: `Replied "${meaning === 'confirm' ? 'confirm' : 'reschedule'}", but they have no upcoming job.`,
        appointment_id: null,
      };
    }
    const appointments = this.systemRepo(business.business_id, 'appointments');
    const when = `${shortDate(dateKeyOf(job.scheduled_date))} ${clockTime(job.scheduled_start_time)}`;
    if (meaning === 'confirm') {
      await appointments.update(
        job.appointment_id,
        job.version,
        { client_confirmed_at: now, reschedule_requested_at: null },
        { action: 'confirmed', note: 'The client confirmed by text.' },
      );
      return {
        handled_as: 'confirmed',
        note: `Confirmed the job on ${when}.`,
        appointment_id: job.appointment_id,
      };
    }
    await appointments.update(
      job.appointment_id,
      job.version,
      { reschedule_requested_at: now, client_confirmed_at: null },
      { action: 'reschedule_requested', note: 'The client asked by text for another time.' },
    );
    return {
      handled_as: 'reschedule_requested',
      note: `Asked for another time than ${when}.`,
      appointment_id: job.appointment_id,
    };
  }

  /**
   * The job a client's "C" or "R" answers: their next scheduled job that was texted about (a
   * confirmation, reminder or notice was sent), else simply their next scheduled job.
   */
  private async currentJobOf(business: Business, clientId: string): Promise<Appointment | null> {
    const now = this.now();
    const today = localDateOf(now, business.timezone);
    const upcoming = (await this.db()
      .collection(specFor('appointments').name)
      .find(
        {
          business_id: business.business_id,
          client_id: clientId,
          deleted_at: null,
          status: 'scheduled',
          scheduled_date: { $gte: new Date(`${today}T00:00:00.000Z`) },
        },
        {
          projection: { _id: 0, audit_log: 0 },
          sort: { scheduled_date: 1, scheduled_start_time: 1 },
        },
      )
      .toArray()) as unknown as Appointment[];
    const ahead = upcoming.filter(
      (job) =>
        toUtcInstant(dateKeyOf(job.scheduled_date), job.scheduled_end_time, business.timezone) >
        now,
    );
    const texted = await this.db()
      .collection(NOTIFICATIONS)
      .distinct('appointment_id', {
        business_id: business.business_id,
        client_id: clientId,
        status: 'sent',
        appointment_id: { $in: ahead.map((j) => j.appointment_id) },
      });
    return ahead.find((job) => texted.includes(job.appointment_id)) ?? ahead[0] ?? null;
  }

  /** Every business with texting set up on this computer, each on its own. */
  async runAll(): Promise<RoundResult> {
    const total: RoundResult = { sent: 0, failed: 0, replies: 0, delivery_updates: 0, error: null };
    const db = this.deps.db();
    if (!db) return total;
    const businesses = await db
      .collection('businesses')
      .find(
        { deleted_at: null, 'config.twilio_account_sid': { $ne: null } },
        { projection: { _id: 0, audit_log: 0 } },
      )
      .toArray();
    await Promise.all(
      businesses.map(async (raw) => {
        const parsed = businessSchema.safeParse(raw);
        if (!parsed.success) return;
        try {
          const r = await this.runBusiness(parsed.data);
          total.sent += r.sent;
          total.failed += r.failed;
          total.replies += r.replies;
          total.delivery_updates += r.delivery_updates;
        } catch (err) {
          this.deps.logger.log('error', 'Texting round failed for a business', {
            business_id: parsed.data.business_id,
            reason: err instanceof Error ? err.message : String(err),
          });
        }
      }),
    );
    return total;
  }
}

/** Twilio's message status as the log's delivery status. */
function deliveryOf(status: string): 'sent' | 'delivered' | 'undelivered' | 'failed' | null {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'undelivered') return 'undelivered';
  if (status === 'failed') return 'failed';
  if (status === 'sent') return 'sent';
  return null;
}

const finalDelivery = (status: string) =>
  ['delivered', 'read', 'undelivered', 'failed', 'canceled'].includes(status);

/** Twilio's delivery error codes in words, for when the API gives no message. */
function carrierReason(code: number | null): string {
  switch (code) {
    case 30003:
      return 'the phone is switched off or out of reach';
    case 30004:
      return 'the number blocks messages from us';
    case 30005:
      return 'the number does not exist or is no longer in service';
    case 30006:
      return 'the number is a landline or cannot receive texts';
    case 30007:
      return "the carrier filtered it as spam; check the sender's registration";
    case 30008:
      return 'the carrier gave no reason';
    default:
      return 'the carrier did not deliver it';
  }
}
