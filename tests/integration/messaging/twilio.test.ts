// The Twilio gateway through the real `twilio` library against a local server speaking Twilio's
// Messages API: what a send, fetch and list give back, and what each failure tells the caller.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SmsError,
  createTwilioGateway,
  describeTwilioCode,
  type SmsGateway,
  type SmsSender,
} from '../../../electron/core/messaging/twilio';
import { startFakeTwilio, type FakeTwilio } from '../../support/fake-twilio';

const hex = () => randomBytes(16).toString('hex');
const ACCOUNT_SID = `AC${hex()}`;
const AUTH_TOKEN = `token${hex()}`;
const API_KEY = { sid: `SK${hex()}`, secret: `keysecret${hex()}` };
const SERVICE_SID = `MG${hex()}`;
const OUR_NUMBER = '+12055550100';
const CLIENT = '+12055550123';
const OTHER_CLIENT = '+12055550199';
const FROM_OUR_NUMBER: SmsSender = { messagingServiceSid: null, from: OUR_NUMBER };
const VIA_SERVICE: SmsSender = { messagingServiceSid: SERVICE_SID, from: null };

let fake: FakeTwilio;
let clock: Date;
let gateway: SmsGateway;

beforeEach(async () => {
  clock = new Date('2026-03-10T15:00:00Z');
  fake = await startFakeTwilio({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiKeys: [API_KEY],
    numbers: [OUR_NUMBER],
    messagingServiceSids: [SERVICE_SID],
    now: () => clock,
  });
  gateway = createTwilioGateway(
    { accountSid: ACCOUNT_SID, apiKeySid: null, secret: AUTH_TOKEN },
    { baseUrl: fake.url },
  );
});

afterEach(async () => {
  await fake.close();
});

/** The SmsError a call fails with (the test fails if it succeeds). */
async function failure(promise: Promise<unknown>): Promise<SmsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsError);
  return error as SmsError;
}

