// The report's aggregation pipelines: plain $match/$project/$group/$facet, the same on MongoDB and the embedded server.
import type { Document } from 'mongodb';
import type { Period, ZoneCalendar } from './period';

/** A time 'HH:mm' as minutes since midnight, in a pipeline. */
const minutesOfExpr = (field: string): Document => ({
  $add: [
    { $multiply: [{ $toInt: { $substrBytes: [field, 0, 2] } }, 60] },
    { $toInt: { $substrBytes: [field, 3, 2] } },
  ],
});

const completedIn = { cur: true, status: 'completed' };

/**
 * Every appointment figure over the period (and the one before it when compared), in one pass.
 * Days whose clocks change are left out of booked hours and punctuality (a job's wall-clock times
 * are not its real minutes there) and listed in `clockChangeJobs` for the caller to work out.
 */
export function appointmentsPipeline(
  scope: Document,
  current: Period,
  window: { firstDay: Date; afterLastDay: Date },
  zone: ZoneCalendar,
): Document[] {
  const changeDays = zone.clockChangeDays.map((day) => new Date(`${day}T00:00:00.000Z`));
  const offset: Document = {
    $switch: {
      branches: zone.offsets.map((o) => ({
        case: { $lt: ['$scheduled_date', o.until] },
        then: o.minutes,
      })),
      default: zone.offsets.at(-1)?.minutes ?? 0,
    },
  };
  return [
    {
      $match: {
        ...scope,
        scheduled_date: { $gte: window.firstDay, $lt: window.afterLastDay },
      },
    },
    {
      $project: {
        _id: 0,
        appointment_id: 1,
        client_id: 1,
        service_id: 1,
        status: 1,
        scheduled_date: 1,
        scheduled_start_time: 1,
        scheduled_end_time: 1,
        assigned_staff_ids: 1,
        estimated_duration_minutes: 1,
        actual_duration_minutes: 1,
        actual_start_time: 1,
        total_price: 1,
        cancellation_reason: 1,
        client_rating: 1,
        amount: { $ifNull: ['$amount_charged', 0] },
        texted: {
          $and: [
            { $ne: [{ $ifNull: ['$client_notified_at', null] }, null] },
            { $eq: ['$client_notification_method', 'sms'] },
          ],
        },
        confirmed: { $ne: [{ $ifNull: ['$client_confirmed_at', null] }, null] },
        cur: { $gte: ['$scheduled_date', current.firstDay] },
      },
    },
    {
      $facet: {
        statuses: [
          {
            $group: {
              _id: { cur: '$cur', status: '$status' },
              jobs: { $sum: 1 },
              amount: { $sum: '$amount' },
            },
          },
        ],
        canceled: [
          { $match: { status: 'canceled' } },
          {
            $group: {
              _id: { cur: '$cur', reason: '$cancellation_reason' },
              jobs: { $sum: 1 },
            },
          },
        ],
        revenueByDay: [
          { $match: completedIn },
          { $group: { _id: '$scheduled_date', amount: { $sum: '$amount' } } },
        ],
        byService: [
          { $match: completedIn },
          {
            $group: {
              _id: '$service_id',
              amount: { $sum: '$amount' },
              jobs: { $sum: 1 },
              actual: { $avg: '$actual_duration_minutes' },
              estimated: { $avg: '$estimated_duration_minutes' },
            },
          },
        ],
        byStaff: [
          { $match: completedIn },
          { $unwind: '$assigned_staff_ids' },
          {
            $group: {
              _id: '$assigned_staff_ids',
              amount: { $sum: '$amount' },
              jobs: { $sum: 1 },
              rating_sum: { $sum: { $ifNull: ['$client_rating', 0] } },
              ratings: {
                $sum: { $cond: [{ $eq: [{ $ifNull: ['$client_rating', null] }, null] }, 0, 1] },
              },
            },
          },
        ],
        booked: [
          {
            $match: {
              cur: true,
              status: { $nin: ['canceled', 'rescheduled'] },
              scheduled_date: { $nin: changeDays },
            },
          },
          { $unwind: '$assigned_staff_ids' },
          {
            $group: {
              _id: '$assigned_staff_ids',
              minutes: {
                $sum: {
                  $subtract: [
                    minutesOfExpr('$scheduled_end_time'),
                    minutesOfExpr('$scheduled_start_time'),
                  ],
                },
              },
            },
          },
        ],
        punctuality: [
          {
            $match: {
              status: 'completed',
              actual_start_time: { $type: 'date' },
              scheduled_date: { $nin: changeDays },
            },
          },
          {
            $project: {
              cur: 1,
              delay: {
                $divide: [
                  {
                    $subtract: [
                      '$actual_start_time',
                      {
                        $add: [
                          '$scheduled_date',
                          {
                            $multiply: [
                              { $subtract: [minutesOfExpr('$scheduled_start_time'), offset] },
                              60_000,
                            ],
                          },
                        ],
                      },
                    ],
                  },
                  60_000,
                ],
              },
            },
          },
          {
            $group: {
              _id: '$cur',
              measured: { $sum: 1 },
              on_time: { $sum: { $cond: [{ $lte: ['$delay', 15] }, 1, 0] } },
              delay_sum: { $sum: { $max: ['$delay', 0] } },
            },
          },
        ],
        clockChangeJobs: [
          { $match: { scheduled_date: { $in: changeDays } } },
          {
            $project: {
              cur: 1,
              scheduled_date: 1,
              scheduled_start_time: 1,
              scheduled_end_time: 1,
              status: 1,
              assigned_staff_ids: 1,
              actual_start_time: 1,
            },
          },
        ],
        // Active and repeat clients of each period (two branches: a string key groups fastest).
        ...Object.fromEntries(
          [true, false].map((cur) => [
            cur ? 'clients' : 'clientsBefore',
            [
              { $match: { cur, status: 'completed' } },
              { $group: { _id: '$client_id', jobs: { $sum: 1 } } },
              {
                $group: {
                  _id: cur,
                  active: { $sum: 1 },
                  repeat: { $sum: { $cond: [{ $gte: ['$jobs', 2] }, 1, 0] } },
                },
              },
            ],
          ]),
        ),
        topClients: [
          { $match: completedIn },
          { $group: { _id: '$client_id', revenue: { $sum: '$amount' }, jobs: { $sum: 1 } } },
          { $sort: { revenue: -1, _id: 1 } },
          { $limit: TOP_CLIENTS },
        ],
        rescheduled: [
          { $match: { status: 'rescheduled' } },
          { $project: { appointment_id: 1, scheduled_date: 1, total_price: 1, cur: 1 } },
        ],
        texted: [
          { $match: { texted: true } },
          {
            $group: {
              _id: '$cur',
              texted: { $sum: 1 },
              confirmed: { $sum: { $cond: ['$confirmed', 1, 0] } },
            },
          },
        ],
      },
    },
  ];
}

