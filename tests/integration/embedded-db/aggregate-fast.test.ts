// Conformance: the compiled aggregation path (electron/embedded-db/aggregate-fast.ts) gives the same
// answers as mingo's on the same documents — the report's appointment pipeline over generated data
// with nulls, gaps, arrays and dates, and each operator's edge cases — and leaves its input alone.
// The last part runs through the server (the embedded one, or MongoDB when MONGODB_URI is set) and
// checks against values computed here.
import { type Document, Double } from 'mongodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appointmentsPipeline } from '../../../electron/core/services/reports/pipelines';
import { periodOf, zoneCalendar } from '../../../electron/core/services/reports/period';
import { runPipeline } from '../../../electron/embedded-db/aggregate';
import {
  Decline,
  compilePipeline,
  fastAggregation,
} from '../../../electron/embedded-db/aggregate-fast';
import { numericView } from '../../../electron/embedded-db/values';
import { testDb } from '../../support/db';

/** A small deterministic generator (Park–Miller), so a failure repeats. */
function rng(seed: number) {
  let s = seed;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}

const DAY = 86_400_000;
const TZ = 'America/Chicago';
const FIRST = Date.UTC(2024, 0, 1);
/** 2025-03-09 and 2025-11-02 change clocks in Chicago; some jobs fall on them. */
const CHANGE_DAYS = [Date.UTC(2025, 2, 9), Date.UTC(2025, 10, 2)];

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Appointment-like documents: every field sometimes missing or null, staff lists sometimes empty or
 * a bare string, amounts in quarters (so sums are exact in any order), starts in whole minutes.
 */
function appointments(n: number, seed: number): Document[] {
  const r = rng(seed);
  const docs: Document[] = [];
  for (let i = 0; i < n; i++) {
    const day = r.chance(0.03)
      ? r.pick(CHANGE_DAYS)
      : FIRST + r.int(730) * DAY + (r.chance(0.01) ? 3_600_000 : 0);
    const status = r.pick([
      'completed',
      'completed',
      'completed',
      'scheduled',
      'canceled',
      'rescheduled',
    ]);
    const start = 6 * 60 + r.int(40) * 15;
    const d: Document = {
      _id: i,
      tenant_id: r.chance(0.9) ? 't1' : 't2',
      appointment_id: `a${i}`,
      status,
      scheduled_date: new Date(day),
      scheduled_start_time: hhmm(start),
      scheduled_end_time: hhmm(start + 30 + r.int(8) * 15),
    };
    if (r.chance(0.95)) d.client_id = `c${r.int(40)}`;
    d.service_id = r.chance(0.05) ? null : `s${r.int(6)}`;
    const staff = r.int(10);
    if (staff === 0) d.assigned_staff_ids = [];
    else if (staff === 1) d.assigned_staff_ids = null;
    else if (staff === 2) d.assigned_staff_ids = `u${r.int(5)}`;
    else if (staff > 3) d.assigned_staff_ids = [`u${r.int(5)}`, `u${5 + r.int(3)}`];
    if (r.chance(0.9)) d.estimated_duration_minutes = 30 + r.int(6) * 15;
    const actual = r.int(10);
    if (actual === 0) d.actual_duration_minutes = null;
    else if (actual === 1) d.actual_duration_minutes = 'n/a';
    else if (actual > 2) d.actual_duration_minutes = 20 + r.int(90);
    const started = r.int(8);
    if (started === 0) d.actual_start_time = null;
    else if (started === 1) d.actual_start_time = '09:00';
    else if (started > 2) d.actual_start_time = new Date(day + (start + r.int(60) - 20) * 60_000);
    d.total_price = r.int(400) * 0.25;
    const charged = r.int(6);
    if (charged === 0) d.amount_charged = null;
    else if (charged > 1) d.amount_charged = r.int(800) * 0.25;
    if (status === 'canceled') {
      const why = r.int(4);
      if (why === 0) d.cancellation_reason = null;
      else if (why > 1) d.cancellation_reason = r.pick(['weather', 'client', 'no_show']);
    }
    const rating = r.int(4);
    if (rating === 0) d.client_rating = null;
    else if (rating === 1) d.client_rating = 1 + r.int(5);
    if (r.chance(0.6)) d.client_notified_at = r.chance(0.8) ? new Date(day - DAY) : null;
    if (r.chance(0.8)) d.client_notification_method = r.pick(['sms', 'email']);
    if (r.chance(0.5)) d.client_confirmed_at = r.chance(0.8) ? new Date(day - DAY / 2) : null;
    docs.push(d);
  }
  return docs;
}

