// Counts and checksums of a set of documents that do not depend on the order they are read in.
//
// A document's hash is the SHA-256 of its canonical Extended JSON v2 (every BSON type spelled out:
// {"$numberInt": "60"} differs from {"$numberDouble": "60.0"}, a Date from a string) with the keys of
// every object sorted, so a server that stores `_id` first or reorders fields gives the same hash.
// A set's checksum is the sum of its documents' hashes modulo 2^256: it streams (nothing is held
// but the sum), does not depend on order, and, unlike XOR, a document present twice changes it.
import { createHash } from 'node:crypto';
import { EJSON, type Document } from 'bson';

const MOD = 1n << 256n;

/** Keys sorted at every level; arrays keep their order (it is part of the data). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedKeys(v)]));
  }
  return value;
}

/** The canonical text a document is hashed by. */
export function canonicalText(doc: Document): string {
  return JSON.stringify(sortedKeys(EJSON.serialize(doc, { relaxed: false })));
}

export function documentHash(doc: Document): Buffer {
  return createHash('sha256').update(canonicalText(doc)).digest();
}

/** Count and checksum of documents added one at a time, in any order. */
export class SetChecksum {
  private sum = 0n;
  count = 0;

  add(doc: Document): void {
    this.sum = (this.sum + BigInt(`0x${documentHash(doc).toString('hex')}`)) % MOD;
    this.count += 1;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
