// The texting outbox through the real core and the real `twilio` library, against a local server
// that speaks Twilio's REST API: messages are written first and sent once (even by two desktops
// at once, even after a crash between claim and send), retried with back-off when the failure is
// passing and never when it is final, held in quiet hours, paced, followed to delivery; replies
// confirm jobs, ask for another time, opt clients out and back in, or land in the inbox.
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import { createTwilioGateway } from '../../../electron/core/messaging/twilio';
import { OWNER_FORM, WEEKDAY_HOURS, createOwner } from '../../support/fixtures';
import { connection, createTestCore, memorySecretStore } from '../../support/core';
import { startFakeTwilio, type FakeTwilio } from '../../support/fake-twilio';

const ACCOUNT = `AC${'a1'.repeat(16)}`;
const TOKEN = 'f'.repeat(32);
const OUR_NUMBER = '+12055550100';

// Tuesday 2026-06-09, 10:00 AM in Birmingham (America/Chicago, UTC−5).
let now = new Date('2026-06-09T15:00:00Z');
const later = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

let fake: FakeTwilio;
let core: Core;
let second: Core;
let mongo: MongoClient;
let db: Db;
let tab: ReturnType<typeof connection>;
const secrets = memorySecretStore();
let serviceId = '';
let crewId = '';
let phoneCount = 0;

type Job = { appointment_id: string; version: number };
type Note = Record<string, unknown> & {
  notification_id: string;
  status: string;
  type: string;
  message: string;
};

const outbound = () => fake.messages.filter((m) => m.direction === 'outbound-api');
const round = () => core.runMessaging();
const notes = async (filter: Record<string, unknown>) =>
  (await db.collection('notifications').find(filter).toArray()) as unknown as Note[];
const job = async (id: string) => db.collection('appointments').findOne({ appointment_id: id });
const clientDoc = async (id: string) => db.collection('clients').findOne({ client_id: id });

async function setConfig(config: Record<string, unknown>) {
  const business = await tab.value<{ version: number }>('business.get');
  await tab.value('business.update', { version: business.version, changes: { config } });
}

/** A new client with their own number ("+1-205-555-01xx"). */
async function newClient(first: string): Promise<{ client_id: string; phone: string }> {
  phoneCount += 1;
  const phone = `+1-205-555-${String(200 + phoneCount).padStart(4, '0')}`;
  const created = await tab.value<{ client_id: string }>('clients.create', {
    data: {
      first_name: first,
      last_name: 'Texter',
      phone,
      address: '1 Test Way',
      city: 'Birmingham',
      state: 'AL',
      zip_code: '35203',
    },
  });
  return { client_id: created.client_id, phone: `+1${phone.replace(/\D/g, '').slice(1)}` };
}

/** Books a job for the client on `date` at `start`, which queues its confirmation. */
async function book(clientId: string, date: string, start: string, end: string): Promise<Job> {
  const { appointments } = await tab.value<{ appointments: Job[] }>('jobs.create', {
    client_id: clientId,
    service_id: serviceId,
    scheduled_date: date,
    start,
    end,
    staff_ids: [crewId],
    override_warnings: true,
  });
  return appointments[0] as Job;
}

beforeAll(async () => {
  fake = await startFakeTwilio({
    accountSid: ACCOUNT,
    authToken: TOKEN,
    numbers: [OUR_NUMBER],
    now: () => now,
  });
  const dbName = `messaging_outbox_${Date.now().toString(36)}`;
  mongo = new MongoClient(inject('mongoUri'));
  db = mongo.db(dbName);
  const make = () =>
    createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: dbName,
      clock: { now: () => now },
      secrets,
      messaging: { baseUrl: fake.url, timer: false, claimMs: 60_000, timeoutMs: 2_000 },
    });
  core = make();
  await core.start();
  await createOwner(core);
  second = make();
  await second.start();
  tab = connection(core);
  await tab.value('auth.signIn', {
    email: OWNER_FORM.owner.email,
    password: OWNER_FORM.owner.password,
  });
  serviceId = (
    await tab.value<{ service_id: string }>('services.create', {
      data: {
        vertical: 'lawn_care',
        name: 'Mowing',
        category: 'maintenance',
        default_duration_minutes: 60,
        default_price: 60,
        currency: 'USD',
      },
    })
  ).service_id;
  crewId = (
    await tab.value<{ staff_id: string }>('staff.create', {
      data: {
        first_name: 'Marcus',
        last_name: 'Johnson',
        role: 'crew_lead',
        availability_schedule: WEEKDAY_HOURS,
      },
    })
  ).staff_id;
  await tab.value('messaging.setCredentials', {
    account_sid: ACCOUNT,
    secret: TOKEN,
    from_number: OUR_NUMBER,
  });
  // Fast pace for the tests (the pacing test sets its own).
  await setConfig({ sms_messages_per_second: 100 });
});

