// Texts through Twilio's Messages API with the official `twilio` library; every failure becomes an
// SmsError whose kind tells the caller what it may safely do next (retry, check, or give up).
import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message';

export interface TwilioCredentials {
  accountSid: string;
  apiKeySid: string | null;
  /** The auth token, or the API key's secret when `apiKeySid` is set. */
  secret: string;
}

/** Exactly one is set. */
export interface SmsSender {
  messagingServiceSid: string | null;
  from: string | null;
}

export interface ProviderMessage {
  sid: string;
  /** Twilio's status: queued, accepted, sending, sent, delivered, undelivered, failed, received… */
  status: string;
  to: string;
  /** Null while a Messaging Service has not picked the sender yet. */
  from: string | null;
  body: string;
  /** 'outbound-api' for what we send, 'inbound' for replies. */
  direction: string;
  dateCreated: Date | null;
  /** When Twilio sent it (or, inbound, received it); null while still queued. */
  dateSent: Date | null;
  errorCode: number | null;
  errorMessage: string | null;
  /** Null while unknown (through a Messaging Service Twilio says 0 until it picks the sender). */
  segments: number | null;
}

export type SmsErrorKind =
  /** 401 / 20003: the credentials were refused. */
  | 'unauthorized'
  /** 429 (20429, 14107): retry after `retryAfterMs` (or a backoff of the caller's choosing). */
  | 'rate_limited'
  /** Nothing reached Twilio (connection refused, DNS): safe to retry. */
  | 'unavailable'
  /**
   * The request may have reached Twilio (timeout after sending, connection dropped without an
   * answer, 5xx): before sending again the caller must look for the message in the list.
   */
  | 'uncertain'
  /** Final for this message or recipient: invalid or unsubscribed number, unreachable, … */
  | 'rejected'
  /** Our setup is wrong: the From number, the Messaging Service, the account. */
  | 'configuration'
  /** Any other 4xx. */
  | 'bad_request';