export const TOP_CLIENTS = 10;

/**
 * The jobs that replaced ones moved for the weather, whose old start fell near the period: the
 * flag sits on the replacement, `rescheduled_from_appointment_id` names the job that moved.
 */
export function weatherMovesPipeline(
  scope: Document,
  current: Period,
  previous: Period | null = null,
): Document[] {
  const margin = 86_400_000;
  // Both periods at once; the caller tells them apart by the moved job's own date.
  if (previous) current = { ...current, start: previous.start };
  return [
    {
      $match: {
        ...scope,
        was_rescheduled_due_to_weather: true,
        rescheduled_from_datetime: {
          $gte: new Date(current.start.getTime() - margin),
          $lt: new Date(current.end.getTime() + margin),
        },
      },
    },
    { $project: { _id: 0, rescheduled_from_appointment_id: 1 } },
  ];
}

const inPeriod = (field: string, period: Period): Document => ({
  [field]: { $gte: period.start, $lt: period.end },
});

export function clientsPipeline(scope: Document, current: Period): Document[] {
  return [
    { $match: scope },
    { $project: { _id: 0, created_at: 1, sms_opted_out_at: 1, balance_due: 1 } },
    {
      $facet: {
        created: [
          { $match: inPeriod('created_at', current) },
          { $group: { _id: null, n: { $sum: 1 } } },
        ],
        optedOut: [
          { $match: inPeriod('sms_opted_out_at', current) },
          { $group: { _id: null, n: { $sum: 1 } } },
        ],
        balance: [
          { $match: { balance_due: { $gt: 0 } } },
          { $group: { _id: null, total: { $sum: '$balance_due' }, n: { $sum: 1 } } },
        ],
      },
    },
  ];
}

/**
 * Texts of the period: those sent in it (by sent_at), and those that failed without being sent
 * (no sent_at), dated by when they were last updated.
 */
export function messagesPipeline(
  scope: Document,
  current: Period,
  previous: Period | null = null,
): Document[] {
  // One pass over both periods: `_id` of each group is true for this period, false for the one
  // before.
  const window = previous ? { ...current, start: previous.start } : current;
  return [
    {
      $match: {
        ...scope,
        channel: 'sms',
        $or: [inPeriod('sent_at', window), { sent_at: null, ...inPeriod('updated_at', window) }],
      },
    },
    {
      $group: {
        _id: { $gte: [{ $ifNull: ['$sent_at', '$updated_at'] }, current.start] },
        sent: { $sum: { $cond: [{ $eq: [{ $ifNull: ['$sent_at', null] }, null] }, 0, 1] } },
        delivered: { $sum: { $cond: [{ $eq: ['$delivery_status', 'delivered'] }, 1, 0] } },
        failed: {
          $sum: {
            $cond: [
              {
                $or: [
                  { $in: ['$status', ['failed', 'bounced']] },
                  { $in: ['$delivery_status', ['undelivered', 'bounced', 'failed']] },
                ],
              },
              1,
              0,
            ],
          },
        },
      },
    },
  ];
}

export function equipmentPipeline(scope: Document, current: Period, today: Date): Document[] {
  return [
    { $match: scope },
    {
      $project: {
        _id: 0,
        equipment_id: 1,
        name: 1,
        maintenance_notes: 1,
        maintenance_due_date: 1,
        status: 1,
        is_active: 1,
      },
    },
    {
      $facet: {
        costs: [
          { $unwind: '$maintenance_notes' },
          {
            $match: {
              'maintenance_notes.date': { $gte: current.firstDay, $lt: current.afterLastDay },
            },
          },
          {
            $group: {
              _id: '$equipment_id',
              name: { $first: '$name' },
              cost: { $sum: '$maintenance_notes.cost' },
            },
          },
          { $sort: { cost: -1, _id: 1 } },
        ],
        overdue: [
          {
            $match: {
              is_active: true,
              status: { $ne: 'retired' },
              maintenance_due_date: { $lt: today },
            },
          },
          { $project: { equipment_id: 1, name: 1, maintenance_due_date: 1 } },
          { $sort: { maintenance_due_date: 1, equipment_id: 1 } },
        ],
      },
    },
  ];
}
