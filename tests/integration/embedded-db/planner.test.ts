// Conformance: the planner's index walks (sort + limit) and prefix-regex bounds give the same
// documents in the same order as a full scan and sort, on random data with nulls, gaps and arrays.
import type { Collection, Document, Filter, Sort } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../support/db';

const { db } = testDb('planner');

/** Documents keyed by a number, so results compare as plain id lists. */
type NumDoc = Document & { _id: number };

/** A small deterministic generator (Park–Miller), so a failure repeats. */
function rng(seed: number) {
  let s = seed;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}

const WORDS = ['ab', 'abc', 'abd', 'b', 'ba', 'bab', 'c', 'a.c', 'a-c', 'A', 'Ab', 'é', 'zz'];

/** One of a field's shapes: missing, null, a scalar, an empty or mixed array. */
function randomDoc(r: ReturnType<typeof rng>, i: number): NumDoc {
  const doc: NumDoc = { _id: i, g: r.pick(['a', 'b', 'c']) };
  const s = r.int(10);
  if (s === 1) doc.s = null;
  else if (s === 2) doc.s = [r.pick(WORDS), r.pick(WORDS)];
  else if (s === 3) doc.s = [];
  else if (s === 4) doc.s = r.int(5);
  else if (s > 4) doc.s = r.pick(WORDS);
  const n = r.int(8);
  if (n === 1) doc.n = null;
  else if (n === 2) doc.n = [r.int(20), r.int(20)];
  else if (n === 3) doc.n = 'text';
  else if (n > 3) doc.n = r.int(20) + (r.int(2) ? 0.5 : 0);
  doc.words = Array.from({ length: r.int(4) }, () => r.pick(WORDS));
  if (r.int(6) === 0) doc.deleted = r.int(2) ? null : true;
  return doc;
}

const sameQuery = async (
  plain: Collection<NumDoc>,
  indexed: Collection<NumDoc>,
  filter: Filter<NumDoc>,
  sort: Sort,
  skip: number,
  limit: number,
) => {
  const run = (c: Collection<NumDoc>) =>
    c.find(filter).sort(sort).skip(skip).limit(limit).project({ _id: 1 }).toArray();
  const [a, b] = await Promise.all([run(plain), run(indexed)]);
  return { expected: a.map((d) => d._id as number), actual: b.map((d) => d._id as number) };
};

/** Each filter and sort, at each page (skip, limit), gives what a full scan and sort gives. */
async function expectSameResults(
  plain: Collection<NumDoc>,
  indexed: Collection<NumDoc>,
  cases: Array<[Filter<NumDoc>, Sort]>,
  pages: ReadonlyArray<readonly [number, number]>,
) {
  for (const [filter, sort] of cases) {
    for (const [skip, limit] of pages) {
      const { expected, actual } = await sameQuery(plain, indexed, filter, sort, skip, limit);
      expect(actual, `${JSON.stringify({ filter, sort, skip, limit })}`).toEqual(expected);
    }
  }
}