afterAll(async () => {
  await second?.stop();
  await core?.stop();
  await mongo?.close();
  await fake?.close();
});

beforeEach(() => {
  // Every test starts on a weekday morning, inside sending hours.
  now = new Date('2026-06-09T15:00:00Z');
});

describe('the outbox', () => {
  it('writes a booking confirmation first, sends it once, and marks the client notified', async () => {
    const ana = await newClient('Ana');
    const visit = await book(ana.client_id, '2026-06-11', '09:00', '10:00');
    const [queued] = await notes({ appointment_id: visit.appointment_id });
    expect(queued).toMatchObject({
      type: 'appointment_confirmation',
      status: 'pending',
      recipient_phone: ana.phone,
    });
    expect(queued?.message).toBe(
      'Hi Ana, Magic City Lawn has you booked for mowing on Thu, Jun 11, 9:00 AM to 10:00 AM. Reply C to confirm or R to reschedule.',
    );

    const result = await round();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const sent = outbound().filter((m) => m.to === ana.phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toBe(queued?.message);
    const [after] = await notes({ appointment_id: visit.appointment_id });
    expect(after).toMatchObject({ status: 'sent', provider_message_sid: sent[0]?.sid });
    expect((await job(visit.appointment_id))?.client_notified_at).toBeInstanceOf(Date);

    await round();
    expect(outbound().filter((m) => m.to === ana.phone)).toHaveLength(1);
  });

  it('sends a reminder once per job, even with two desktops sending at the same moment', async () => {
    const bo = await newClient('Bo');
    // Thursday 11:00 AM; on Wednesday at 11:05 AM it is within the 24-hour lead.
    const visit = await book(bo.client_id, '2026-06-11', '11:00', '12:00');
    await round();
    later(25 * 60 + 5);
    await Promise.all([core.runMessaging(), second.runMessaging(), core.runMessaging()]);
    const reminders = outbound().filter((m) => m.to === bo.phone && m.body.startsWith('Reminder'));
    expect(reminders).toHaveLength(1);
    expect(
      await notes({ appointment_id: visit.appointment_id, type: 'appointment_reminder' }),
    ).toHaveLength(1);
    expect((await job(visit.appointment_id))?.reminder_sent_at).toBeInstanceOf(Date);
    later(30);
    await Promise.all([core.runMessaging(), second.runMessaging()]);
    expect(
      outbound().filter((m) => m.to === bo.phone && m.body.startsWith('Reminder')),
    ).toHaveLength(1);
  });

  it('checks Twilio before sending again when the connection dropped mid-send', async () => {
    const cy = await newClient('Cy');
    await book(cy.client_id, '2026-06-12', '09:00', '10:00');
    fake.dropNext(1, 'POST');
    await round();
    // Twilio stored it, but the answer never came: the outbox cannot know, so it waits and looks.
    expect(outbound().filter((m) => m.to === cy.phone)).toHaveLength(1);
    const [waiting] = await notes({ client_id: cy.client_id });
    expect(waiting).toMatchObject({ status: 'pending', retry_count: 1 });
    expect(waiting?.uncertain_since).toBeInstanceOf(Date);
    later(1);
    await round();
    expect(outbound().filter((m) => m.to === cy.phone)).toHaveLength(1);
    const [found] = await notes({ client_id: cy.client_id });
    expect(found).toMatchObject({
      status: 'sent',
      provider_message_sid: outbound().find((m) => m.to === cy.phone)?.sid,
    });
  });

  it('never sends twice after a desktop crashed between claiming and sending', async () => {
    const dee = await newClient('Dee');
    const eve = await newClient('Eve');
    await book(dee.client_id, '2026-06-12', '11:00', '12:00');
    await book(eve.client_id, '2026-06-12', '13:00', '14:00');
    const [forDee] = await notes({ client_id: dee.client_id });
    const [forEve] = await notes({ client_id: eve.client_id });
    // A desktop claimed both; it sent Dee's (Twilio has it) and died before recording it, and it
    // died before sending Eve's.
    const claim = { status: 'sending', claimed_by: 'desktop-gone', claim_expires_at: now };
    await db
      .collection('notifications')
      .updateMany(
        { notification_id: { $in: [forDee?.notification_id, forEve?.notification_id] } },
        { $set: claim },
      );
    await createTwilioGateway(
      { accountSid: ACCOUNT, apiKeySid: null, secret: TOKEN },
      {
        baseUrl: fake.url,
      },
    ).send({
      to: dee.phone,
      body: forDee?.message ?? '',
      sender: { messagingServiceSid: null, from: OUR_NUMBER },
    });
    later(2);
    await Promise.all([core.runMessaging(), second.runMessaging()]);
    expect(outbound().filter((m) => m.to === dee.phone)).toHaveLength(1);
    expect(outbound().filter((m) => m.to === eve.phone)).toHaveLength(1);
    const [dee2] = await notes({ client_id: dee.client_id });
    const [eve2] = await notes({ client_id: eve.client_id });
    expect(dee2?.status).toBe('sent');
    expect(eve2?.status).toBe('sent');
  });

  it('retries a passing failure with back-off, and stops at a final one, marking the client', async () => {
    const flo = await newClient('Flo');
    await book(flo.client_id, '2026-06-15', '09:00', '10:00');
    fake.failNext(
      1,
      {
        status: 429,
        code: 20429,
        message: 'Too Many Requests',
        retryAfterSeconds: 120,
      },
      'POST',
    );
    await round();
    const [busy] = await notes({ client_id: flo.client_id });
    expect(busy).toMatchObject({ status: 'pending', retry_count: 1, error_code: 20429 });
    // Not before Twilio's Retry-After (2 minutes), longer than the first back-off (30 s).
    expect((busy?.send_after as Date).getTime() - now.getTime()).toBeGreaterThanOrEqual(120_000);
    later(1);
    await round();
    expect(outbound().filter((m) => m.to === flo.phone)).toHaveLength(0);
    later(2);
    await round();
    expect(outbound().filter((m) => m.to === flo.phone)).toHaveLength(1);

    const gus = await newClient('Gus');
    await book(gus.client_id, '2026-06-15', '11:00', '12:00');
    fake.failNext(
      1,
      {
        status: 400,
        code: 21211,
        message: `The 'To' number ${gus.phone} is not a valid phone number.`,
      },
      'POST',
    );
    await round();
    const [bad] = await notes({ client_id: gus.client_id });
    expect(bad).toMatchObject({ status: 'failed', error_code: 21211, retry_count: 0 });
    expect(String(bad?.failure_reason)).toMatch(/not a valid phone number/);
    expect((await clientDoc(gus.client_id))?.sms_problem).toMatch(/21211/);
    later(60);
    await round();
    expect(fake.requests.filter((r) => r.form?.To === gus.phone)).toHaveLength(1);
    // "Send again" is refused until the client's number is fixed.
    const retry = await tab.value<{ queued: number; refused: { message: string }[] }>(
      'messaging.retry',
      { notification_ids: [bad?.notification_id] },
    );
    expect(retry.queued).toBe(0);
    expect(retry.refused[0]?.message).toMatch(/21211/);
  });

  it('honours an unsubscribed number: failed, the client opted out, nothing more sent', async () => {
    const hal = await newClient('Hal');
    fake.unsubscribe(hal.phone);
    const first = await book(hal.client_id, '2026-06-16', '09:00', '10:00');
    await round();
    const [refused] = await notes({ appointment_id: first.appointment_id });
    expect(refused).toMatchObject({ status: 'failed', error_code: 21610 });
    expect((await clientDoc(hal.client_id))?.sms_opted_out_at).toBeInstanceOf(Date);
    const second = await book(hal.client_id, '2026-06-17', '09:00', '10:00');
    expect(await notes({ appointment_id: second.appointment_id })).toEqual([]);
    const onMyWay = await tab.call('messaging.onMyWay', { appointment_id: second.appointment_id });
    expect(onMyWay.ok).toBe(false);
    expect(!onMyWay.ok && onMyWay.error.message).toMatch(/opted out/);
  });

  it('holds texts in quiet hours and sends them when the morning comes', async () => {
    // 10:30 PM in Birmingham.
    now = new Date('2026-06-10T03:30:00Z');
    const ida = await newClient('Ida');
    const visit = await book(ida.client_id, '2026-06-18', '09:00', '10:00');
    await round();
    expect(outbound().filter((m) => m.to === ida.phone)).toHaveLength(0);
    const [held] = await notes({ appointment_id: visit.appointment_id });
    expect(held?.status).toBe('pending');
    // 8:00 AM CDT the next morning.
    expect((held?.send_after as Date).toISOString()).toBe('2026-06-10T13:00:00.000Z');
    now = new Date('2026-06-10T12:59:00Z');
    await round();
    expect(outbound().filter((m) => m.to === ida.phone)).toHaveLength(0);
    now = new Date('2026-06-10T13:01:00Z');
    await round();
    expect(outbound().filter((m) => m.to === ida.phone)).toHaveLength(1);
  });

  it("paces sends to the sender's rate", async () => {
    await setConfig({ sms_messages_per_second: 5 });
    try {
      const people = await Promise.all(['Jo', 'Kai', 'Lu', 'Mo'].map((n) => newClient(n)));
      for (const [i, p] of people.entries()) {
        await book(
          p.client_id,
          '2026-06-19',
          `${String(8 + i).padStart(2, '0')}:00`,
          `${String(8 + i).padStart(2, '0')}:30`,
        );
      }
      const numbers = new Set(people.map((p) => p.phone));
      await round();
      const sends = fake.requests
        .filter((r) => r.method === 'POST' && numbers.has(r.form?.To ?? ''))
        .map((r) => r.at);
      expect(sends).toHaveLength(4);
      for (let i = 1; i < sends.length; i++) {
        // 5 a second: 200 ms apart (a few ms of timer slack allowed).
        expect((sends[i] ?? 0) - (sends[i - 1] ?? 0)).toBeGreaterThanOrEqual(190);
      }
    } finally {
      await setConfig({ sms_messages_per_second: 100 });
    }
  });

  it('follows a sent text to its delivery report', async () => {
    const ned = await newClient('Ned');
    const ola = await newClient('Ola');
    await book(ned.client_id, '2026-06-22', '09:00', '10:00');
    await book(ola.client_id, '2026-06-22', '11:00', '12:00');
    await round();
    const toNed = outbound().find((m) => m.to === ned.phone);
    const toOla = outbound().find((m) => m.to === ola.phone);
    fake.advance(toNed?.sid, 'delivered');
    fake.advance(toOla?.sid, 'undelivered', 30003);
    later(1);
    await round();
    const [ned2] = await notes({ client_id: ned.client_id });
    const [ola2] = await notes({ client_id: ola.client_id });
    expect(ned2).toMatchObject({
      status: 'sent',
      delivery_status: 'delivered',
      delivery_check_at: null,
    });
    expect(ola2).toMatchObject({
      status: 'sent',
      delivery_status: 'undelivered',
      error_code: 30003,
    });
    expect(String(ola2?.failure_reason)).toMatch(/Not delivered/);
  });

  it('reads replies: C confirms, R asks for another time, STOP and START, the rest to the inbox', async () => {
    const pia = await newClient('Pia');
    const visit = await book(pia.client_id, '2026-06-23', '09:00', '10:00');
    await round();
    fake.receive({ from: pia.phone, to: OUR_NUMBER, body: ' c ' });
    later(1);
    await round();
    expect((await job(visit.appointment_id))?.client_confirmed_at).toBeInstanceOf(Date);

    fake.receive({ from: pia.phone, to: OUR_NUMBER, body: 'R' });
    later(1);
    await round();
    const moved = await job(visit.appointment_id);
    expect(moved?.reschedule_requested_at).toBeInstanceOf(Date);
    expect(moved?.client_confirmed_at).toBeNull();

    fake.receive({ from: pia.phone, to: OUR_NUMBER, body: 'Can you also trim the hedge?' });
    fake.receive({ from: '+12055559999', to: OUR_NUMBER, body: 'Who is this?' });
    later(1);
    await round();
    const inbox = await tab.value<{
      items: { body: string; handled_as: string; client_id: string | null; read_at: Date | null }[];
      unread: number;
    }>('messaging.inbox', {});
    expect(inbox.items.map((i) => [i.body, i.handled_as])).toEqual(
      expect.arrayContaining([
        [' c ', 'confirmed'],
        ['R', 'reschedule_requested'],
        ['Can you also trim the hedge?', 'inbox'],
        ['Who is this?', 'inbox'],
      ]),
    );
    expect(inbox.unread).toBe(2);
    expect(inbox.items.find((i) => i.body === 'Who is this?')?.client_id).toBeNull();

    // Each reply is acted on once, however often Twilio's list shows it.
    later(1);
    await Promise.all([core.runMessaging(), second.runMessaging()]);
    expect((await tab.value<{ total: number }>('messaging.inbox', {})).total).toBe(
      inbox.items.length,
    );

    const pending = await book(pia.client_id, '2026-06-24', '09:00', '10:00');
    fake.receive({ from: pia.phone, to: OUR_NUMBER, body: 'STOP' });
    later(1);
    await round();
    expect((await clientDoc(pia.client_id))?.sms_opted_out_at).toBeInstanceOf(Date);
    const [withdrawn] = await notes({ appointment_id: pending.appointment_id });
    expect(withdrawn?.status).toBe('opted_out');
    fake.receive({ from: pia.phone, to: OUR_NUMBER, body: 'START' });
    later(1);
    await round();
    expect((await clientDoc(pia.client_id))?.sms_opted_out_at).toBeNull();
  });

  it('stops and says why when Twilio refuses the credentials, without using up retries', async () => {
    const quin = await newClient('Quin');
    await book(quin.client_id, '2026-06-25', '09:00', '10:00');
    await tab.value('messaging.setCredentials', {
      account_sid: ACCOUNT,
      secret: 'x'.repeat(32),
      from_number: OUR_NUMBER,
    });
    try {
      await round();
      const status = await tab.value<{ last_error: string | null; pending: number }>(
        'messaging.status',
      );
      expect(status.last_error).toMatch(/20003|refused|credentials/i);
      expect(status.last_error).not.toContain('x'.repeat(32));
      const [waiting] = await notes({ client_id: quin.client_id });
      expect(waiting).toMatchObject({ status: 'pending', retry_count: 0 });
    } finally {
      await tab.value('messaging.setCredentials', {
        account_sid: ACCOUNT,
        secret: TOKEN,
        from_number: OUR_NUMBER,
      });
    }
    later(16);
    await round();
    expect(outbound().filter((m) => m.to === quin.phone)).toHaveLength(1);
  });

  it('sends a test message now and keeps the secret out of the settings and the answer', async () => {
    const test = await tab.value<{ provider_message_sid: string; segments: number }>(
      'messaging.sendTest',
      { to: '+1 205-555-0777' },
    );
    expect(fake.messages.find((m) => m.sid === test.provider_message_sid)?.to).toBe('+12055550777');
    const status = await tab.value<Record<string, unknown>>('messaging.status');
    expect(status).toMatchObject({ configured: true, has_secret: true, account_sid: ACCOUNT });
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    const business = await tab.value<Record<string, unknown>>('business.get');
    expect(JSON.stringify(business)).not.toContain(TOKEN);
  });
});
