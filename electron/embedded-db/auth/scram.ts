// SCRAM-SHA-256 server side (RFC 7677) and the per-data-folder generated credentials.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Binary, type Document } from 'bson';

const ITERATIONS = 15000;

/** Carries MongoDB's error code; the command layer turns any error with a numeric code into a reply. */
export class AuthError extends Error {
  constructor(
    readonly code: number,
    message = 'Authentication failed.',
  ) {
    super(message);
  }
}

export interface Credentials {
  username: string;
  password: string;
}

interface StoredKey {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
}

/**
 * Reads the folder's credentials or creates random ones (mode 0600). Passwords are generated from
 * [A-Za-z0-9], which SASLprep leaves unchanged, so no SASLprep implementation is needed.
 */
export function loadOrCreateCredentials(dbPath: string): Credentials {
  const file = join(dbPath, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const alnum = (n: number): string =>
    randomBytes(n * 2)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, n);
  const creds = { username: `servicepro_${alnum(8)}`, password: alnum(32) };
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600, flag: 'wx' });
  return creds;
}

const hmac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

function deriveKeys(password: string): StoredKey {
  const salt = randomBytes(28);
  const salted = pbkdf2Sync(password, salt, ITERATIONS, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return {
    salt,
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: hmac(salted, 'Server Key'),
  };
}

const parse = (s: string): Record<string, string> =>
  Object.fromEntries(
    s.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );

const payloadText = (p: unknown): string => {
  if (p instanceof Binary) return Buffer.from(p.buffer).toString('utf8');
  if (p instanceof Uint8Array) return Buffer.from(p).toString('utf8');
  if (typeof p === 'string') return p;
  throw new AuthError(18);
};

interface Conversation {
  id: number;
  clientFirstBare: string;
  serverFirst: string;
  nonce: string;
}

/** Verifies SCRAM-SHA-256 conversations against one user. */
export class ScramServer {
  private readonly keys: StoredKey;
  private nextId = 1;

  constructor(private readonly creds: Credentials) {
    this.keys = deriveKeys(creds.password);
  }

  start(cmd: Document): { conversation: Conversation; reply: Document } {
    if (cmd.mechanism !== 'SCRAM-SHA-256') {
      throw new AuthError(
        2,
        `Received authentication for mechanism ${String(cmd.mechanism)} which is not enabled`,
      );
    }
    const first = payloadText(cmd.payload);
    if (!first.startsWith('n,')) throw new AuthError(18);
    const bare = first.slice(first.indexOf(',', 2) + 1);
    const attrs = parse(bare);
    const user = (attrs.n ?? '').replace(/=2C/g, ',').replace(/=3D/g, '=');
    if (user !== this.creds.username || !attrs.r) throw new AuthError(18);
    const nonce = attrs.r + randomBytes(24).toString('base64');
    const serverFirst = `r=${nonce},s=${this.keys.salt.toString('base64')},i=${ITERATIONS}`;
    const conversation = { id: this.nextId++, clientFirstBare: bare, serverFirst, nonce };
    return {
      conversation,
      reply: {
        conversationId: conversation.id,
        done: false,
        payload: new Binary(Buffer.from(serverFirst)),
        ok: 1,
      },
    };
  }

  finish(conv: Conversation, cmd: Document): Document {
    const final = payloadText(cmd.payload);
    const attrs = parse(final);
    const withoutProof = final.slice(0, final.lastIndexOf(',p='));
    if (attrs.r !== conv.nonce || !attrs.p) throw new AuthError(18);
    const authMessage = `${conv.clientFirstBare},${conv.serverFirst},${withoutProof}`;
    const signature = hmac(this.keys.storedKey, authMessage);
    const proof = Buffer.from(attrs.p, 'base64');
    if (proof.length !== signature.length) throw new AuthError(18);
    const clientKey = Buffer.from(proof.map((b, i) => b ^ (signature[i] as number)));
    const stored = createHash('sha256').update(clientKey).digest();
    if (!timingSafeEqual(stored, this.keys.storedKey)) throw new AuthError(18);
    const serverSig = hmac(this.keys.serverKey, authMessage).toString('base64');
    return {
      conversationId: conv.id,
      done: true,
      payload: new Binary(Buffer.from(`v=${serverSig}`)),
      ok: 1,
    };
  }
}

export type { Conversation };