describe('query planner', () => {
  const plain = db.collection<NumDoc>('plain');
  const indexed = db.collection<NumDoc>('indexed');

  beforeAll(async () => {
    const r = rng(20260611);
    const docs = Array.from({ length: 600 }, (_, i) => randomDoc(r, i));
    await plain.insertMany(docs.map((d) => ({ ...d })));
    await indexed.insertMany(docs.map((d) => ({ ...d })));
    await indexed.createIndexes([
      { key: { g: 1, s: 1, _id: 1 } },
      { key: { s: 1, _id: 1 } },
      { key: { n: -1, _id: -1 } },
      { key: { g: 1, deleted: 1, n: 1, _id: 1 } },
      { key: { g: 1, words: 1 } },
      { key: { words: 1 } },
      { key: { g: 1, deleted: 1, words: 1 } },
    ]);
  });

  it('walks an index in sort order (either direction) and returns what a full sort returns', async () => {
    const cases: Array<[Filter<NumDoc>, Sort]> = [
      [{}, { s: 1, _id: 1 }],
      [{}, { s: -1, _id: -1 }],
      [{ g: 'a' }, { s: 1, _id: 1 }],
      [{ g: 'b' }, { s: -1, _id: -1 }],
      [
        { g: 'c', s: { $ne: null } },
        { s: 1, _id: 1 },
      ],
      [{}, { n: 1, _id: 1 }],
      [{}, { n: -1, _id: -1 }],
      [{ n: { $gte: 5 } }, { n: -1, _id: -1 }],
      [
        { g: 'a', deleted: null },
        { n: 1, _id: 1 },
      ],
      [
        { g: 'b', deleted: null, words: 'ab' },
        { n: -1, _id: -1 },
      ],
      [{ $and: [{ g: 'a' }, { deleted: null }, { words: /^a/ }] }, { n: 1, _id: 1 }],
      [{ words: { $size: 0 } }, { s: 1, _id: 1 }],
      // Not walkable (mixed directions): the planner must still sort everything.
      [{ g: 'a' }, { s: 1, _id: -1 }],
    ];
    await expectSameResults(plain, indexed, cases, [
      [0, 1],
      [0, 25],
      [10, 7],
      [0, 1000],
      [590, 25],
    ]);
  });

  it('says so in explain, reading backwards for a reversed sort', async () => {
    // Some documents hold arrays in s and n: their indexes are multikey, as MongoDB says too.
    const forward = await indexed.find({ g: 'a' }).sort({ s: 1, _id: 1 }).limit(5).explain();
    expect(forward.queryPlanner.winningPlan.inputStage).toMatchObject({
      indexName: 'g_1_s_1__id_1',
      direction: 'forward',
      isMultiKey: true,
    });
    const backward = await indexed.find({}).sort({ n: 1, _id: 1 }).limit(5).explain();
    expect(backward.queryPlanner.winningPlan.inputStage).toMatchObject({
      indexName: 'n_-1__id_-1',
      direction: 'backward',
      isMultiKey: true,
    });
    const scalar = db.collection<NumDoc>('planner_scalar');
    await scalar.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, k: i % 7 })));
    await scalar.createIndex({ k: 1 });
    const plain = await scalar.find({ k: { $gte: 3 } }).explain();
    expect(plain.queryPlanner.winningPlan.inputStage).toMatchObject({
      stage: 'IXSCAN',
      indexName: 'k_1',
      isMultiKey: false,
    });
  });

  it('bounds an index scan by an anchored regex and matches exactly what the regex does', async () => {
    const filters: Filter<NumDoc>[] = [
      { words: /^ab/ },
      { words: { $regex: '^a' } },
      { words: { $regex: '^a\\.c' } },
      { words: { $regex: '^a.c' } },
      { words: { $regex: '^abc?' } },
      { words: { $regex: '^ab*' } },
      { words: { $regex: '^' } },
      { words: { $regex: '^A', $options: 'i' } },
      { words: /^é/ },
      { $and: [{ words: /^a/ }, { words: /^b/ }] },
      { g: 'a', words: { $regex: '^ba' } },
      { s: /^ab/ },
      { s: /^a|^b/ },
      { s: /b/ },
    ];
    for (const filter of filters) {
      const run = (c: Collection<NumDoc>) =>
        c.find(filter).sort({ _id: 1 }).project({ _id: 1 }).toArray();
      const [expected, actual] = await Promise.all([run(plain), run(indexed)]);
      expect(actual, JSON.stringify(filter)).toEqual(expected);
      expect(await indexed.countDocuments(filter)).toBe(expected.length);
      expect((await db.command({ count: 'indexed', query: filter })).n).toBe(expected.length);
    }
    const plan = await indexed.find({ words: { $regex: '^ab' } }).explain();
    expect(plan.queryPlanner.winningPlan.stage).toBe('FETCH');
    const scan = await indexed.find({ words: { $regex: '^ab', $options: 'i' } }).explain();
    expect(scan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
  });

  it('matches $in lists of strings, dates and null, and $or branches, exactly as the general matcher does', async () => {
    // A filter of equalities and $in lists takes a fast path; wrapped in $or it goes through the
    // general matcher. Both must pick the same documents, arrays, nulls and missing fields included.
    const lists: unknown[][] = [
      ['ab', 'b'],
      ['ab', null],
      [null],
      [],
      WORDS,
      ['a.c', 'zz', 'nothing'],
    ];
    for (const list of lists) {
      for (const field of ['s', 'words', 'deleted']) {
        const fast = { [field]: { $in: list } } as Filter<NumDoc>;
        const general = { $or: [fast] } as Filter<NumDoc>;
        const run = (c: Collection<NumDoc>, filter: Filter<NumDoc>) =>
          c.find(filter).sort({ _id: 1 }).project({ _id: 1 }).toArray();
        const expected = await run(plain, general);
        expect(await run(plain, fast), JSON.stringify(fast)).toEqual(expected);
        expect(await run(indexed, { g: 'a', ...fast }), JSON.stringify(fast)).toEqual(
          await run(plain, { g: 'a', ...general }),
        );
      }
    }
    // Ranges of numbers, strings and dates take it too: same-type values only, and on an array
    // each bound may be met by a different element.
    const ranges: Filter<NumDoc>[] = [
      { n: { $gte: 5 } },
      { n: { $gt: 5, $lt: 15 } },
      { n: { $lte: 10.5 } },
      { s: { $gte: 'ab', $lt: 'b' } },
      { s: { $gt: 2 } },
      { words: { $gte: 'b' } },
      { g: 'a', n: { $gte: 3, $lte: 12 } },
    ];
    for (const fast of ranges) {
      const run = (c: Collection<NumDoc>, filter: Filter<NumDoc>) =>
        c.find(filter).sort({ _id: 1 }).project({ _id: 1 }).toArray();
      const general = { $nor: [{ $nor: [fast] }] } as Filter<NumDoc>;
      // The plain collection only: on a multikey index the planner intersects both bounds of a
      // range, which misses [2, 18] for {$gt: 5, $lt: 15} (a planner limit, not the matcher's).
      expect(await run(plain, fast), JSON.stringify(fast)).toEqual(await run(plain, general));
    }

    // $or of such branches takes the fast path too; $nor and nested $or in $and never do.
    const branches: Filter<NumDoc>[] = [
      { $or: [{ s: { $in: ['ab', 'b'] } }, { words: { $in: ['zz'] } }] },
      { $or: [{ s: null }, { g: 'a', deleted: true }] },
      { g: 'b', $or: [{ words: 'ab' }, { words: /^a/ }] },
      { $and: [{ $or: [{ s: 'c' }, { s: [] as never }] }, { g: 'c' }] },
    ];
    for (const fast of branches) {
      const run = (c: Collection<NumDoc>, filter: Filter<NumDoc>) =>
        c.find(filter).sort({ _id: 1 }).project({ _id: 1 }).toArray();
      // {$nor: [{$nor: [f]}]} is f, through the general matcher.
      const general = { $nor: [{ $nor: [fast] }] } as Filter<NumDoc>;
      expect(await run(plain, fast), JSON.stringify(fast)).toEqual(await run(plain, general));
      expect(await run(indexed, fast), JSON.stringify(fast)).toEqual(await run(plain, general));
    }

    const days = db.collection('days');
    await days.deleteMany({});
    const at = (d: string) => new Date(`${d}T00:00:00Z`);
    await days.insertMany([
      { _id: 1, on: at('2026-03-07') },
      { _id: 2, on: at('2026-03-08') },
      { _id: 3, on: [at('2026-03-09'), at('2026-03-10')] },
      { _id: 4, on: '2026-03-08' },
      { _id: 5 },
    ] as Document[]);
    const between = await days
      .find({ on: { $gte: at('2026-03-08'), $lt: at('2026-03-10') } })
      .sort({ _id: 1 })
      .toArray();
    // A day-string is not a date; the array's Mar 9 is in range.
    expect(between.map((d) => d._id)).toEqual([2, 3]);
    const onDays = await days
      .find({ on: { $in: [at('2026-03-08'), at('2026-03-10'), null] } })
      .sort({ _id: 1 })
      .toArray();
    expect(onDays.map((d) => d._id)).toEqual([2, 3, 5]);
  });

  it('counts from index entries alone exactly what a full scan counts', async () => {
    // Equalities on strings, booleans and null, and bare prefix regexes, on an index's leading
    // fields: the count command reads the entries; anything else falls back to testing documents.
    const filters: Filter<NumDoc>[] = [
      { g: 'a' },
      { g: 'b', deleted: null },
      { g: 'c', deleted: true },
      { g: 'a', deleted: null, words: /^a/ },
      { $and: [{ g: 'b' }, { deleted: null }, { words: { $regex: '^ab' } }] },
      { $and: [{ g: 'a' }, { deleted: { $eq: null } }, { words: { $regex: '^a\\.c' } }] },
      { g: 'c', words: /^/ },
      { words: /^b/ },
      { words: 'ab' },
      { s: null },
      { s: /^ab/ },
      { g: 'a', s: /^a/ },
      // Not answered from entries alone: each must still count what a scan counts.
      { g: 'a', deleted: null, words: /^a/i },
      { $and: [{ words: /^a/ }, { words: /^b/ }] },
      { g: 'a', n: { $gte: 5 } },
      { g: 'b', words: { $size: 2 } },
      { deleted: null, words: /^a/ },
    ];
    for (const filter of filters) {
      const count = async (name: string) => (await db.command({ count: name, query: filter })).n;
      const scanned = await plain.countDocuments(filter);
      expect(await count('indexed'), JSON.stringify(filter)).toBe(scanned);
      expect(await count('plain'), JSON.stringify(filter)).toBe(scanned);
    }
  });

  it('keeps null equality apart from an empty array, with and without an index', async () => {
    const c = db.collection<NumDoc>('nulls');
    await c.insertMany([{ _id: 1, v: null }, { _id: 2 }, { _id: 3, v: [] }, { _id: 4, v: [null] }]);
    const ids = async () =>
      (await c.find({ v: null }).sort({ _id: 1 }).toArray()).map((d) => d._id as unknown);
    expect(await ids()).toEqual([1, 2, 4]);
    await c.createIndex({ v: 1 });
    expect(await ids()).toEqual([1, 2, 4]);
  });

  it('keeps answering like a full scan through updates of indexed and other fields, one by one and in bulk', async () => {
    const r = rng(77);
    const check = async () => {
      for (const [filter, sort] of [
        [{ g: 'a' }, { s: 1, _id: 1 }],
        [
          { g: 'b', deleted: null },
          { n: 1, _id: 1 },
        ],
        [{ words: /^a/ }, { _id: 1 }],
        [{}, { n: -1, _id: -1 }],
      ] as Array<[Filter<NumDoc>, Sort]>) {
        const { expected, actual } = await sameQuery(plain, indexed, filter, sort, 0, 50);
        expect(actual, JSON.stringify({ filter, sort })).toEqual(expected);
        const count = async (name: string) => (await db.command({ count: name, query: filter })).n;
        expect(await count('indexed')).toBe(await count('plain'));
      }
    };
    const change = (): Document => {
      const pick = r.int(4);
      if (pick === 0) return { $set: { s: r.pick(WORDS) } };
      if (pick === 1) return { $set: { words: [r.pick(WORDS)] } };
      if (pick === 2) return { $set: { note: `unindexed ${r.int(1000)}` } };
      return { $set: { g: r.pick(['a', 'b', 'c']), n: r.int(20) } };
    };
    // One at a time, each followed by queries (the few-changes path)…
    for (let i = 0; i < 30; i++) {
      const id = r.int(600);
      const update = change();
      await plain.updateOne({ _id: id }, update);
      await indexed.updateOne({ _id: id }, update);
      await check();
    }
    // …and many between two queries (the merge path).
    const ops = Array.from({ length: 300 }, () => ({
      updateOne: { filter: { _id: r.int(600) }, update: change() },
    }));
    await plain.bulkWrite(ops);
    await indexed.bulkWrite(ops);
    await check();
  });

  it('walks the sort index over only the documents a narrower index holds, as a full sort would', async () => {
    // 3,000 documents in 10 kinds: a kind's 300 are too many to sort cheaply and too few for a
    // walk that tests every document it meets (it would read ten per match).
    const r = rng(20261207);
    const many = Array.from({ length: 3_000 }, (_, i) => {
      const doc: NumDoc = { _id: i, kind: `k${i % 10}`, words: [r.pick(WORDS), r.pick(WORDS)] };
      const rank = r.int(12);
      // Mostly numbers, some ties, missing values and arrays (a document met twice by the walk).
      if (rank === 0) doc.rank = [r.int(500), r.int(500)];
      else if (rank !== 1) doc.rank = r.int(500);
      return doc;
    });
    const plainMany = db.collection<NumDoc>('plain_many');
    const indexedMany = db.collection<NumDoc>('indexed_many');
    await plainMany.insertMany(many.map((d) => ({ ...d })));
    await indexedMany.insertMany(many.map((d) => ({ ...d })));
    await indexedMany.createIndexes([{ key: { kind: 1 } }, { key: { rank: 1, _id: 1 } }]);
    const check = async () => {
      const cases: Array<[Filter<NumDoc>, Sort]> = [
        [{ kind: 'k3' }, { rank: 1, _id: 1 }],
        [{ kind: 'k7' }, { rank: -1, _id: -1 }],
        // A condition no index bounds: tested on the documents the walk keeps to.
        [
          { kind: 'k3', words: 'ab' },
          { rank: 1, _id: 1 },
        ],
        [{ kind: { $in: ['k1', 'k2'] } }, { rank: 1, _id: 1 }],
      ];
      await expectSameResults(plainMany, indexedMany, cases, [
        [0, 1],
        [0, 25],
        [20, 5],
        [290, 25],
      ]);
    };
    await check();
    // Documents moving in and out of the kind, and up and down the order, are seen at once.
    for (let i = 0; i < 40; i++) {
      const update = { $set: { kind: `k${r.int(10)}`, rank: r.int(500) } };
      await plainMany.updateOne({ _id: i * 7 }, update);
      await indexedMany.updateOne({ _id: i * 7 }, update);
    }
    await check();
    // The embedded server says which plan it ran (MongoDB picks its own).
    if (process.env.MONGODB_URI) return;
    const explained = await indexedMany
      .find({ kind: 'k3' })
      .sort({ rank: 1, _id: 1 })
      .limit(25)
      .explain();
    expect(explained.queryPlanner.winningPlan.inputStage).toMatchObject({
      stage: 'AND_HASH',
      inputStages: [{ indexName: 'kind_1' }, { indexName: 'rank_1__id_1', direction: 'forward' }],
    });
  });

  it('sees writes made after an index walk', async () => {
    const top = () => indexed.find({ g: 'a' }).sort({ s: -1, _id: -1 }).limit(3).toArray();
    const before = await top();
    await indexed.insertOne({ _id: 10_000, g: 'a', s: '\uffff' });
    const after = await top();
    expect(after[0]?._id).toBe(10_000);
    expect(after.slice(1)).toEqual(before.slice(0, 2));
    await indexed.deleteOne({ _id: 10_000 });
  });
});
