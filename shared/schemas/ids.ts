// Prefixed string ids ('apt_…', 'cli_…'): the prefix table, their zod validators and a generator.
import { z } from 'zod';

/** The id prefix of each collection's documents, as the seed uses them. */
export const ID_PREFIXES = {
  users: 'usr',
  businesses: 'bus',
  clients: 'cli',
  services: 'svc',
  staff: 'stf',
  equipment: 'eq',
  appointments: 'apt',
  availability: 'ava',
  weather_cache: 'wch',
  notifications: 'ntf',
  voice_sessions: 'vcs',
  payment_methods: 'pm',
} as const;

/** Prefixes of ids that name something other than a collection's documents. */
export const OTHER_ID_PREFIXES = {
  /** A recurring series of appointments (appointments.series_id). */
  series: 'ser',
  /** A completion photo stored in the database's `photos` GridFS bucket. */
  photos: 'pho',
  /** A weather-plan proposal (the app's `weather_proposals` collection). */
  weather_proposals: 'wpr',
  /** A text a client sent the business (the app's `inbound_messages` collection). */
  inbound_messages: 'inb',
} as const;

export type IdPrefix =
  | (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES]
  | (typeof OTHER_ID_PREFIXES)[keyof typeof OTHER_ID_PREFIXES];

/**
 * The part after the prefix: letters, digits, '_' and '-', 3 to 64 characters. Three, not more,
 * because the seed's own service ids are 'svc_001'; generated ids have 20.
 */
const ID_BODY = '[A-Za-z0-9_-]{3,64}';

export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_${ID_BODY}$`);
}

/** A zod string schema for ids of one collection, e.g. `idOf('apt')` accepts 'apt_abc123'. */
export function idOf(prefix: IdPrefix) {
  const pattern = idPattern(prefix);
  return z.string().regex(pattern, {
    error: `Expected an id starting with '${prefix}_' (e.g. '${prefix}_abc123')`,
  });
}

export function isIdOf(prefix: IdPrefix, value: unknown): value is string {
  return typeof value === 'string' && idPattern(prefix).test(value);
}

/** Fills `bytes` with random values; `crypto.getRandomValues` in browsers and Node 20. */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => void;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_RANDOM_LENGTH = 20;

const cryptoFill: RandomFill = (bytes) => {
  globalThis.crypto.getRandomValues(bytes);
};

/**
 * Makes id generators from a random source: `createIdGenerator()('apt')` → 'apt_' + 20 characters
 * from a 62-character alphabet (≈119 bits). Pass a seeded `fill` for reproducible ids (demo data).
 */
export function createIdGenerator(fill: RandomFill = cryptoFill): (prefix: IdPrefix) => string {
  const buffer = new Uint8Array(64);
  return (prefix) => {
    let body = '';
    while (body.length < ID_RANDOM_LENGTH) {
      fill(buffer);
      for (const byte of buffer) {
        // 248 = 4 × 62: dropping bytes ≥ 248 keeps every character equally likely.
        if (byte < 248) body += ALPHABET[byte % 62];
        if (body.length === ID_RANDOM_LENGTH) break;
      }
    }
    return `${prefix}_${body}`;
  };
}

/** A new random id with the given prefix, from `crypto.getRandomValues`. */
export const newId = createIdGenerator();