describe('sending', () => {
  it('sends from our number: Twilio queues it and we get its SID, sender and segments', async () => {
    const message = await gateway.send({
      to: CLIENT,
      body: 'Hi Ana, your visit is confirmed.',
      sender: FROM_OUR_NUMBER,
    });

    expect(message).toMatchObject({
      status: 'queued',
      to: CLIENT,
      from: OUR_NUMBER,
      body: 'Hi Ana, your visit is confirmed.',
      direction: 'outbound-api',
      dateSent: null,
      errorCode: null,
      segments: 1,
    });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.dateCreated).toEqual(clock);
    expect(fake.messages.map((m) => m.sid)).toEqual([message.sid]);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      authUser: ACCOUNT_SID,
      form: { To: CLIENT, From: OUR_NUMBER, Body: 'Hi Ana, your visit is confirmed.' },
    });
  });

  it('sends through a Messaging Service: accepted, the sender not yet picked', async () => {
    const message = await gateway.send({ to: CLIENT, body: 'On my way!', sender: VIA_SERVICE });

    expect(message).toMatchObject({ status: 'accepted', from: null, segments: null });
    expect(fake.requests[0]?.form).toEqual({
      To: CLIENT,
      MessagingServiceSid: SERVICE_SID,
      Body: 'On my way!',
    });
    fake.advance(message.sid);
    expect(await gateway.fetch(message.sid)).toMatchObject({
      status: 'sent',
      from: OUR_NUMBER,
      segments: 1,
    });
  });

  it('counts the segments of a long text', async () => {
    const body = 'Your crew is running about 20 minutes late. '.repeat(5);
    const message = await gateway.send({ to: CLIENT, body, sender: FROM_OUR_NUMBER });
    expect(message.segments).toBe(2);
  });

  it('authenticates with an API key and its secret', async () => {
    const withKey = createTwilioGateway(
      { accountSid: ACCOUNT_SID, apiKeySid: API_KEY.sid, secret: API_KEY.secret },
      { baseUrl: fake.url },
    );
    const message = await withKey.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER });

    expect(message.status).toBe('queued');
    expect(fake.requests[0]).toMatchObject({
      authUser: API_KEY.sid,
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
    });
  });

  it('refuses a sender that is neither or both a Messaging Service and a number', async () => {
    for (const sender of [
      { messagingServiceSid: null, from: null },
      { messagingServiceSid: SERVICE_SID, from: OUR_NUMBER },
    ]) {
      const error = await failure(gateway.send({ to: CLIENT, body: 'Hi', sender }));
      expect(error.kind).toBe('configuration');
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe('what a refused send tells the caller', () => {
  it.each([
    { label: 'auth token', apiKeySid: null, secret: `wrong${hex()}` },
    { label: 'API key secret', apiKeySid: API_KEY.sid, secret: `wrong${hex()}` },
  ])(
    "a wrong $label is 'unauthorized', and the secret appears nowhere in the error",
    async ({ apiKeySid, secret }) => {
      const refused = createTwilioGateway(
        { accountSid: ACCOUNT_SID, apiKeySid, secret },
        { baseUrl: fake.url },
      );
      const error = await failure(
        refused.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
      );

      expect(error).toMatchObject({ kind: 'unauthorized', code: 20003, status: 401 });
      expect(error.message).toMatch(/credentials.*\(20003\)/);
      const basicAuth = Buffer.from(`${apiKeySid ?? ACCOUNT_SID}:${secret}`).toString('base64');
      const shown = [
        error.message,
        String(error),
        error.stack ?? '',
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
      ];
      for (const text of shown) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(basicAuth);
      }
      expect(fake.messages).toHaveLength(0);
    },
  );

  it("an invalid To is 'rejected' with Twilio's code 21211", async () => {
    const error = await failure(
      gateway.send({ to: '555-0123', body: 'Hello', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'rejected', code: 21211, status: 400 });
    expect(error.message).toBe(
      'Twilio refused the number 555-0123: it is not a valid phone number (21211)',
    );
    expect(fake.messages).toHaveLength(0);
  });

  it("a client who replied STOP is 'rejected' (21610)", async () => {
    fake.unsubscribe(CLIENT);
    const error = await failure(
      gateway.send({ to: CLIENT, body: 'Reminder', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'rejected', code: 21610, status: 400 });
    expect(error.message).toContain('unsubscribed');
    expect(error.message).toContain('(21610)');
  });

  it("a From number not on the account or an unknown Messaging Service is 'configuration'", async () => {
    const badFrom = await failure(
      gateway.send({
        to: CLIENT,
        body: 'Hi',
        sender: { messagingServiceSid: null, from: '+12055550999' },
      }),
    );
    expect(badFrom).toMatchObject({ kind: 'configuration', code: 21606 });
    expect(badFrom.message).toContain('+12055550999');

    const unknownService = `MG${hex()}`;
    const badService = await failure(
      gateway.send({
        to: CLIENT,
        body: 'Hi',
        sender: { messagingServiceSid: unknownService, from: null },
      }),
    );
    expect(badService).toMatchObject({ kind: 'configuration', code: 21701 });
    expect(badService.message).toContain(unknownService);
  });

  it("429 with Retry-After is 'rate_limited' with the wait; nothing is stored", async () => {
    fake.failNext(1, {
      status: 429,
      code: 20429,
      message: 'Too Many Requests',
      retryAfterSeconds: 7,
    });
    const error = await failure(
      gateway.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({
      kind: 'rate_limited',
      code: 20429,
      status: 429,
      retryAfterMs: 7000,
    });
    expect(error.message).toContain('(20429)');
    expect(fake.messages).toHaveLength(0);
    await expect(
      gateway.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    ).resolves.toMatchObject({ status: 'queued' });
  });

  it("a 500 is 'uncertain': Twilio may have taken the text", async () => {
    fake.failNext(1, { status: 500, code: 20500, message: 'Internal Server Error' });
    const error = await failure(
      gateway.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'uncertain', status: 500 });
    expect(error.message).toContain('may or may not have been sent');
  });

  it("a connection dropped after the send is 'uncertain', and the list shows Twilio has the text", async () => {
    fake.dropNext(1);
    const error = await failure(
      gateway.send({ to: CLIENT, body: 'Your visit is tomorrow at 9', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'uncertain', code: null, status: null });
    expect(fake.messages).toHaveLength(1);
    // What the caller must do before sending again: look for it (still queued, so by To alone).
    const found = await gateway.list({ to: CLIENT });
    expect(found).toMatchObject([
      { sid: fake.messages[0]?.sid, body: 'Your visit is tomorrow at 9', status: 'queued' },
    ]);
  });

  it("a server that refuses connections is 'unavailable': nothing was sent", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const unreachable = createTwilioGateway(
      { accountSid: ACCOUNT_SID, apiKeySid: null, secret: AUTH_TOKEN },
      { baseUrl: `http://127.0.0.1:${closedPort}` },
    );
    const error = await failure(
      unreachable.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'unavailable', code: null, status: null });
    expect(error.message).toContain('the text was not sent');
  });

  it("no answer within timeoutMs is 'uncertain'; when the list is empty a resend is safe", async () => {
    const impatient = createTwilioGateway(
      { accountSid: ACCOUNT_SID, apiKeySid: null, secret: AUTH_TOKEN },
      { baseUrl: fake.url, timeoutMs: 300 },
    );
    fake.hangNext(1);
    const error = await failure(
      impatient.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    );

    expect(error).toMatchObject({ kind: 'uncertain', status: null });
    expect(error.message).toContain('no answer within 0.3 seconds');
    expect(await impatient.list({ to: CLIENT })).toEqual([]);
    await expect(
      impatient.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER }),
    ).resolves.toMatchObject({ status: 'queued' });
  });
});

describe('listing', () => {
  const at = (time: string) => new Date(`2026-03-10T${time}:00Z`);

  /** A day of texts with CLIENT and OTHER_CLIENT, both directions, one still queued. */
  async function conversation() {
    fake.receive({
      from: OTHER_CLIENT,
      to: OUR_NUMBER,
      body: 'Yesterday',
      at: new Date('2026-03-09T20:00:00Z'),
    });
    fake.receive({ from: CLIENT, to: OUR_NUMBER, body: 'Morning', at: at('09:00') });
    clock = at('14:00');
    const reminder = await gateway.send({ to: CLIENT, body: 'Reminder', sender: FROM_OUR_NUMBER });
    fake.advance(reminder.sid);
    clock = at('14:30');
    fake.receive({ from: CLIENT, to: OUR_NUMBER, body: 'Yes, see you then' });
    clock = at('14:45');
    const other = await gateway.send({
      to: OTHER_CLIENT,
      body: 'Other reminder',
      sender: FROM_OUR_NUMBER,
    });
    fake.advance(other.sid);
    clock = at('14:50');
    await gateway.send({ to: CLIENT, body: 'Still queued', sender: FROM_OUR_NUMBER });
  }

  const bodies = (messages: { body: string }[]) => messages.map((m) => m.body);

  it('lists what was sent to a number, newest first, queued ones included', async () => {
    await conversation();
    expect(bodies(await gateway.list({ to: CLIENT }))).toEqual(['Still queued', 'Reminder']);
  });

  it("lists a client's replies (inbound) by From, newest first", async () => {
    await conversation();
    const replies = await gateway.list({ from: CLIENT });
    expect(bodies(replies)).toEqual(['Yes, see you then', 'Morning']);
    expect(replies[0]).toMatchObject({
      direction: 'inbound',
      status: 'received',
      to: OUR_NUMBER,
      dateSent: at('14:30'),
    });
  });

  it('lists what was sent on or after a time to the second, though Twilio filters by day', async () => {
    await conversation();
    const since = await gateway.list({ sentAfter: new Date('2026-03-10T12:00:00.750Z') });

    expect(bodies(since)).toEqual(['Other reminder', 'Yes, see you then', 'Reminder']);
    // The library sends the time as `DateSent>` (it reads `DateSent>=` on the wire), in UTC to the second.
    expect(fake.requests.at(-1)?.query).toMatchObject({ 'DateSent>': '2026-03-10T12:00:00Z' });
    expect(bodies(await gateway.list({ to: OUR_NUMBER, sentAfter: at('14:30') }))).toEqual([
      'Yes, see you then',
    ]);
  });

  it('stops at the limit, and follows next pages when it must', async () => {
    await conversation();
    expect(bodies(await gateway.list({ limit: 2 }))).toEqual(['Still queued', 'Other reminder']);

    fake.requests.length = 0;
    // Pages of two: the first page has one message of the window, the second none.
    const late = await gateway.list({ sentAfter: at('14:40'), limit: 2 });
    expect(bodies(late)).toEqual(['Other reminder']);
    expect(fake.requests.map((r) => r.query.Page)).toEqual([undefined, '1']);
    expect(fake.requests[1]?.query).toMatchObject({
      PageSize: '2',
      'DateSent>': '2026-03-10T14:40:00Z',
    });
  });
});

describe('fetching', () => {
  it('shows a message move from queued to sent to delivered', async () => {
    const message = await gateway.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER });
    clock = new Date('2026-03-10T15:00:05Z');
    fake.advance(message.sid);
    expect(await gateway.fetch(message.sid)).toMatchObject({ status: 'sent', dateSent: clock });

    fake.advance(message.sid);
    expect(await gateway.fetch(message.sid)).toMatchObject({
      sid: message.sid,
      status: 'delivered',
      errorCode: null,
      dateSent: clock,
    });
  });

  it("reads back an undelivered message's error code, which says the number is the problem", async () => {
    const message = await gateway.send({ to: CLIENT, body: 'Hello', sender: FROM_OUR_NUMBER });
    fake.advance(message.sid, 'undelivered', 30006);

    const fetched = await gateway.fetch(message.sid);
    expect(fetched).toMatchObject({
      status: 'undelivered',
      errorCode: 30006,
      errorMessage: 'Landline or unreachable carrier',
    });
    expect(describeTwilioCode(30006, { to: CLIENT })).toEqual({
      kind: 'rejected',
      message: `The text could not be delivered: the number ${CLIENT} is a landline or its carrier is unreachable (30006)`,
    });
  });

  it("a message Twilio does not have is 'bad_request' (20404)", async () => {
    const error = await failure(gateway.fetch(`SM${hex()}`));
    expect(error).toMatchObject({ kind: 'bad_request', code: 20404, status: 404 });
  });
});