export class SmsError extends Error {
  override readonly name = 'SmsError';
  readonly kind: SmsErrorKind;
  /** Twilio's error code (21211, 20003…), null for transport failures. */
  readonly code: number | null;
  /** The HTTP status, null when there was no answer. */
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(
    kind: SmsErrorKind,
    message: string,
    details: { code?: number | null; status?: number | null; retryAfterMs?: number | null } = {},
  ) {
    // No `cause`: the library's errors carry the request, and with it the Authorization header.
    super(message);
    this.kind = kind;
    this.code = details.code ?? null;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

export interface SmsGateway {
  send(input: { to: string; body: string; sender: SmsSender }): Promise<ProviderMessage>;
  fetch(sid: string): Promise<ProviderMessage>;
  /**
   * Messages (both directions) filtered like Twilio's list: to/from exact E.164, sent on/after
   * `sentAfter`, newest first, up to `limit` (default 200).
   *
   * `sentAfter` filters on the date Twilio SENT a message, which a message still in Twilio's queue
   * does not have yet: to find out whether an uncertain send reached Twilio, list by `to` (and
   * `from`) without `sentAfter` and compare `dateCreated`.
   */
  list(filter: {
    to?: string;
    from?: string;
    sentAfter?: Date;
    limit?: number;
  }): Promise<ProviderMessage[]>;
}

export interface TwilioGatewayOptions {
  /** Another server for every request (a local stand-in in tests); default api.twilio.com. */
  baseUrl?: string;
  /** How long one HTTP request may take, answer included (default 15 s). */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_LIST_LIMIT = 200;
const MAX_PAGE_SIZE = 1000;

/** What Twilio's codes mean to a dispatcher; `subject` names the number or sender concerned. */
interface CodeMeaning {
  kind: SmsErrorKind;
  says: (subject: Subject) => string;
}

interface Subject {
  to?: string;
  from?: string | null;
  messagingServiceSid?: string | null;
}

const theNumber = (s: Subject) => (s.to ? `the number ${s.to}` : 'the number');
const theSender = (s: Subject) =>
  s.from ? `the From number ${s.from}` : s.messagingServiceSid ? 'the sender' : 'the From number';
const theService = (s: Subject) =>
  s.messagingServiceSid
    ? `the Messaging Service ${s.messagingServiceSid}`
    : 'the Messaging Service';

const CODES: Record<number, CodeMeaning> = {
  20003: {
    kind: 'unauthorized',
    says: () =>
      'Twilio refused the account credentials: check the Account SID and the auth token or API key secret in Settings',
  },
  20005: {
    kind: 'configuration',
    says: () => 'The Twilio account is not active (suspended or closed)',
  },
  20429: { kind: 'rate_limited', says: () => 'Twilio is receiving too many requests from us' },
  14107: { kind: 'rate_limited', says: () => 'Twilio is limiting how fast we send texts' },
  21611: { kind: 'rate_limited', says: () => "Twilio's queue for our sender is full" },
  21211: {
    kind: 'rejected',
    says: (s) => `Twilio refused ${theNumber(s)}: it is not a valid phone number`,
  },
  21217: {
    kind: 'rejected',
    says: (s) => `Twilio refused ${theNumber(s)}: it does not look like a valid phone number`,
  },
  21401: {
    kind: 'rejected',
    says: (s) => `Twilio refused ${theNumber(s)}: it is not a valid phone number`,
  },
  21407: {
    kind: 'rejected',
    says: (s) => `Twilio cannot text ${theNumber(s)}: texting is not supported there`,
  },
  21408: {
    kind: 'rejected',
    says: (s) =>
      `Twilio cannot text ${theNumber(s)}: texting to its country or region is not enabled on the account`,
  },
  21610: {
    kind: 'rejected',
    says: (s) =>
      `${s.to ?? 'The client'} has unsubscribed from texts (replied STOP): Twilio will not text them until they reply START`,
  },
  21612: {
    kind: 'rejected',
    says: (s) => `Twilio cannot reach ${theNumber(s)} by text from our sender`,
  },
  21614: {
    kind: 'rejected',
    says: (s) => `Twilio cannot text ${theNumber(s)}: it is not a mobile number`,
  },
  21635: {
    kind: 'rejected',
    says: (s) => `Twilio cannot text ${theNumber(s)}: it is a landline`,
  },
  30003: {
    kind: 'rejected',
    says: (s) => `The text could not be delivered to ${theNumber(s)}: the phone is unreachable`,
  },
  30004: {
    kind: 'rejected',
    says: (s) => `The text to ${theNumber(s)} was blocked (by the recipient or their carrier)`,
  },
  30005: {
    kind: 'rejected',
    says: (s) => `The text could not be delivered: ${theNumber(s)} is unknown or no longer in use`,
  },
  30006: {
    kind: 'rejected',
    says: (s) =>
      `The text could not be delivered: ${theNumber(s)} is a landline or its carrier is unreachable`,
  },
  30007: {
    kind: 'rejected',
    says: (s) => `The carrier filtered the text to ${theNumber(s)} as unwanted`,
  },
  30008: {
    kind: 'rejected',
    says: (s) => `The text to ${theNumber(s)} could not be delivered (unknown carrier error)`,
  },
  21602: { kind: 'bad_request', says: () => 'The text is empty' },
  21604: { kind: 'bad_request', says: () => 'There is no phone number to text' },
  21617: {
    kind: 'bad_request',
    says: () => 'The text is too long: Twilio takes at most 1,600 characters',
  },
  21603: {
    kind: 'configuration',
    says: () => 'No sender is set: choose a Messaging Service or a From number in Settings',
  },
  21212: {
    kind: 'configuration',
    says: (s) => `Twilio refused ${theSender(s)}: it is not a valid phone number`,
  },
  21606: {
    kind: 'configuration',
    says: (s) =>
      `Twilio refused ${theSender(s)}: it is not a number on this Twilio account that can send texts`,
  },
  21608: {
    kind: 'configuration',
    says: () => 'The Twilio account is a trial account: it can only text numbers verified on it',
  },
  21659: {
    kind: 'configuration',
    says: (s) => `Twilio refused ${theSender(s)}: it is not a Twilio number of this account`,
  },
  21660: {
    kind: 'configuration',
    says: (s) => `Twilio refused ${theSender(s)}: it belongs to another Twilio account`,
  },
  21701: {
    kind: 'configuration',
    says: (s) => `Twilio does not know ${theService(s)} on this account`,
  },
  21702: {
    kind: 'configuration',
    says: (s) => `${capitalize(theService(s))} is no longer available`,
  },
  21703: {
    kind: 'configuration',
    says: (s) => `${capitalize(theService(s))} cannot send texts`,
  },
  21704: {
    kind: 'configuration',
    says: (s) => `${capitalize(theService(s))} has no phone numbers to send from`,
  },
  21705: {
    kind: 'configuration',
    says: (s) => `Twilio refused ${theService(s)}: it is not a valid Messaging Service SID`,
  },
  30002: { kind: 'configuration', says: () => 'The Twilio account is suspended' },
  30034: {
    kind: 'configuration',
    says: () =>
      'Twilio blocked the text: the sending number is not registered for business texting (A2P 10DLC)',
  },
};

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a Twilio error code means for one message, in words, or null for a code we do not know.
 * Also reads a message's `errorCode` after it ended 'undelivered' or 'failed'.
 */
export function describeTwilioCode(
  code: number,
  subject: { to?: string; from?: string | null; messagingServiceSid?: string | null } = {},
): { kind: SmsErrorKind; message: string } | null {
  const meaning = CODES[code];
  return meaning ? { kind: meaning.kind, message: `${meaning.says(subject)} (${code})` } : null;
}

/** Transport error codes meaning the request never left this machine. */
const NOTHING_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const TRANSPORT_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its address could not be looked up',
  EAI_AGAIN: 'its address could not be looked up',
  EHOSTUNREACH: 'the network cannot reach it',
  ENETUNREACH: 'the network is down',
  ENETDOWN: 'the network is down',
  ECONNRESET: 'the connection dropped before Twilio answered',
  EPIPE: 'the connection dropped before Twilio answered',
};

type Operation =
  | { name: 'send'; to: string; sender: SmsSender }
  | { name: 'fetch'; sid: string }
  | { name: 'list' };

/** The response headers of the latest HTTP exchange of one gateway call (for Retry-After). */
interface Exchange {
  headers: Record<string, unknown> | null;
}

// One HTTP client serves all calls (one connection pool); each call finds its own exchange here,
// because a RestException keeps the status and body but not the headers.
const exchanges = new AsyncLocalStorage<Exchange>();

/** The library's HTTP client, sending every request to `origin` instead of *.twilio.com. */
class GatewayHttpClient extends twilio.RequestClient {
  readonly #origin: string | null;

  constructor(origin: string | null, timeoutMs: number) {
    super({ timeout: timeoutMs });
    this.#origin = origin;
  }

  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<Response<TData>> {
    const uri = this.#origin === null ? opts.uri : rebase(opts.uri, this.#origin);
    const response = await super.request({ ...opts, uri });
    const exchange = exchanges.getStore();
    if (exchange) exchange.headers = response.headers as Record<string, unknown>;
    return response;
  }
}

function originOf(baseUrl: string): string {
  if (!URL.canParse(baseUrl)) {
    throw new SmsError('configuration', `The Twilio address "${baseUrl}" is not a valid URL`);
  }
  return new URL(baseUrl).origin;
}

function rebase(uri: string, origin: string): string {
  const url = new URL(uri);
  return `${origin}${url.pathname}${url.search}`;
}

export function createTwilioGateway(
  credentials: TwilioCredentials,
  options: TwilioGatewayOptions = {},
): SmsGateway {
  const { accountSid, apiKeySid, secret } = credentials;
  if (!accountSid.startsWith('AC')) {
    throw new SmsError('configuration', 'The Twilio Account SID must start with AC');
  }
  if (apiKeySid !== null && !apiKeySid.startsWith('SK')) {
    throw new SmsError('configuration', 'The Twilio API key SID must start with SK');
  }
  if (!secret) {
    throw new SmsError(
      'configuration',
      apiKeySid ? 'The Twilio API key secret is missing' : 'The Twilio auth token is missing',
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const origin = options.baseUrl === undefined ? null : originOf(options.baseUrl);
  const client = twilio(apiKeySid ?? accountSid, secret, {
    accountSid,
    httpClient: new GatewayHttpClient(origin, timeoutMs),
  });

  async function call<T>(operation: Operation, work: () => Promise<T>): Promise<T> {
    const exchange: Exchange = { headers: null };
    try {
      return await exchanges.run(exchange, work);
    } catch (error) {
      throw toSmsError(error, operation, exchange, { secret, timeoutMs, accountSid });
    }
  }

  return {
    async send({ to, body, sender }) {
      const { messagingServiceSid, from } = sender;
      if ((messagingServiceSid === null) === (from === null)) {
        throw new SmsError(
          'configuration',
          'Texts need one sender: either a Messaging Service or a From number, set in Settings',
        );
      }
      const message = await call({ name: 'send', to, sender }, () =>
        client.messages.create(
          messagingServiceSid !== null
            ? { to, body, messagingServiceSid }
            : { to, body, from: from ?? undefined },
        ),
      );
      return toProviderMessage(message);
    },

    async fetch(sid) {
      if (!/^(SM|MM)[0-9a-fA-F]{32}$/.test(sid)) {
        throw new SmsError('bad_request', `"${sid}" is not a Twilio message id (SM…)`);
      }
      return toProviderMessage(
        await call({ name: 'fetch', sid }, () => client.messages(sid).fetch()),
      );
    },

    async list({ to, from, sentAfter, limit = DEFAULT_LIST_LIMIT }) {
      if (!Number.isInteger(limit) || limit <= 0) {
        throw new SmsError(
          'bad_request',
          'The number of messages to list must be a positive whole number',
        );
      }
      // Twilio documents the DateSent filter as a whole GMT date and stamps dates to the second, so
      // it answers with at least everything wanted; the exact cut is made here, to the second.
      const since = sentAfter === undefined ? null : Math.floor(sentAfter.getTime() / 1000) * 1000;
      const found: ProviderMessage[] = [];
      await call(
        { name: 'list' },
        () =>
          new Promise<void>((resolve, reject) => {
            client.messages.each({
              to,
              from,
              dateSentAfter: since === null ? undefined : new Date(since),
              pageSize: Math.min(limit, MAX_PAGE_SIZE),
              callback: (instance, done) => {
                const message = toProviderMessage(instance);
                if (since === null || (message.dateSent?.getTime() ?? -Infinity) >= since) {
                  found.push(message);
                }
                if (found.length >= limit) done();
              },
              done: (error?: unknown) => (error === undefined ? resolve() : reject(error)),
            });
          }),
      );
      return found.sort((a, b) => timeOf(b) - timeOf(a));
    },
  };
}

/** When a message happened, for newest-first order: sent, else created. */
function timeOf(message: ProviderMessage): number {
  return (message.dateSent ?? message.dateCreated)?.getTime() ?? 0;
}

function toDate(value: unknown): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}

function toProviderMessage(message: MessageInstance): ProviderMessage {
  const segments = Number.parseInt(String(message.numSegments ?? ''), 10);
  return {
    sid: message.sid,
    status: message.status,
    to: message.to,
    from: message.from || null,
    body: message.body ?? '',
    direction: message.direction,
    dateCreated: toDate(message.dateCreated),
    dateSent: toDate(message.dateSent),
    errorCode: typeof message.errorCode === 'number' ? message.errorCode : null,
    errorMessage: message.errorMessage || null,
    segments: Number.isInteger(segments) && segments > 0 ? segments : null,
  };
}

interface ErrorContext {
  secret: string;
  timeoutMs: number;
  accountSid: string;
}

function toSmsError(
  error: unknown,
  operation: Operation,
  exchange: Exchange,
  context: ErrorContext,
): SmsError {
  if (error instanceof SmsError) return error;
  const redact = (text: string) => text.split(context.secret).join('[hidden]');
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<
    string,
    unknown
  >;

  // An answer from Twilio: the library's RestException (or its RFC 9457 sibling) has a status.
  // Axios errors never do: the library accepts every status and raises only on the way back.
  if (typeof fields.status === 'number' && fields.isAxiosError !== true) {
    const status = fields.status;
    const code = typeof fields.code === 'number' ? fields.code : null;
    const retryAfterMs =
      status === 429 || code === 20429 || code === 14107
        ? parseRetryAfter(exchange.headers?.['retry-after'])
        : null;
    const subject: Subject =
      operation.name === 'send'
        ? {
            to: operation.to,
            from: operation.sender.from,
            messagingServiceSid: operation.sender.messagingServiceSid,
          }
        : {};
    const suffix = code === null ? ` (HTTP ${status})` : ` (${code})`;
    const twilioSays = redact(String(fields.message ?? fields.detail ?? '')).trim();

    const meaning = code === null ? undefined : CODES[code];
    if (meaning) {
      const wait = meaning.kind === 'rate_limited' ? waitWords(retryAfterMs) : '';
      return new SmsError(meaning.kind, `${meaning.says(subject)}${wait}${suffix}`, {
        code,
        status,
        retryAfterMs,
      });
    }
    if (status === 401) {
      return new SmsError(
        'unauthorized',
        `Twilio refused the account credentials: check the Account SID and the auth token or API key secret in Settings${suffix}`,
        { code, status },
      );
    }
    if (status === 403) {
      return new SmsError(
        'unauthorized',
        `Twilio refused: these credentials may not send or read texts (a restricted API key?)${suffix}`,
        { code, status },
      );
    }
    if (status === 429) {
      return new SmsError(
        'rate_limited',
        `Twilio is receiving too many requests from us${waitWords(retryAfterMs)}${suffix}`,
        { code, status, retryAfterMs },
      );
    }
    if (status === 404 && operation.name === 'fetch') {
      const what = `Twilio has no message ${operation.sid} on this account${suffix}`;
      return new SmsError('bad_request', what, { code, status });
    }
    if (status === 404) {
      const what = `Twilio does not know the account ${context.accountSid}: check the Account SID in Settings${suffix}`;
      return new SmsError('configuration', what, { code, status });
    }
    if (status >= 500) {
      const what =
        operation.name === 'send'
          ? 'Twilio had a problem and did not confirm the text: it may or may not have been sent'
          : 'Twilio had a problem answering';
      return new SmsError('uncertain', `${what}${suffix}`, { code, status });
    }
    return new SmsError(
      'bad_request',
      `Twilio refused the request${twilioSays ? `: ${twilioSays.replace(/\.$/, '')}` : ''}${suffix}`,
      { code, status },
    );
  }

  const transport = transportCode(error);
  const reason = transport === null ? null : TRANSPORT_WORDS[transport];
  if (transport !== null && NOTHING_SENT.has(transport)) {
    const why = reason ?? `a secure connection could not be made (${transport})`;
    const what = operation.name === 'send' ? ': the text was not sent' : '';
    return new SmsError('unavailable', `Could not reach Twilio (${why})${what}`);
  }
  const timedOut =
    transport === 'ECONNABORTED' ||
    transport === 'ETIMEDOUT' ||
    /timeout/i.test(String(fields.message));
  const why = timedOut
    ? `no answer within ${formatSeconds(context.timeoutMs)}`
    : (reason ??
      (transport
        ? `the connection failed (${transport})`
        : redact(String(fields.message ?? error))));
  return new SmsError(
    'uncertain',
    operation.name === 'send'
      ? `Twilio did not confirm the text (${why}): it may or may not have been sent`
      : `Twilio did not answer (${why})`,
  );
}

/** The first Node/axios error code on the error, its cause, or the attempts of an AggregateError. */
function transportCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const { code, cause, errors, message } = next as Record<string, unknown>;
    if (typeof code === 'string' && code !== 'ERR_BAD_REQUEST' && code !== 'ERR_NETWORK')
      return code;
    if (typeof message === 'string' && /socket hang up/i.test(message)) return 'ECONNRESET';
    queue.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}

/** Milliseconds a Retry-After header asks for: seconds ("30") or an HTTP date; null otherwise. */
function parseRetryAfter(value: unknown): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.toString().trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

function waitWords(retryAfterMs: number | null): string {
  return retryAfterMs === null ? '' : `: it asks us to wait ${formatSeconds(retryAfterMs)}`;
}
