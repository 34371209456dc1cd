// The records benchmark's client book: 10,000 obviously fake clients of one business, written
// straight into the database in the collection's exact shape (every document is parsed by the
// client schema first, as the core's output validation would).
import type { Db } from 'mongodb';
import { withSearchTerms } from '../../electron/core/services/records/search-terms';
import { clientSchema, newId, type Client } from '../../shared/schemas';

export const CLIENT_COUNT = 10_000;

/** Obviously fake names, shared by the benches that seed people. */
export const FIRST_NAMES = [
  'Ava', 'Ben', 'Carla', 'Dev', 'Elena', 'Femi', 'Grace', 'Hugo', 'Iris', 'Jamal', 'Kira', 'Luis',
  'Maya', 'Nate', 'Olga', 'Pedro', 'Quinn', 'Rosa', 'Sam', 'Tara', 'Uma', 'Victor', 'Wendy',
  'Xavier', 'Yara', 'Zane', 'Abel', 'Bianca', 'Caleb', 'Dana', 'Eli', 'Fiona', 'Gus', 'Hana',
  'Ivan', 'Joy', 'Kofi', 'Lena', 'Milo', 'Nia',
]; // prettier-ignore
export const LAST_NAMES = [
  'Abbott', 'Baker', 'Castillo', 'Dunn', 'Ellis', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jensen',
  'Kowalski', 'Lopez', 'Morgan', 'Nguyen', 'Okafor', 'Patel', 'Quintero', 'Reyes', 'Schmidt',
  'Turner', 'Underwood', 'Vargas', 'Walsh', 'Xu', 'Young', 'Zimmer', 'Alvarez', 'Brooks', 'Chen',
  'Diaz', 'Evans', 'Foster', 'Gomez', 'Hayes', 'Iverson', 'Jordan', 'Kim', 'Larsen', 'Moreno',
  'Novak', 'Ortiz', 'Price', 'Ramos', 'Silva', 'Tran', 'Vance', 'Ward', 'Yates', 'Zamora',
  'Bishop', 'Carver', 'Dalton', 'Everett', 'Fleming', 'Griffin', 'Holloway', 'Ingram', 'Keller',
  'Lindqvist', 'Mercer',
]; // prettier-ignore
const STREETS = [
  'Oak St', 'Highland Ave', 'Magnolia Dr', 'Cahaba Rd', 'Linden Ave', 'Pine Ct', 'Cedar Ln',
  'Shades Crest Rd', 'Valley Ave', 'Hollow Tree Ln', 'Riverchase Pkwy', 'Lakeshore Dr',
]; // prettier-ignore
const CITIES = [
  { city: 'Birmingham', zip: '35209' },
  { city: 'Hoover', zip: '35244' },
  { city: 'Homewood', zip: '35209' },
  { city: 'Vestavia Hills', zip: '35216' },
  { city: 'Mountain Brook', zip: '35213' },
  { city: 'Bessemer', zip: '35020' },
  { city: 'Trussville', zip: '35173' },
];
const MAIL_DOMAINS = ['example.test', 'mail.example', 'inbox.example'];

const pick = <T>(list: readonly T[], n: number): T => {
  const value = list[n % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
};

/** Client number `n` (0-based): every field a plain function of n, so runs are comparable. */
export function benchClient(business_id: string, owner_id: string, n: number, now: Date): Client {
  const first = pick(FIRST_NAMES, n);
  // 7 and 13 are coprime with the list lengths, so names, streets and cities mix.
  const last = pick(LAST_NAMES, Math.floor(n / FIRST_NAMES.length) * 7 + n);
  const place = pick(CITIES, n * 13);
  return clientSchema.parse(
    withSearchTerms({
      created_at: now,
      updated_at: now,
      audit_log: [{ action: 'created', user_id: owner_id, timestamp: now }],
      client_id: newId('cli'),
      business_id,
      first_name: first,
      last_name: last,
      // One in ten has no email (the phone is enough).
      email:
        n % 10 === 9
          ? null
          : `${first}.${last}${n}@${pick(MAIL_DOMAINS, Math.floor(n / 3))}`.toLowerCase(),
      // 555 numbers over ten area codes: 10,000 distinct, none real.
      phone: `+1-${200 + (n % 10)}-555-${String(n).padStart(4, '0')}`,
      address: `${100 + ((n * 37) % 9800)} ${pick(STREETS, n * 5)}`,
      city: place.city,
      state: 'AL',
      zip_code: place.zip,
      job_count: n % 23,
      total_spent: (n % 23) * 55,
      is_active: n % 17 !== 0,
    }),
  );
}

/** Adds CLIENT_COUNT clients to the database's one business, in bulk. */
export async function seedClients(db: Db): Promise<Client[]> {
  const business = await db.collection('businesses').findOne({});
  if (!business) throw new Error('no business: create the owner first');
  const business_id = String(business.business_id);
  const owner_id = String(business.owner_id);
  const now = new Date();
  const clients = Array.from({ length: CLIENT_COUNT }, (_, n) =>
    benchClient(business_id, owner_id, n, now),
  );
  for (let i = 0; i < clients.length; i += 1000) {
    await db.collection('clients').insertMany(clients.slice(i, i + 1000), { ordered: false });
  }
  await db
    .collection('businesses')
    .updateOne({ business_id }, { $set: { client_count: CLIENT_COUNT } });
  return clients;
}