function reportPipeline(): Document[] {
  const current = periodOf('2025-01-01', '2025-12-31', TZ);
  const previous = periodOf('2024-01-01', '2024-12-31', TZ);
  const days: string[] = [];
  for (let t = FIRST; t < Date.UTC(2026, 0, 1); t += DAY) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return appointmentsPipeline(
    { tenant_id: 't1' },
    current,
    { firstDay: previous.firstDay, afterLastDay: current.afterLastDay },
    zoneCalendar(days, TZ),
  );
}

/** A pipeline's answer on mingo alone. */
function onMingo(docs: Document[], pipeline: Document[]): Document[] {
  fastAggregation.enabled = false;
  try {
    return runPipeline(docs, pipeline, () => []);
  } finally {
    fastAggregation.enabled = true;
  }
}

/** The compiled path's own answer (it must cover the whole pipeline and not decline). */
function onFastPath(docs: Document[], pipeline: Document[]): Document[] {
  const compiled = compilePipeline(pipeline);
  expect(compiled?.length, 'every stage compiles').toBe(pipeline.length);
  return compiled!.run(docs);
}

/** Same answer on both paths, input untouched; returns the answer. */
function same(docs: Document[], pipeline: Document[]): Document[] {
  const before = structuredClone(docs);
  const fast = onFastPath(docs, pipeline);
  expect(docs).toEqual(before);
  expect(fast).toEqual(onMingo(docs, pipeline));
  expect(runPipeline(docs, pipeline, () => [])).toEqual(fast);
  return fast;
}

