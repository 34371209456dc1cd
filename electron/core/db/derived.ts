// Keeps the seed's derived fields true: client and staff metrics from appointments, business counts.
import type { Db, Document } from 'mongodb';
import {
  addDays,
  localDateOf,
  scheduledDateValue,
  WEEKDAYS,
  weekdayName,
} from '../../../shared/time';

// Derived fields are $set without touching `version`: a background recount must never make a
// dispatcher's open edit of the same record stale.

// Rounding happens here, not in the pipeline: MongoDB's $round rounds halves to even, and the
// figures must read the same whichever server computed them.
const roundTo = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** Client metrics over completed appointments: total spent, job count, last job, average rating. */
export async function recomputeClients(
  db: Db,
  business_id: string,
  client_ids: readonly string[],
): Promise<void> {
  if (!client_ids.length) return;
  const rows = await db
    .collection('appointments')
    .aggregate<Document>([
      {
        $match: {
          business_id,
          client_id: { $in: [...client_ids] },
          status: 'completed',
          deleted_at: null,
        },
      },
      {
        $group: {
          _id: '$client_id',
          total_spent: { $sum: { $ifNull: ['$amount_charged', 0] } },
          job_count: { $sum: 1 },
          last_job_date: { $max: '$completed_at' },
          avg_rating: { $avg: '$client_rating' },
        },
      },
    ])
    .toArray();
  const byClient = new Map(rows.map((r) => [r._id as string, r]));
  await db.collection('clients').bulkWrite(
    client_ids.map((client_id) => {
      const r = byClient.get(client_id);
      return {
        updateOne: {
          filter: { business_id, client_id },
          update: {
            $set: {
              total_spent: r ? roundTo(r.total_spent, 2) : 0,
              job_count: r?.job_count ?? 0,
              last_job_date: r?.last_job_date ?? null,
              avg_rating:
                typeof r?.avg_rating === 'number' ? Math.round(r.avg_rating * 10) / 10 : null,
            },
          },
        },
      };
    }),
  );
}

/**
 * Staff metrics: completed jobs, average duration and rating, cancellation rate, today's jobs and
 * this week's hours (Monday to today), "today" being the business's local date at `now`.
 */
export async function recomputeStaff(
  db: Db,
  business_id: string,
  staff_ids: readonly string[],
  now: Date,
  timeZone: string,
): Promise<void> {
  if (!staff_ids.length) return;
  const today = localDateOf(now, timeZone);
  const weekStart = addDays(today, -WEEKDAYS.indexOf(weekdayName(today)));
  const todayValue = scheduledDateValue(today);
  const rows = await db
    .collection('appointments')
    .aggregate<Document>([
      { $match: { business_id, assigned_staff_ids: { $in: [...staff_ids] }, deleted_at: null } },
      { $unwind: '$assigned_staff_ids' },
      { $match: { assigned_staff_ids: { $in: [...staff_ids] } } },
      {
        $group: {
          _id: '$assigned_staff_ids',
          completed: { $sum: { $cond: [{ $eq: ['$status', 'completed'] }, 1, 0] } },
          canceled: { $sum: { $cond: [{ $eq: ['$status', 'canceled'] }, 1, 0] } },
          avg_duration: {
            $avg: { $cond: [{ $eq: ['$status', 'completed'] }, '$actual_duration_minutes', null] },
          },
          avg_rating: {
            $avg: { $cond: [{ $eq: ['$status', 'completed'] }, '$client_rating', null] },
          },
          today: {
            $sum: {
              $cond: [
                {
                  $and: [
                    { $eq: ['$scheduled_date', todayValue] },
                    { $not: [{ $in: ['$status', ['canceled', 'rescheduled']] }] },
                  ],
                },
                1,
                0,
              ],
            },
          },
          week_minutes: {
            $sum: {
              $cond: [
                {
                  $and: [
                    { $eq: ['$status', 'completed'] },
                    { $gte: ['$scheduled_date', scheduledDateValue(weekStart)] },
                    { $lte: ['$scheduled_date', todayValue] },
                  ],
                },
                { $ifNull: ['$actual_duration_minutes', 0] },
                0,
              ],
            },
          },
        },
      },
    ])
    .toArray();
  const byStaff = new Map(rows.map((r) => [r._id as string, r]));
  await db.collection('staff').bulkWrite(
    staff_ids.map((staff_id) => {
      const r = byStaff.get(staff_id);
      const finished = (r?.completed ?? 0) + (r?.canceled ?? 0);
      return {
        updateOne: {
          filter: { business_id, staff_id },
          update: {
            $set: {
              total_jobs_completed: r?.completed ?? 0,
              avg_completion_time_minutes:
                typeof r?.avg_duration === 'number' ? Math.round(r.avg_duration) : null,
              avg_customer_rating:
                typeof r?.avg_rating === 'number' ? roundTo(r.avg_rating, 1) : null,
              cancellation_rate: finished
                ? Math.round(((r?.canceled ?? 0) / finished) * 1000) / 1000
                : 0,
              jobs_assigned_today: r?.today ?? 0,
              hours_worked_this_week: roundTo((r?.week_minutes ?? 0) / 60, 1),
            },
          },
        },
      };
    }),
  );
}

/** staff_count and client_count: every staff member and client not deleted (inactive ones count). */
export async function recomputeBusinessCounts(db: Db, business_id: string): Promise<void> {
  const [staff_count, client_count] = await Promise.all([
    db.collection('staff').countDocuments({ business_id, deleted_at: null }),
    db.collection('clients').countDocuments({ business_id, deleted_at: null }),
  ]);
  await db
    .collection('businesses')
    .updateOne({ business_id }, { $set: { staff_count, client_count } });
}
