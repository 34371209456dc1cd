// The clients list's search: the words a client can be found by, stored on the client and indexed,
// and the query that finds them by prefix so the database answers from an index range.
//
// A typed word matches a client when some searchable field (name, email, phone, address, city, ZIP)
// has it at the start of a word — case and accents aside — or, for a phone number, anywhere in its
// digits. That is the "contains" search it replaces except in the middle of a word: "arci" no longer
// finds Garcia, "garc" does. Several typed words must each match (in any fields), where the old
// search wanted the whole text inside one field. Punctuation typed is kept ("tara." is the start of
// an email, "@inbox" of its domain); a word of digits and phone punctuation ("205-555", "(205) 555")
// is looked up by its digits.
import type { AnyBulkWriteOperation, Db, Filter } from 'mongodb';

/** The fields a client's search terms are made of. */
export const CLIENT_SEARCH_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'address',
  'city',
  'zip_code',
] as const;

type SearchSource = Partial<Record<(typeof CLIENT_SEARCH_FIELDS)[number], unknown>>;

/**
 * Terms are cut to this length (index keys stay small); a longer typed word is matched on its first
 * TERM_LENGTH characters, which can only find more, never fewer.
 */
export const TERM_LENGTH = 40;
/** More typed words than this add little but query cost. */
const MAX_WORDS = 8;

const WORD_CHAR = /[\p{L}\p{N}]/u;
const PHONE_LIKE = /^[\d().+-]*\d[\d().+-]*$/;

/** Lower case without accents: what both the stored terms and the typed words are compared as. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Every place a word or a punctuation mark starts, up to the next space: "tara.lopez12@inbox.example"
 * gives "tara.lopez12@inbox.example", ".lopez12@inbox.example", "lopez12@inbox.example",
 * "@inbox.example", … ".example", "example".
 */
function wordStarts(text: string, into: Set<string>): void {
  const folded = foldText(text);
  for (let i = 0; i < folded.length; i++) {
    const ch = folded[i] as string;
    if (/\s/.test(ch)) continue;
    const prev = i > 0 ? (folded[i - 1] as string) : ' ';
    const starts = !WORD_CHAR.test(ch) || !WORD_CHAR.test(prev);
    if (!starts) continue;
    const end = folded.slice(i).search(/\s/);
    into.add(folded.slice(i, end < 0 ? undefined : i + end).slice(0, TERM_LENGTH));
  }
}

/** The stored `search_terms` of a client: word starts of every searchable field, phone digit runs. */
export function clientSearchTerms(client: SearchSource): string[] {
  const terms = new Set<string>();
  for (const field of CLIENT_SEARCH_FIELDS) {
    const value = client[field];
    // A typed phone number is looked up by its digits alone (searchWords), so the phone gives those.
    if (field !== 'phone' && typeof value === 'string') wordStarts(value, terms);
  }
  if (typeof client.phone === 'string') {
    const digits = client.phone.replace(/\D/g, '');
    for (let i = 0; i < digits.length; i++) terms.add(digits.slice(i, i + TERM_LENGTH));
  }
  if (typeof client.zip_code === 'string') terms.add(client.zip_code.replace(/\D/g, ''));
  terms.delete('');
  return [...terms].sort();
}

/** A client document with its search terms set from its fields (the clients' write normalizer). */
export function withSearchTerms<T extends SearchSource>(client: T): T & { search_terms: string[] } {
  return { ...client, search_terms: clientSearchTerms(client) };
}

/** The typed text as the prefixes to look up: folded words, phone-like ones reduced to digits. */
export function searchWords(search: string): string[] {
  const words = foldText(search)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => (PHONE_LIKE.test(w) ? w.replace(/\D/g, '') : w).slice(0, TERM_LENGTH));
  return [...new Set(words)].slice(0, MAX_WORDS);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One clause per typed word, all to be AND-ed: an anchored, case-sensitive prefix regex on the
 * indexed terms, which MongoDB (and the embedded server) turns into an index range.
 */
export function clientSearchClauses(search: string): Filter<{ search_terms?: string[] }>[] {
  return searchWords(search).map((word) => ({
    search_terms: { $regex: `^${escapeRegex(word)}` },
  }));
}

/** Whether a client's terms match the typed text: the rule the query applies, for checks and tests. */
export function termsMatch(terms: readonly string[], search: string): boolean {
  return searchWords(search).every((word) => terms.some((t) => t.startsWith(word)));
}

/** The index a client search is answered from: one business's terms, in order. */
export const CLIENT_SEARCH_INDEX = {
  key: { business_id: 1, search_terms: 1 },
  name: 'client_search_terms',
} as const;

/**
 * The same for the live clients alone (what the list shows unless "Show deleted" is on): every
 * condition of a search is a bound of this index, so a count of the matches reads its entries only.
 */
export const CLIENT_LIVE_SEARCH_INDEX = {
  key: { business_id: 1, deleted_at: 1, search_terms: 1 },
  name: 'client_live_search_terms',
} as const;

/** Sets `search_terms` on every client that lacks it or has it out of date, in batches. */
export async function backfillClientSearchTerms(db: Db, batchSize = 500): Promise<number> {
  const clients = db.collection('clients');
  const projection: Record<string, 1> = { _id: 1, search_terms: 1 };
  for (const f of CLIENT_SEARCH_FIELDS) projection[f] = 1;
  let batch: AnyBulkWriteOperation[] = [];
  let updated = 0;
  for await (const doc of clients.find({}, { projection })) {
    const terms = clientSearchTerms(doc as SearchSource);
    const current = doc.search_terms as unknown;
    if (Array.isArray(current) && current.join('\n') === terms.join('\n')) continue;
    batch.push({
      updateOne: { filter: { _id: doc._id }, update: { $set: { search_terms: terms } } },
    });
    if (batch.length >= batchSize) {
      updated += (await clients.bulkWrite(batch, { ordered: false })).modifiedCount;
      batch = [];
    }
  }
  if (batch.length) updated += (await clients.bulkWrite(batch, { ordered: false })).modifiedCount;
  return updated;
}
