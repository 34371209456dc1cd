// Conformance: aggregation stages, $lookup/$facet/$bucket, and timezone-aware date operators.
import { MongoServerError } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../support/db';

const { db } = testDb('aggregation');
const orders = db.collection('orders');
const customers = db.collection('customers');

beforeAll(async () => {
  await customers.insertMany([
    { _id: 'c1', name: 'Ann' },
    { _id: 'c2', name: 'Bob' },
  ] as never[]);
  await orders.insertMany([
    { _id: 1, customer: 'c1', total: 10, items: ['a', 'b'], at: new Date('2024-03-10T02:30:00Z') },
    { _id: 2, customer: 'c1', total: 25, items: ['c'], at: new Date('2024-03-11T23:30:00Z') },
    { _id: 3, customer: 'c2', total: 40, items: [], at: new Date('2024-03-12T12:00:00Z') },
  ] as never[]);
});

describe('aggregation', () => {
  it('matches, groups, sorts and projects', async () => {
    const r = await orders
      .aggregate([
        { $match: { total: { $gte: 10 } } },
        { $group: { _id: '$customer', sum: { $sum: '$total' }, n: { $sum: 1 } } },
        { $sort: { sum: -1 } },
        { $project: { sum: 1, n: 1 } },
      ])
      .toArray();
    expect(r).toEqual([
      { _id: 'c2', sum: 40, n: 1 },
      { _id: 'c1', sum: 35, n: 2 },
    ]);
    expect(Object.keys(r[0] ?? {})[0]).toBe('_id');
  });

  it('adds, unsets, unwinds, counts, skips, limits and replaces roots', async () => {
    const r = await orders
      .aggregate([
        { $set: { double: { $multiply: ['$total', 2] } } },
        { $unset: 'at' },
        { $unwind: '$items' },
        { $sort: { items: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $replaceRoot: { newRoot: { item: '$items', double: '$double' } } },
      ])
      .toArray();
    expect(r).toEqual([
      { item: 'b', double: 20 },
      { item: 'c', double: 50 },
    ]);
    expect(
      await orders.aggregate([{ $match: { total: { $gt: 15 } } }, { $count: 'n' }]).toArray(),
    ).toEqual([{ n: 2 }]);
  });

  it('joins with both $lookup forms', async () => {
    const simple = await customers
      .aggregate([
        { $lookup: { from: 'orders', localField: '_id', foreignField: 'customer', as: 'orders' } },
        { $project: { name: 1, count: { $size: '$orders' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(simple).toEqual([
      { _id: 'c1', name: 'Ann', count: 2 },
      { _id: 'c2', name: 'Bob', count: 1 },
    ]);
    const piped = await customers
      .aggregate([
        {
          $lookup: {
            from: 'orders',
            let: { cid: '$_id' },
            pipeline: [
              {
                $match: {
                  $expr: { $and: [{ $eq: ['$customer', '$$cid'] }, { $gt: ['$total', 20] }] },
                },
              },
            ],
            as: 'big',
          },
        },
        { $project: { _id: 1, big: '$big._id' } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(piped).toEqual([
      { _id: 'c1', big: [2] },
      { _id: 'c2', big: [3] },
    ]);
  });

  it('runs $facet and $bucket', async () => {
    const [facet] = await orders
      .aggregate([
        {
          $facet: {
            count: [{ $count: 'n' }],
            top: [{ $sort: { total: -1 } }, { $limit: 1 }, { $project: { _id: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facet).toEqual({ count: [{ n: 3 }], top: [{ _id: 3 }] });
    const buckets = await orders
      .aggregate([
        {
          $bucket: {
            groupBy: '$total',
            boundaries: [0, 20, 30],
            default: 'other',
            output: { n: { $sum: 1 } },
          },
        },
      ])
      .toArray();
    expect(buckets).toEqual([
      { _id: 0, n: 1 },
      { _id: 20, n: 1 },
      { _id: 'other', n: 1 },
    ]);
  });

  it('formats dates in a timezone', async () => {
    const [r] = await orders
      .aggregate([
        { $match: { _id: 1 } },
        {
          $project: {
            _id: 0,
            local: {
              $dateToString: {
                date: '$at',
                format: '%Y-%m-%d %H:%M',
                timezone: 'America/New_York',
              },
            },
            parts: { $dateToParts: { date: '$at', timezone: 'Europe/Paris' } },
            dow: { $dayOfWeek: { date: '$at', timezone: 'Asia/Tokyo' } },
            day: { $dateTrunc: { date: '$at', unit: 'day', timezone: 'America/New_York' } },
          },
        },
      ])
      .toArray();
    expect(r).toEqual({
      local: '2024-03-09 21:30',
      parts: { year: 2024, month: 3, day: 10, hour: 3, minute: 30, second: 0, millisecond: 0 },
      dow: 1,
      day: new Date('2024-03-09T05:00:00Z'),
    });
  });

  it('refuses $out with a clear error', async () => {
    const err = await orders
      .aggregate([{ $out: 'copy' }])
      .toArray()
      .catch((e: unknown) => e);
    if (process.env.MONGODB_URI) return;
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).message).toContain('$out');
  });
});
