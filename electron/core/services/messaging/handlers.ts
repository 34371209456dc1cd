// messaging.*: the Twilio account (secret in the keychain), a test text, "on my way", retries, the
// replies inbox and "check now". Sending itself is the outbox's (outbox.ts).
import type { Document } from 'mongodb';
import { toE164 } from '../../../../shared/messaging/phone';
import { segmentInfo } from '../../../../shared/messaging/templates';
import {
  businessSchema,
  type Appointment,
  type Business,
  type Client,
} from '../../../../shared/schemas';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { Handlers } from '../../dispatch';
import { AppError, ConflictError, NotFoundError, UnavailableError } from '../../errors';
import { SmsError } from '../../messaging/twilio';
import type { Clock, SecretStore } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { tenantRepository } from '../tenant';
import { cannotText, INBOUND, NOTIFICATIONS, twilioSecretKey, type Outbox } from './outbox';
import type { MessagingWorker } from './worker';

export interface MessagingDeps {
  database: DatabaseHolder;
  clock: Clock;
  secrets: SecretStore;
  outbox: Outbox;
  worker: MessagingWorker;
}

type MessagingChannel =
  | 'messaging.status'
  | 'messaging.setCredentials'
  | 'messaging.removeCredentials'
  | 'messaging.sendTest'
  | 'messaging.onMyWay'
  | 'messaging.retry'
  | 'messaging.inbox'
  | 'messaging.markRead'
  | 'messaging.checkNow';

const WEEK_MS = 7 * 24 * 3_600_000;

function sessionOf(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  return ctx.session;
}

const fieldError = (path: string, message: string) =>
  new AppError('validation', message, [{ path, message }]);