/** The compiled path leaves this to mingo (at compile or run time), and the answer is mingo's. */
function declined(docs: Document[], pipeline: Document[]): void {
  const compiled = compilePipeline(pipeline);
  if (compiled?.length === pipeline.length) {
    expect(() => compiled.run(docs)).toThrow(Decline);
  }
  const mingo = (() => {
    try {
      return onMingo(docs, pipeline);
    } catch (error) {
      return (error as Error).message;
    }
  })();
  const ours = (() => {
    try {
      return runPipeline(docs, pipeline, () => []);
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(ours).toEqual(mingo);
}

afterEach(() => {
  fastAggregation.enabled = true;
});

describe('compiled aggregation matches mingo', () => {
  const docs = appointments(3000, 11);
  const [first, ...rest] = reportPipeline();

  it("runs the report's appointment pipeline with mingo's answer", () => {
    const matched = onMingo(docs, [first!]);
    expect(matched.length).toBeGreaterThan(2000);
    const [facets] = same(matched, rest);
    for (const [name, rows] of Object.entries(facets as Document)) {
      expect(Array.isArray(rows), name).toBe(true);
    }
    expect((facets as Document).statuses.length).toBeGreaterThan(4);
    expect((facets as Document).booked.length).toBeGreaterThan(3);
    expect((facets as Document).punctuality[0].measured).toBeGreaterThan(100);
    expect((facets as Document).clockChangeJobs.length).toBeGreaterThan(10);
    // The whole pipeline, its leading $match included.
    same(docs, [first!, ...rest]);
  });

  it('reads numeric views as the server passes them', () => {
    const wrapped = docs.slice(0, 500).map((d) => ({
      ...d,
      total_price: new Double(d.total_price as number),
      estimated_duration_minutes: new Double(60),
    }));
    same(wrapped.map(numericView), rest);
  });

  it('projects, adds fields, unwinds, sorts, skips, limits and counts', () => {
    const small = docs.slice(0, 300);
    same(small, [{ $project: { _id: 0, status: 1, client_id: 1, p: '$total_price', lit: 'x' } }]);
    same(small, [{ $project: { status: 1, scheduled_date: 1 } }]);
    same(small, [{ $project: { _id: 0 } }]);
    same(small, [{ $project: { assigned_staff_ids: 0, status: 0 } }]);
    same(small, [{ $project: { _id: { $concat: ['$appointment_id', '-x'] }, status: 1 } }]);
    same(small, [
      { $addFields: { price2: { $multiply: ['$total_price', 2] }, status: 'x', gone: '$nope' } },
    ]);
    same(small, [{ $set: { client_id: '$missing', _id: { $add: ['$_id', 1000] } } }]);
    same(small, [{ $unwind: '$assigned_staff_ids' }, { $count: 'n' }]);
    same(small, [
      { $unwind: { path: '$assigned_staff_ids', preserveNullAndEmptyArrays: true } },
      { $project: { assigned_staff_ids: 1 } },
    ]);
    same(small, [
      { $sort: { status: 1, scheduled_date: -1, _id: 1 } },
      { $skip: 5 },
      { $limit: 20 },
    ]);
    same(small, [{ $sort: { client_rating: -1 } }]);
    same(small, [{ $sort: { cancellation_reason: 1 } }, { $limit: 50 }]);
    same(small, [{ $match: { status: 'completed' } }, { $count: 'done' }]);
    same(small, [{ $skip: 0 }, { $limit: 1000 }]);
  });

  it('groups by paths, literals, null and documents with every accumulator', () => {
    const small = docs.slice(0, 400);
    same(small, [
      {
        $group: {
          _id: '$service_id',
          n: { $sum: 1 },
          c: { $count: {} },
          price: { $sum: '$total_price' },
          actual: { $sum: '$actual_duration_minutes' },
          avg: { $avg: '$actual_duration_minutes' },
          none: { $avg: '$nope' },
          zero: { $sum: '$nope' },
          lo: { $min: '$actual_start_time' },
          hi: { $max: '$client_rating' },
          first: { $first: '$cancellation_reason' },
          last: { $last: '$client_id' },
          ids: { $push: '$_id' },
          statuses: { $addToSet: '$status' },
        },
      },
    ]);
    same(small, [{ $group: { _id: '$cancellation_reason', n: { $sum: 1 } } }]);
    same(small, [{ $group: { _id: { r: '$cancellation_reason', s: '$status' }, n: { $sum: 1 } } }]);
    same(small, [{ $group: { _id: '$scheduled_date', n: { $sum: 2 } } }, { $sort: { _id: 1 } }]);
    same(small, [
      { $group: { _id: null, n: { $sum: 1 }, days: { $addToSet: '$scheduled_date' } } },
    ]);
    same(small, [{ $group: { _id: 'all', n: { $sum: 1 } } }]);
    same(small, [{ $group: { _id: '$assigned_staff_ids', n: { $sum: 1 } } }]);
    // $unwind straight into $group runs fused (one copy per input document).
    same(small, [
      { $unwind: { path: '$assigned_staff_ids', preserveNullAndEmptyArrays: true } },
      {
        $group: {
          _id: '$assigned_staff_ids',
          ids: { $push: '$_id' },
          staff: { $addToSet: { $ifNull: ['$assigned_staff_ids', 'none'] } },
          n: { $sum: 1 },
        },
      },
    ]);
    same(small, [
      { $unwind: '$assigned_staff_ids' },
      { $group: { _id: { s: '$assigned_staff_ids', st: '$status' }, n: { $sum: 1 } } },
      { $sort: { n: -1, _id: 1 } },
    ]);
    same(small, [{ $group: { _id: ['$status', '$service_id'], n: { $sum: 1 } } }]);
    same(small, [{ $group: { _id: { $year: '$scheduled_date' }, n: { $sum: 1 } } }]);
    // Each stage runs on whatever its input is.
    same(
      [],
      [{ $group: { _id: '$a', n: { $sum: 1 } } }, { $facet: { a: [{ $match: { x: 1 } }], b: [] } }],
    );
  });

  it('evaluates each operator like mingo', () => {
    const sample: Document[] = [
      { _id: 1, a: 5, b: 2, s: 'Hello', t: '07:45', d: new Date('2024-02-29T23:30:00Z'), x: null },
      { _id: 2, a: -3.5, b: 0.5, s: 'w', t: '12:05', d: new Date('2025-12-31T00:00:00Z'), e: [] },
      { _id: 3, a: 0, b: 4, s: '', t: '00:00', d: new Date(0), l: [1, 'a', null], o: { p: 1 } },
      {
        _id: 4,
        a: 7,
        b: 7,
        s: 'abc',
        t: '23:59',
        d: new Date(86_400_000),
        n: [{ q: 1 }, { q: 2 }, { r: 3 }],
      },
    ];
    same(sample, [
      {
        $project: {
          add: { $add: ['$a', '$b', 1] },
          addDate: { $add: ['$d', 60_000, '$_id'] },
          addNull: { $add: ['$a', '$x'] },
          addMissing: { $add: ['$a', '$nope'] },
          sub: { $subtract: ['$a', '$b'] },
          subDates: { $subtract: ['$d', new Date(0)] },
          subDate: { $subtract: ['$d', 1000] },
          subNull: { $subtract: ['$d', null] },
          mul: { $multiply: ['$a', '$b', 2] },
          mulNull: { $multiply: ['$a', '$x'] },
          div: { $divide: ['$a', '$b'] },
          divNull: { $divide: ['$x', 2] },
          max: { $max: ['$a', '$b', 1] },
          min: { $min: ['$a', '$b', null] },
          maxMixed: { $max: ['$s', '$a', '$d'] },
          ifNull: { $ifNull: ['$x', '$nope', '$a'] },
          ifNullMissing: { $ifNull: ['$x', '$nope'] },
          cond: { $cond: ['$a', 'yes', 'no'] },
          condObj: { $cond: { if: { $gt: ['$a', 1] }, then: '$s', else: '$b' } },
          condEmpty: { $cond: ['$s', 1, 0] },
          condArray: { $cond: ['$e', 1, 0] },
          condNull: { $cond: ['$x', 1, 0] },
          sw: {
            $switch: {
              branches: [
                { case: { $lt: ['$a', 0] }, then: 'neg' },
                { case: { $eq: ['$a', 0] }, then: 'zero' },
              ],
              default: 'pos',
            },
          },
          and: { $and: ['$a', { $gte: ['$b', 1] }] },
          or: { $or: ['$x', '$nope', { $lte: ['$a', 0] }] },
          not: { $not: ['$a'] },
          notNull: { $not: '$x' },
          eq: { $eq: ['$a', '$b'] },
          eqNull: { $eq: [{ $ifNull: ['$x', null] }, null] },
          eqDate: { $eq: ['$d', new Date(0)] },
          eqMissing: { $eq: ['$nope', 5] },
          ne: { $ne: ['$s', 'w'] },
          neMissing: { $ne: ['$nope', 'w'] },
          gt: { $gt: ['$s', 'b'] },
          cmp: { $cmp: ['$a', '$b'] },
          cmpDates: { $cmp: ['$d', new Date('2024-06-01T00:00:00Z')] },
          in: { $in: ['$s', ['w', 'abc', 'z']] },
          inNum: { $in: ['$a', [7, 0]] },
          inNull: { $in: ['$x', [null, 1]] },
          inMissing: { $in: ['$nope', ['a']] },
          toInt: { $toInt: { $substrBytes: ['$t', 0, 2] } },
          toIntNum: { $toInt: '$a' },
          toIntNull: { $toInt: '$x' },
          minutes: {
            $add: [
              { $multiply: [{ $toInt: { $substrBytes: ['$t', 0, 2] } }, 60] },
              { $toInt: { $substrBytes: ['$t', 3, 2] } },
            ],
          },
          sub2: { $substrBytes: ['$t', 3, 2] },
          type: { $type: '$s' },
          typeDate: { $type: '$d' },
          typeNull: { $type: '$x' },
          typeMissing: { $type: '$nope' },
          typeArray: { $type: '$e' },
          size: { $size: { $ifNull: ['$l', []] } },
          concat: { $concat: ['$s', '-', '$t'] },
          concatNull: { $concat: ['$s', '$x'] },
          lower: { $toLower: '$s' },
          upper: { $toUpper: '$s' },
          year: { $year: '$d' },
          month: { $month: '$d' },
          day: { $dayOfMonth: '$d' },
          lit: { $literal: '$a' },
          litObj: { $literal: { $add: [1, 2] } },
          arr: ['$a', '$nope', 'k'],
          obj: { $ifNull: [null, { a: '$a', gone: '$nope', nested: { s: '$s' } }] },
          path: '$o.p',
          pathArray: '$n.q',
          pathMissing: '$n.zz',
          pathScalar: '$a.b',
        },
      },
    ]);
  });

  it('matches with its own filters and with query.ts', () => {
    const small = docs.slice(0, 500);
    const filters: Document[] = [
      { status: 'completed' },
      { status: { $ne: 'completed' } },
      { status: { $in: ['canceled', 'rescheduled'] } },
      { status: { $nin: ['canceled', 'rescheduled'] } },
      { cancellation_reason: null },
      { cancellation_reason: { $ne: null } },
      { cancellation_reason: { $in: [null, 'weather'] } },
      { assigned_staff_ids: 'u1' },
      { assigned_staff_ids: { $in: ['u1', 'u6'] } },
      { assigned_staff_ids: { $nin: ['u1'] } },
      { scheduled_date: { $in: CHANGE_DAYS.map((t) => new Date(t)) } },
      { scheduled_date: { $nin: CHANGE_DAYS.map((t) => new Date(t)) } },
      { scheduled_date: { $gte: new Date('2025-01-01'), $lt: new Date('2025-02-01') } },
      { scheduled_date: new Date(CHANGE_DAYS[0]!) },
      { actual_start_time: { $type: 'date' } },
      { actual_start_time: { $type: 'string' } },
      { actual_duration_minutes: { $gt: 60 } },
      { actual_duration_minutes: { $lte: 30 } },
      { actual_duration_minutes: { $gte: 'a' } },
      { client_rating: { $exists: true } },
      { client_rating: { $exists: false } },
      { client_rating: 5, status: 'completed' },
      { $or: [{ client_rating: 5 }, { status: 'canceled' }] },
      { $and: [{ status: 'completed' }, { client_id: { $in: ['c1', 'c2', 'c3'] } }] },
      { client_rating: { $eq: null } },
      { total_price: { $gt: 50, $lt: 60 } },
      // Not compiled here: query.ts (or mingo) runs these.
      { appointment_id: /^a1/ },
      { assigned_staff_ids: { $size: 2 } },
      { assigned_staff_ids: [] },
      { $expr: { $gt: ['$total_price', '$amount_charged'] } },
    ];
    for (const filter of filters) {
      const out = same(small, [{ $match: filter }, { $project: { _id: 1 } }]);
      expect(out.length, JSON.stringify(filter)).toBeLessThan(small.length + 1);
    }
  });

  it('leaves to mingo what MongoDB and mingo answer differently, or what fails', () => {
    const d: Document[] = [{ _id: 1, a: 1, x: null, s: 'héllo', t: ' 8', l: [3, 1] }];
    // Missing against null: MongoDB says unequal, mingo equal.
    declined(d, [{ $project: { v: { $eq: ['$nope', null] } } }]);
    declined(d, [{ $project: { v: { $lt: ['$nope', 5] } } }]);
    // Across types (and null) MongoDB orders by type, mingo answers false.
    declined(d, [{ $project: { v: { $gt: ['$s', 5] } } }]);
    declined(d, [{ $project: { v: { $gt: ['$a', null] } } }]);
    declined(d, [{ $group: { _id: null, v: { $push: '$nope' } } }]);
    declined(d, [{ $project: { v: { $max: ['$a', '$nope'] } } }]);
    declined([], [{ $count: 'n' }]);
    declined(d, [{ $sort: { l: 1 } }]);
    declined(d, [{ $project: { v: { $substrBytes: ['$s', 0, 2] } } }]);
    declined(d, [{ $project: { v: { $toInt: '$t' } } }]);
    declined(d, [{ $project: { v: { $divide: ['$a', 0] } } }]);
    declined(d, [{ $project: { v: { $add: ['$a', '$s'] } } }]);
    declined(d, [{ $project: { v: { $switch: { branches: [{ case: '$x', then: 1 }] } } } }]);
    declined(d, [{ $project: { v: { $toUpper: '$x' } } }]);
    declined(d, [{ $project: { v: { $type: '$a' } } }]);
    // Not compiled at all: the whole pipeline, or from the first such stage on.
    declined(d, [{ $project: { v: { $trim: { input: '$s' } } } }]);
    declined(d, [{ $project: { 'a.b': 1 } }]);
    declined(d, [{ $addFields: { o: { p: 1 } } }]);
    expect(compilePipeline([{ $match: { a: 1 } }, { $lookup: {} }])?.length).toBe(1);
    expect(compilePipeline([{ $bucket: {} }])).toBeUndefined();
    expect(
      runPipeline(d, [{ $match: { a: 1 } }, { $replaceRoot: { newRoot: { v: '$a' } } }], () => []),
    ).toEqual([{ v: 1 }]);
  });
});

describe('compiled aggregation through the server', () => {
  const { db } = testDb('aggregate_fast');
  const coll = db.collection('appointments');
  const docs = appointments(1500, 29);

  beforeAll(async () => {
    // Integral doubles arrive as wrappers (the collection holds numeric wrappers then).
    await coll.insertMany(
      docs.map((d) =>
        d._id % 7 === 0 ? { ...d, total_price: new Double(d.total_price as number) } : d,
      ) as never[],
    );
  });

  const sortById = (rows: Document[]) =>
    [...rows].sort((a, b) => JSON.stringify(a._id).localeCompare(JSON.stringify(b._id)));

  it("answers the report's appointment pipeline as computed here", async () => {
    const pipeline = reportPipeline();
    const [got] = await coll.aggregate(pipeline).toArray();
    const [want] = onMingo(docs, pipeline);
    for (const name of Object.keys(want as Document)) {
      const rows = (got as Document)[name] as Document[];
      const expected = (want as Document)[name] as Document[];
      if (name === 'topClients') expect(rows, name).toEqual(expected);
      else if (name === 'clockChangeJobs' || name === 'rescheduled') {
        // Field order aside (mingo sorts a projection's fields).
        const key = (r: Document) => JSON.stringify(Object.entries(r).sort());
        const order = (list: Document[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
        expect(order(rows), name).toEqual(order(expected));
      } else expect(sortById(rows), name).toEqual(sortById(expected));
    }
  });

  it('groups, unwinds and computes as expected', async () => {
    const completed = docs.filter((d) => d.status === 'completed');
    const byService = await coll
      .aggregate([
        { $match: { status: 'completed' } },
        {
          $group: {
            _id: '$service_id',
            jobs: { $sum: 1 },
            price: { $sum: '$total_price' },
            avg: { $avg: '$actual_duration_minutes' },
          },
        },
      ])
      .toArray();
    const want = new Map<unknown, { jobs: number; price: number; sum: number; n: number }>();
    for (const d of completed) {
      const g = want.get(d.service_id) ?? { jobs: 0, price: 0, sum: 0, n: 0 };
      g.jobs++;
      g.price += d.total_price as number;
      if (typeof d.actual_duration_minutes === 'number') {
        g.sum += d.actual_duration_minutes;
        g.n++;
      }
      want.set(d.service_id, g);
    }
    expect(sortById(byService)).toEqual(
      sortById(
        [...want].map(([id, g]) => ({
          _id: id,
          jobs: g.jobs,
          price: g.price,
          avg: g.n ? g.sum / g.n : null,
        })),
      ),
    );

    const [unwound] = await coll
      .aggregate([{ $unwind: '$assigned_staff_ids' }, { $count: 'n' }])
      .toArray();
    const staffRows = docs.reduce(
      (n, d) =>
        n +
        (Array.isArray(d.assigned_staff_ids)
          ? d.assigned_staff_ids.length
          : d.assigned_staff_ids === null || d.assigned_staff_ids === undefined
            ? 0
            : 1),
      0,
    );
    expect(unwound).toEqual({ n: staffRows });

    const firstFive = await coll
      .aggregate([
        { $sort: { _id: 1 } },
        { $limit: 5 },
        {
          $project: {
            _id: 1,
            minutes: {
              $add: [
                { $multiply: [{ $toInt: { $substrBytes: ['$scheduled_start_time', 0, 2] } }, 60] },
                { $toInt: { $substrBytes: ['$scheduled_start_time', 3, 2] } },
              ],
            },
            reason: { $ifNull: ['$cancellation_reason', 'none'] },
            later: { $add: ['$scheduled_date', 60_000] },
            cur: { $gte: ['$scheduled_date', new Date('2025-01-01')] },
          },
        },
      ])
      .toArray();
    expect(firstFive).toEqual(
      docs.slice(0, 5).map((d) => {
        const [h, m] = (d.scheduled_start_time as string).split(':').map(Number);
        return {
          _id: d._id,
          minutes: h! * 60 + m!,
          reason: d.cancellation_reason ?? 'none',
          later: new Date((d.scheduled_date as Date).getTime() + 60_000),
          cur: (d.scheduled_date as Date) >= new Date('2025-01-01'),
        };
      }),
    );
  });
});
