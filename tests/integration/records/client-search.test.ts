// The clients list's search: stored search terms on every write path, the prefix lookup from an
// index, and the migration that fills in clients saved before the terms existed.
import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  backfillClientSearchTerms,
  clientSearchClauses,
  clientSearchTerms,
  termsMatch,
} from '../../../electron/core/services/records/search-terms';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('client-search');
let db: Db;
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
type Doc = Record<string, unknown>;

const list = (search: string, limit = 100) =>
  lawn.value<{ items: Doc[]; total: number }>('clients.list', { search, limit });

beforeAll(async () => {
  db = world.db;
  lawn = await world.signedIn('dispatch@southern-lawn.example');
});

describe('client search', () => {
  it('gives every demo client its search terms', async () => {
    const clients = await db.collection('clients').find({}).toArray();
    expect(clients.length).toBeGreaterThan(0);
    for (const c of clients) expect(c.search_terms).toEqual(clientSearchTerms(c as Doc));
  });

  it('finds exactly the clients whose words start with each typed word, without sending the terms', async () => {
    const business_id = lawn.session?.business_id;
    const mine = await db.collection('clients').find({ business_id, deleted_at: null }).toArray();
    const sample = mine[7] as Doc;
    for (const text of [
      String(sample.last_name).slice(0, 3),
      `${String(sample.first_name)} ${String(sample.last_name).slice(0, 2)}`,
      String(sample.phone).replace(/\D/g, '').slice(-6),
      String(sample.city).toUpperCase(),
      'zzqxv',
    ]) {
      const expected = mine.filter((c) => termsMatch(clientSearchTerms(c as Doc), text));
      const found = await list(text);
      expect(found.total, text).toBe(expected.length);
      expect(found.items.map((c) => c.client_id).sort(), text).toEqual(
        expected.map((c) => c.client_id).sort(),
      );
      for (const item of found.items) expect(item).not.toHaveProperty('search_terms');
    }
  });

  it('keeps the terms in step when a client is created or edited', async () => {
    const created = await lawn.value<Doc>('clients.create', {
      data: {
        first_name: 'Ottoline',
        last_name: 'Quarrington',
        phone: '+1-205-555-0177',
        address: '9 Wisteria Way',
        city: 'Hoover',
        state: 'AL',
        zip_code: '35244',
      },
    });
    expect((await list('quarr')).total).toBe(1);
    const refused = await lawn.call('clients.update', {
      id: created.client_id,
      version: created.version,
      changes: { address: '40 Larkspur Ct', zip_code: 'not a zip' },
    });
    expect(refused.ok).toBe(false);
    expect((await list('larkspur')).total).toBe(0);
    const edited = await lawn.value<Doc>('clients.update', {
      id: created.client_id,
      version: created.version,
      changes: { address: '12 Juniper Row' },
    });
    // The History tab shows the edit, not the derived terms.
    const entry = (edited.audit_log as { changes?: Doc }[]).at(-1);
    expect(Object.keys(entry?.changes ?? {})).toEqual(['address']);
    expect((await list('juniper quarr')).items.map((c) => c.client_id)).toEqual([
      created.client_id,
    ]);
    expect((await list('wisteria quarr')).total).toBe(0);
  });

  it('answers a search from the search-terms index', async () => {
    const filter = {
      $and: [{ $and: clientSearchClauses('garc') }, { business_id: lawn.session?.business_id }],
    };
    const plan = await db.collection('clients').find(filter).explain();
    expect(plan.queryPlanner.winningPlan.inputStage).toMatchObject({
      stage: 'IXSCAN',
      // Either search-terms index serves it (a real MongoDB may pick the live clients' one).
      indexName: expect.stringMatching(/^client_(live_)?search_terms$/),
    });
  });

  it('fills in the terms of clients saved before they existed, and leaves current ones alone', async () => {
    const clients = db.collection('clients');
    const stale = (await clients.find({}, { limit: 5, projection: { _id: 1 } }).toArray()).map(
      (c) => c._id,
    );
    await clients.updateMany({ _id: { $in: stale } }, { $unset: { search_terms: '' } });
    expect(await backfillClientSearchTerms(db)).toBe(5);
    for (const c of await clients.find({ _id: { $in: stale } }).toArray()) {
      expect(c.search_terms).toEqual(clientSearchTerms(c as Doc));
    }
    expect(await backfillClientSearchTerms(db)).toBe(0);
  });
});