export function createMessagingHandlers(deps: MessagingDeps): Pick<Handlers, MessagingChannel> {
  const db = () => deps.database.get().db;

  const businessOf = async (ctx: HandlerContext): Promise<Business> => {
    const raw = await tenantRepository(deps, ctx, businessSpec).get(sessionOf(ctx).business_id);
    return businessSchema.parse(raw);
  };

  const status = async (ctx: HandlerContext) => {
    const business = await businessOf(ctx);
    const c = business.config;
    const hasSecret = Boolean(
      await deps.secrets.get(twilioSecretKey(business.business_id)).catch(() => null),
    );
    const account = await deps.outbox.accountOf(business);
    const since = new Date(deps.clock.now().getTime() - WEEK_MS);
    const [pending, failed] = await Promise.all([
      db()
        .collection(NOTIFICATIONS)
        .countDocuments({
          business_id: business.business_id,
          status: { $in: ['pending', 'sending'] },
          channel: 'sms',
        }),
      db()
        .collection(NOTIFICATIONS)
        .countDocuments({
          business_id: business.business_id,
          status: 'failed',
          updated_at: { $gte: since },
        }),
    ]);
    const problem = deps.outbox.errorOf(business.business_id);
    return {
      configured: account !== null,
      enabled: c.sms_enabled && c.notifications_enabled,
      account_sid: c.twilio_account_sid,
      api_key_sid: c.twilio_api_key_sid,
      messaging_service_sid: c.twilio_messaging_service_sid,
      from_number: c.twilio_from_number,
      has_secret: hasSecret,
      keychain_available: deps.secrets.available,
      last_error: problem?.message ?? null,
      last_error_at: problem?.at ?? null,
      pending,
      failed_recently: failed,
    };
  };

  const saveConfig = async (ctx: HandlerContext, business: Business, patch: Document) => {
    const repo = tenantRepository(deps, ctx, businessSpec);
    await repo.update(
      business.business_id,
      business.version,
      { config: { ...business.config, ...patch } },
      { action: 'updated', note: 'Text message account changed.' },
    );
  };

  return {
    'messaging.status': (ctx) => status(ctx),

    'messaging.setCredentials': async (ctx, input) => {
      const business = await businessOf(ctx);
      const key = twilioSecretKey(business.business_id);
      if (input.from_number !== null && toE164(input.from_number) === null) {
        throw fieldError(
          'from_number',
          'Give the sender number with its country code, e.g. +1 205-555-0123',
        );
      }
      if (input.secret === null) {
        const stored = await deps.secrets.get(key).catch(() => null);
        if (!stored) {
          throw fieldError(
            'secret',
            input.api_key_sid
              ? "Enter the API key's secret: none is stored on this computer yet."
              : "Enter the account's auth token: none is stored on this computer yet.",
          );
        }
      } else {
        if (!deps.secrets.available) {
          throw new UnavailableError(
            `The auth token is kept only in the OS keychain, which is not available here (${deps.secrets.fallbackReason ?? deps.secrets.backend}).`,
          );
        }
        await deps.secrets.set(key, input.secret);
      }
      await saveConfig(ctx, business, {
        twilio_account_sid: input.account_sid,
        twilio_api_key_sid: input.api_key_sid,
        twilio_messaging_service_sid: input.messaging_service_sid,
        twilio_from_number: input.from_number,
      });
      deps.worker.poke();
      return status(ctx);
    },

    'messaging.removeCredentials': async (ctx) => {
      const business = await businessOf(ctx);
      await deps.secrets.delete(twilioSecretKey(business.business_id)).catch(() => undefined);
      await saveConfig(ctx, business, {
        twilio_account_sid: null,
        twilio_api_key_sid: null,
        twilio_messaging_service_sid: null,
        twilio_from_number: null,
      });
      return status(ctx);
    },

    'messaging.sendTest': async (ctx, { to }) => {
      const business = await businessOf(ctx);
      const account = await deps.outbox.accountOf(business);
      if (!account) {
        throw new ConflictError(
          'Texting is not set up yet: save the Twilio account, its secret and a sender first.',
        );
      }
      const number = toE164(to);
      if (!number) {
        throw fieldError('to', 'Give the number with its country code, e.g. +1 205-555-0123');
      }
      const message = `Test message from ${business.name} (ServicePro Dispatch): texting works.`;
      const { notification } = await deps.outbox.enqueue({
        business,
        client: { client_id: null, phone: number },
        appointment: null,
        type: 'test_message',
        message,
        // Never picked up by the round: sent here, now.
        send_after: new Date(8.64e15),
        queued_by: sessionOf(ctx).user_id,
      });
      const record = (set: Document) =>
        db()
          .collection(NOTIFICATIONS)
          .updateOne(
            { notification_id: notification.notification_id },
            { $set: { ...set, updated_at: deps.clock.now() } },
          );
      try {
        const sent = await deps.outbox
          .gatewayFor(account)
          .send({ to: number, body: message, sender: account.sender });
        await record({
          status: 'sent',
          sent_at: deps.clock.now(),
          provider_message_sid: sent.sid,
          provider_status: sent.status,
          delivery_status: null,
          delivery_check_at: deps.clock.now(),
          send_after: deps.clock.now(),
        });
        return {
          notification_id: notification.notification_id,
          provider_message_sid: sent.sid,
          provider_status: sent.status,
          segments: sent.segments ?? segmentInfo(message).segments,
        };
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        await record({
          status: 'failed',
          failure_reason: why,
          error_code: err instanceof SmsError ? err.code : null,
          send_after: deps.clock.now(),
        });
        if (err instanceof SmsError && (err.kind === 'unavailable' || err.kind === 'uncertain')) {
          throw new UnavailableError(`The test message may not have gone out: ${why}`);
        }
        throw new ConflictError(`Twilio did not send the test message: ${why}`);
      }
    },

    'messaging.onMyWay': async (ctx, { appointment_id }) => {
      const business = await businessOf(ctx);
      const job = (await tenantRepository(deps, ctx, specFor('appointments')).get(
        appointment_id,
      )) as unknown as Appointment;
      if (job.status !== 'scheduled' && job.status !== 'in_progress') {
        throw new ConflictError(
          `"On my way" is for a job still to do; this one is ${job.status.replace('_', ' ')}.`,
        );
      }
      if (!(await deps.outbox.accountOf(business))) {
        throw new ConflictError(
          'Texting is not set up yet: connect Twilio in Settings → Text messages.',
        );
      }
      const queued = await deps.outbox.enqueueForJob('on_my_way', business, job, {
        dedupe_key: `on_my_way:${job.appointment_id}`,
        queued_by: sessionOf(ctx).user_id,
      });
      if ('refused' in queued) throw new ConflictError(`Not sent: ${queued.refused}`);
      if (!queued.created) {
        throw new ConflictError(
          `"On my way" was already sent for this job (${queued.notification.status}).`,
        );
      }
      deps.worker.poke();
      return queued.notification as never;
    },

    'messaging.retry': async (ctx, { notification_ids }) => {
      const session = sessionOf(ctx);
      const docs = await db()
        .collection(NOTIFICATIONS)
        .find({ business_id: session.business_id, notification_id: { $in: notification_ids } })
        .toArray();
      const refused: { notification_id: string; message: string }[] = [];
      let queued = 0;
      const business = await businessOf(ctx);
      for (const id of notification_ids) {
        const doc = docs.find((d) => d.notification_id === id);
        if (!doc) {
          refused.push({ notification_id: id, message: 'No such message.' });
          continue;
        }
        if (doc.status !== 'failed' || doc.type === 'test_message') {
          refused.push({
            notification_id: id,
            message:
              doc.type === 'test_message'
                ? 'Send a new test message instead.'
                : `Only failed messages are sent again; this one is ${String(doc.status)}.`,
          });
          continue;
        }
        if (doc.client_id) {
          const client = (await db().collection(specFor('clients').name).findOne({
            business_id: session.business_id,
            client_id: doc.client_id,
          })) as unknown as Client | null;
          const why = client ? cannotText(business, client) : 'The client was removed.';
          if (why) {
            refused.push({ notification_id: id, message: why });
            continue;
          }
          if (client?.phone && toE164(client.phone)) {
            doc.recipient_phone = toE164(client.phone);
          }
        }
        const result = await db()
          .collection(NOTIFICATIONS)
          .updateOne(
            { notification_id: id, status: 'failed' },
            {
              $set: {
                status: 'pending',
                send_after: deps.clock.now(),
                retry_count: 0,
                failure_reason: null,
                error_code: null,
                recipient_phone: doc.recipient_phone,
                updated_at: deps.clock.now(),
              },
              $inc: { version: 1 },
            },
          );
        if (result.modifiedCount) queued++;
      }
      if (queued) deps.worker.poke();
      return { queued, refused };
    },

    'messaging.inbox': async (ctx, { unread, client_id, limit, offset }) => {
      const session = sessionOf(ctx);
      const scope = { business_id: session.business_id };
      const filter: Document = { ...scope };
      if (unread) filter.read_at = null;
      if (client_id) filter.client_id = client_id;
      const inbound = db().collection(INBOUND);
      const [docs, total, unreadCount] = await Promise.all([
        inbound
          .find(filter, { projection: { _id: 0 } })
          .sort({ received_at: -1 })
          .skip(offset)
          .limit(limit)
          .toArray(),
        inbound.countDocuments(filter),
        inbound.countDocuments({ ...scope, read_at: null }),
      ]);
      const ids = [...new Set(docs.map((d) => d.client_id).filter(Boolean))];
      const clients = await db()
        .collection(specFor('clients').name)
        .find(
          { ...scope, client_id: { $in: ids } },
          { projection: { _id: 0, client_id: 1, first_name: 1, last_name: 1 } },
        )
        .toArray();
      const names = new Map(
        clients.map((c) => [c.client_id, `${String(c.first_name)} ${String(c.last_name)}`]),
      );
      return {
        items: docs.map((d) => ({
          inbound_id: d.inbound_id,
          provider_message_sid: d.provider_message_sid,
          from: d.from,
          body: d.body,
          received_at: d.received_at,
          client_id: d.client_id,
          client_name: d.client_id ? (names.get(d.client_id) ?? null) : null,
          appointment_id: d.appointment_id,
          handled_as: d.handled_as,
          note: d.note,
          read_at: d.read_at,
        })),
        total,
        unread: unreadCount,
      } as never;
    },

    'messaging.markRead': async (ctx, { inbound_ids }) => {
      const session = sessionOf(ctx);
      const result = await db()
        .collection(INBOUND)
        .updateMany(
          { business_id: session.business_id, inbound_id: { $in: inbound_ids }, read_at: null },
          { $set: { read_at: deps.clock.now() } },
        );
      return { updated: result.modifiedCount };
    },

    'messaging.checkNow': async (ctx) => {
      const business = await businessOf(ctx);
      if (!(await deps.outbox.accountOf(business))) {
        throw new NotFoundError(
          'Texting is not set up yet: connect Twilio in Settings → Text messages.',
        );
      }
      await deps.worker.runNow();
      return deps.worker.lastResultOf(business.business_id);
    },
  };
}
