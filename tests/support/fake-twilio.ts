// A local stand-in for Twilio's Messages API (REST 2010-04-01) in its documented shapes, so tests
// drive the real `twilio` library: send, fetch and list messages, with faults a test can inject.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SegmentedMessage } from 'sms-segments-calculator';

export interface FakeTwilioOptions {
  accountSid: string;
  authToken: string;
  /** API keys of the account: Basic auth as `sid:secret` works like `accountSid:authToken`. */
  apiKeys?: { sid: string; secret: string }[];
  /** Our own senders: the only valid `From` numbers, and what a Messaging Service sends from. */
  numbers?: string[];
  messagingServiceSids?: string[];
  /** The fake's clock for every date it stamps (default the real time). */
  now?: () => Date;
}

export type FakeMessageStatus =
  'queued' | 'accepted' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';

/** A Message resource exactly as Twilio's JSON gives it. */
export interface FakeTwilioMessage {
  sid: string;
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  /** RFC 2822, GMT: "Thu, 30 Jul 2015 20:12:31 +0000". */
  date_created: string;
  date_updated: string;
  /** Null until the message leaves Twilio's queue. */
  date_sent: string | null;
  direction: 'outbound-api' | 'inbound';
  error_code: number | null;
  error_message: string | null;
  /** Null while a Messaging Service has not picked the sender yet. */
  from: string | null;
  to: string;
  messaging_service_sid: string | null;
  num_media: string;
  /** "0" while a Messaging Service has not picked the sender yet. */
  num_segments: string;
  price: string | null;
  price_unit: string;
  status: FakeMessageStatus;
  subresource_uris: { media: string; feedback: string };
  uri: string;
}

export interface FakeTwilioRequest {
  method: string;
  /** Without the query string. */
  path: string;
  /** Decoded query parameters, as the server read them (`DateSent>` keeps its `>`). */
  query: Record<string, string>;
  /** Decoded form fields of a POST. */
  form?: Record<string, string>;
  /** The Basic-auth user name (an account or API key SID), null without Basic auth. */
  authUser: string | null;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface FakeTwilioFailure {
  status: number;
  code: number;
  message: string;
  /** Sent as a Retry-After header, in seconds. */
  retryAfterSeconds?: number;
}

export interface FakeTwilio {
  /** Give this as the gateway's `baseUrl`. */
  url: string;
  origin: string;
  port: number;
  /** Every stored message, both directions, oldest first. */
  messages: FakeTwilioMessage[];
  requests: FakeTwilioRequest[];
  /** The next `count` requests are answered with this Twilio error instead. */
  failNext(count: number, failure: FakeTwilioFailure, method?: 'GET' | 'POST'): void;
  /** The next `count` requests are carried out (a send is stored), then the socket is destroyed. */
  dropNext(count: number, method?: 'GET' | 'POST'): void;
  /** The next `count` requests are never answered, and nothing is stored. */
  hangNext(count: number, method?: 'GET' | 'POST'): void;
  /** The recipient replied STOP: sending to it fails with 21610. */
  unsubscribe(number: string): void;
  /**
   * Moves outbound messages along (the one with `sid`, or every one not yet final): one step
   * (queued/accepted → sent → delivered) or straight to `status`. `errorCode` goes with
   * 'undelivered' or 'failed' (default 30003 and 30008). Returns the messages moved.
   */
  advance(
    sid?: string,
    status?: 'sent' | 'delivered' | 'undelivered' | 'failed',
    errorCode?: number,
  ): FakeTwilioMessage[];
  /** A text from `from` to one of our numbers, received at `at` (default now). */
  receive(input: { from: string; to: string; body: string; at?: Date }): FakeTwilioMessage;
  close(): Promise<void>;
}

const API_VERSION = '2010-04-01';
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_BODY = 1600;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const FINAL: ReadonlySet<FakeMessageStatus> = new Set([
  'delivered',
  'undelivered',
  'failed',
  'received',
]);

/** Twilio's wording for the delivery errors the fake can report. */
const DELIVERY_ERRORS: Record<number, string> = {
  30001: 'Queue overflow',
  30002: 'Account suspended',
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};

/** RFC 2822 in GMT as Twilio writes it. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

function sid(prefix: string): string {
  return prefix + randomBytes(16).toString('hex');
}

type Fault = (
  { kind: 'fail'; failure: FakeTwilioFailure } | { kind: 'drop' } | { kind: 'hang' }
) & {
  /** Only requests with this method (a send is POST, a list or fetch GET); any when absent. */
  method?: 'GET' | 'POST';
};

