import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import {
  recomputeBusinessCounts,
  recomputeClients,
  recomputeStaff,
} from '../../../electron/core/db/derived';
import { DEMO_PASSWORD, seedDemo } from '../../../electron/core/demo/seed';
import { testDb } from '../../support/db';

const { db } = testDb('derived');
const NOW = new Date('2026-04-15T15:00:00Z');

const clientMetrics = {
  _id: 0,
  client_id: 1,
  total_spent: 1,
  job_count: 1,
  last_job_date: 1,
  avg_rating: 1,
};
const staffMetrics = {
  _id: 0,
  staff_id: 1,
  total_jobs_completed: 1,
  avg_completion_time_minutes: 1,
  avg_customer_rating: 1,
  cancellation_rate: 1,
  jobs_assigned_today: 1,
  hours_worked_this_week: 1,
};

describe('derived fields', () => {
  it('recomputes client, staff and business figures from the appointments, matching the demo data', async () => {
    await seedDemo(db, { now: NOW, passwordHash: bcrypt.hashSync(DEMO_PASSWORD, 4) });
    const businesses = await db.collection('businesses').find().toArray();
    const expectedClients = await db
      .collection('clients')
      .find({}, { projection: clientMetrics })
      .sort({ client_id: 1 })
      .toArray();
    const expectedStaff = await db
      .collection('staff')
      .find({}, { projection: staffMetrics })
      .sort({ staff_id: 1 })
      .toArray();
    const expectedBusinesses = businesses.map((b) => ({
      staff_count: b.staff_count,
      client_count: b.client_count,
    }));

    // Wreck every figure, then let the recount put them right.
    await db
      .collection('clients')
      .updateMany(
        {},
        { $set: { total_spent: 1, job_count: 99, last_job_date: null, avg_rating: 1 } },
      );
    await db.collection('staff').updateMany(
      {},
      {
        $set: {
          total_jobs_completed: 0,
          avg_completion_time_minutes: 1,
          avg_customer_rating: 1,
          cancellation_rate: 1,
          jobs_assigned_today: 9,
          hours_worked_this_week: 99,
        },
      },
    );
    await db.collection('businesses').updateMany({}, { $set: { staff_count: 0, client_count: 0 } });

    for (const b of businesses) {
      const clientIds = (
        await db.collection('clients').find({ business_id: b.business_id }).toArray()
      ).map((c) => c.client_id as string);
      const staffIds = (
        await db.collection('staff').find({ business_id: b.business_id }).toArray()
      ).map((s) => s.staff_id as string);
      await recomputeClients(db, b.business_id, clientIds);
      await recomputeStaff(db, b.business_id, staffIds, NOW, b.timezone);
      await recomputeBusinessCounts(db, b.business_id);
    }
    expect(
      await db
        .collection('clients')
        .find({}, { projection: clientMetrics })
        .sort({ client_id: 1 })
        .toArray(),
    ).toEqual(expectedClients);
    expect(
      await db
        .collection('staff')
        .find({}, { projection: staffMetrics })
        .sort({ staff_id: 1 })
        .toArray(),
    ).toEqual(expectedStaff);
    const counts = (await db.collection('businesses').find().toArray()).map((b) => ({
      staff_count: b.staff_count,
      client_count: b.client_count,
    }));
    expect(counts).toEqual(expectedBusinesses);
  });
});