class TwilioError {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly message: string,
  ) {}
}

export async function startFakeTwilio(options: FakeTwilioOptions): Promise<FakeTwilio> {
  const now = options.now ?? (() => new Date());
  const numbers = new Set(options.numbers ?? []);
  const services = new Set(options.messagingServiceSids ?? []);
  const unsubscribed = new Set<string>();
  const messages: FakeTwilioMessage[] = [];
  /** Creation order, for a stable newest-first sort among messages of the same second. */
  const sequence = new Map<string, number>();
  const requests: FakeTwilioRequest[] = [];
  const faults: Fault[] = [];
  const accountPath = `/${API_VERSION}/Accounts/${options.accountSid}`;

  function store(message: FakeTwilioMessage): FakeTwilioMessage {
    sequence.set(message.sid, sequence.size);
    messages.push(message);
    return message;
  }

  function newMessage(
    fields: Pick<FakeTwilioMessage, 'to' | 'from' | 'body' | 'direction' | 'status'> &
      Partial<FakeTwilioMessage>,
    at: Date,
  ): FakeTwilioMessage {
    const messageSid = sid('SM');
    const uri = `${accountPath}/Messages/${messageSid}.json`;
    return {
      sid: messageSid,
      account_sid: options.accountSid,
      api_version: API_VERSION,
      date_created: rfc2822(at),
      date_updated: rfc2822(at),
      date_sent: null,
      error_code: null,
      error_message: null,
      messaging_service_sid: null,
      num_media: '0',
      num_segments: String(new SegmentedMessage(fields.body, 'auto').segmentsCount),
      price: null,
      price_unit: 'USD',
      subresource_uris: {
        media: `${accountPath}/Messages/${messageSid}/Media.json`,
        feedback: `${accountPath}/Messages/${messageSid}/Feedback.json`,
      },
      uri,
      ...fields,
    };
  }

  function authenticate(request: IncomingMessage): string | null {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return null;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (user === options.accountSid && password === options.authToken) return user;
    const key = options.apiKeys?.find((k) => k.sid === user);
    return key && key.secret === password ? user : null;
  }

  function create(form: Record<string, string>): FakeTwilioMessage {
    const to = form.To;
    const from = form.From;
    const serviceSid = form.MessagingServiceSid;
    const body = form.Body;
    if (!to) throw new TwilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !serviceSid)
      throw new TwilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) throw new TwilioError(400, 21602, 'Message body is required.');
    if (!E164.test(to)) {
      throw new TwilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    if (serviceSid && !/^MG[0-9a-fA-F]{32}$/.test(serviceSid)) {
      throw new TwilioError(400, 21705, 'The Messaging Service Sid is invalid.');
    }
    if (serviceSid && !services.has(serviceSid)) {
      throw new TwilioError(
        400,
        21701,
        `The Messaging Service Sid ${serviceSid} does not exist or does not belong to the account.`,
      );
    }
    if (from && !E164.test(from)) {
      throw new TwilioError(
        400,
        21212,
        `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
      );
    }
    if (from && !numbers.has(from)) {
      throw new TwilioError(
        400,
        21606,
        `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`,
      );
    }
    if (body.length > MAX_BODY) {
      throw new TwilioError(
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );
    }
    if (unsubscribed.has(to)) {
      throw new TwilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
    }
    // Through a Messaging Service the sender (and so the segment count) is chosen after the answer.
    const viaService = Boolean(serviceSid) && !from;
    return store(
      newMessage(
        {
          to,
          from: from ?? null,
          body,
          direction: 'outbound-api',
          status: serviceSid ? 'accepted' : 'queued',
          messaging_service_sid: serviceSid ?? null,
          ...(viaService ? { num_segments: '0' } : {}),
        },
        now(),
      ),
    );
  }

  function newestFirst(a: FakeTwilioMessage, b: FakeTwilioMessage): number {
    const byDate = Date.parse(b.date_created) - Date.parse(a.date_created);
    return byDate !== 0 ? byDate : (sequence.get(b.sid) ?? 0) - (sequence.get(a.sid) ?? 0);
  }

  /** GMT day of a DateSent filter: Twilio documents the filters as whole dates (YYYY-MM-DD). */
  function filterDay(value: string): string {
    const day = /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
    if (!day) throw new TwilioError(400, 20001, `Invalid DateSent value: ${value}`);
    return day;
  }

  function read(query: Record<string, string>): unknown {
    const sentOn = query.DateSent !== undefined ? filterDay(query.DateSent) : null;
    const sentFrom = query['DateSent>'] !== undefined ? filterDay(query['DateSent>']) : null;
    const sentUntil = query['DateSent<'] !== undefined ? filterDay(query['DateSent<']) : null;
    const matching = messages
      .filter((m) => {
        if (query.To !== undefined && m.to !== query.To) return false;
        if (query.From !== undefined && m.from !== query.From) return false;
        if (sentOn === null && sentFrom === null && sentUntil === null) return true;
        // A message not yet sent has no date_sent, so no DateSent filter matches it.
        if (m.date_sent === null) return false;
        const day = new Date(Date.parse(m.date_sent)).toISOString().slice(0, 10);
        if (sentOn !== null && day !== sentOn) return false;
        if (sentFrom !== null && day < sentFrom) return false;
        if (sentUntil !== null && day > sentUntil) return false;
        return true;
      })
      .sort(newestFirst);

    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Number.parseInt(query.PageSize ?? '', 10) || DEFAULT_PAGE_SIZE),
    );
    const page = Math.max(0, Number.parseInt(query.Page ?? '', 10) || 0);
    const start = page * pageSize;
    const slice = matching.slice(start, start + pageSize);

    const filters = new URLSearchParams();
    for (const key of ['To', 'From', 'DateSent', 'DateSent<', 'DateSent>']) {
      const value = query[key];
      if (value !== undefined) filters.set(key, value);
    }
    const pageUri = (n: number, token?: string) => {
      const params = new URLSearchParams(filters);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(n));
      if (token) params.set('PageToken', token);
      return `${accountPath}/Messages.json?${params.toString()}`;
    };
    const last = slice.at(-1);
    const first = slice[0];
    const hasNext = start + pageSize < matching.length;
    return {
      messages: slice,
      end: slice.length > 0 ? start + slice.length - 1 : 0,
      first_page_uri: pageUri(0),
      next_page_uri: hasNext && last ? pageUri(page + 1, `PA${last.sid}`) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 && first ? pageUri(page - 1, `PB${first.sid}`) : null,
      start,
      uri: pageUri(page, query.PageToken),
    };
  }

  function route(
    method: string,
    path: string,
    query: Record<string, string>,
    form: Record<string, string>,
  ): { status: number; body: unknown } {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/.exec(path);
    if (!match) {
      throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    const [, account, messageSid] = match;
    if (account !== options.accountSid) {
      throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
    }
    if (messageSid === undefined && method === 'POST') return { status: 201, body: create(form) };
    if (messageSid === undefined && method === 'GET') return { status: 200, body: read(query) };
    if (messageSid !== undefined && method === 'GET') {
      const message = messages.find((m) => m.sid === messageSid);
      if (!message) {
        throw new TwilioError(404, 20404, `The requested resource ${path} was not found`);
      }
      return { status: 200, body: message };
    }
    throw new TwilioError(405, 20004, 'Method not allowed');
  }

  function answer(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  }

  function answerError(response: ServerResponse, error: TwilioError, headers = {}): void {
    answer(
      response,
      error.status,
      {
        code: error.code,
        message: error.message,
        more_info: `https://www.twilio.com/docs/errors/${error.code}`,
        status: error.status,
      },
      headers,
    );
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake-twilio');
    const query = Object.fromEntries(url.searchParams);
    const method = request.method ?? 'GET';
    const isForm = (request.headers['content-type'] ?? '').startsWith(
      'application/x-www-form-urlencoded',
    );
    const form: Record<string, string> =
      method === 'POST' && isForm
        ? Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
        : {};
    const authUser = authenticate(request);
    requests.push({
      method,
      path: url.pathname,
      query,
      ...(method === 'POST' ? { form } : {}),
      authUser,
      at: Date.now(),
    });

    const at = faults.findIndex((f) => f.method === undefined || f.method === method);
    const fault = at < 0 ? undefined : faults.splice(at, 1)[0];
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'fail') {
      const { status, code, message, retryAfterSeconds } = fault.failure;
      const headers: Record<string, string> =
        retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
      answerError(response, new TwilioError(status, code, message), headers);
      return;
    }

    let result: { status: number; body: unknown } | TwilioError;
    if (authUser === null) {
      result = new TwilioError(401, 20003, 'Authenticate');
    } else {
      try {
        result = route(method, url.pathname, query, form);
      } catch (error) {
        if (!(error instanceof TwilioError)) throw error;
        result = error;
      }
    }
    if (fault?.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (result instanceof TwilioError) {
      const headers =
        result.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Twilio API"' } : {};
      answerError(response, result, headers);
    } else {
      answer(response, result.status, result.body);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('fake-twilio:', error);
      if (!response.headersSent)
        answer(response, 500, { code: 20500, message: 'Internal Server Error', status: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  function step(message: FakeTwilioMessage, status: FakeMessageStatus, errorCode?: number): void {
    const at = rfc2822(now());
    if (message.from === null) {
      // The Messaging Service picks a sender once it sends.
      message.from = [...numbers][0] ?? '+15005550006';
      message.num_segments = String(new SegmentedMessage(message.body, 'auto').segmentsCount);
    }
    if (status !== 'failed' && message.date_sent === null) message.date_sent = at;
    if (status === 'sent' || status === 'delivered') {
      message.price = (-0.0079 * Number(message.num_segments)).toFixed(5);
    }
    if (status === 'undelivered' || status === 'failed') {
      const code = errorCode ?? (status === 'undelivered' ? 30003 : 30008);
      message.error_code = code;
      message.error_message = DELIVERY_ERRORS[code] ?? null;
    }
    message.status = status;
    message.date_updated = at;
  }

  return {
    url: origin,
    origin,
    port,
    messages,
    requests,
    failNext(count, failure, method) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'fail', failure, method });
    },
    dropNext(count, method) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'drop', method });
    },
    hangNext(count, method) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'hang', method });
    },
    unsubscribe(number) {
      unsubscribed.add(number);
    },
    advance(messageSid, status, errorCode) {
      const targets =
        messageSid === undefined
          ? messages.filter((m) => m.direction !== 'inbound' && !FINAL.has(m.status))
          : messages.filter((m) => m.sid === messageSid);
      if (messageSid !== undefined && targets[0]?.direction !== 'outbound-api') {
        throw new Error(`fake-twilio: no outbound message ${messageSid}`);
      }
      for (const message of targets) {
        const next =
          status ??
          (message.status === 'queued' || message.status === 'accepted' ? 'sent' : 'delivered');
        step(message, next, errorCode);
      }
      return targets;
    },
    receive({ from, to, body, at }) {
      const when = at ?? now();
      return store({
        ...newMessage({ to, from, body, direction: 'inbound', status: 'received' }, when),
        date_sent: rfc2822(when),
      });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
