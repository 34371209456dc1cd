// A constructed day with known geography for the route tests, seeded through the contract.
//
// Every client lies on the east–west line through the business (the crews' start), so the
// shortest routes are obvious: crew A starts at the business and is booked 8 km, 2 km, 6 km
// (confirmed), 4 km east — out and back twice — where 2 → 4 → 6 → 8 drives 16 km instead of 24.
// Crew B starts from its lead's home 3 km west and is booked 4 km west, then 5 km east: the east
// job costs B 16 km more, and costs A nothing on its way to 8 km. Crew C's only client is not on
// the map. One job has no crew.
import type { Db } from 'mongodb';
import type { connection } from '../../support/core';
import { WEEKDAY_HOURS } from '../../support/fixtures';

type Tab = ReturnType<typeof connection>;

export interface Job {
  appointment_id: string;
  version: number;
  scheduled_start_time: string;
  scheduled_end_time: string;
  assigned_staff_ids: string[];
  client_notified_at: Date | null;
  audit_log: { action: string; note?: string }[];
}

export interface RouteDayFixture {
  date: string;
  leadA: string;
  leadB: string;
  leadC: string;
  /** Jobs by the client's name: 'A8', 'A2', 'A6' (confirmed), 'A4', 'B4w', 'B5e', 'C?', 'Queue'. */
  jobs: Record<string, Job>;
  /** Client names by the same keys ("A8 East"). */
  names: Record<string, string>;
}

/** km east (negative: west) of the business along its latitude. */
const east = (origin: { lat: number; lng: number }, km: number) => ({
  latitude: origin.lat,
  longitude: origin.lng + km / (111.32 * Math.cos((origin.lat * Math.PI) / 180)),
});

export async function seedRouteDay(tab: Tab, db: Db, date: string): Promise<RouteDayFixture> {
  const businessId = tab.session?.business_id;
  const business = await db.collection('businesses').findOne({ business_id: businessId });
  const [lng, lat] = business?.location.coordinates as [number, number];
  const origin = { lat, lng };
  const tag = date.replace(/-/g, '');

  const service = await tab.value<{ service_id: string }>('services.create', {
    data: {
      vertical: 'lawn_care',
      name: `Route test mow ${tag}`,
      category: 'maintenance',
      default_duration_minutes: 60,
      default_price: 50,
      currency: 'USD',
    },
  });
  const lead = async (name: string) =>
    (
      await tab.value<{ staff_id: string }>('staff.create', {
        data: {
          first_name: name,
          last_name: `Route ${tag}`,
          role: 'crew_lead',
          availability_schedule: WEEKDAY_HOURS,
        },
      })
    ).staff_id;
  const [leadA, leadB, leadC] = [await lead('Ada'), await lead('Ben'), await lead('Cy')];

  const names: Record<string, string> = {};
  const client = async (key: string, km: number | null) => {
    const created = await tab.value<{ client_id: string; first_name: string; last_name: string }>(
      'clients.create',
      {
        data: {
          first_name: key,
          last_name: `Route ${tag}`,
          phone: '+1-205-555-0142',
          address: `${key} Test Rd`,
          city: 'Birmingham',
          state: 'AL',
          zip_code: '35203',
          ...(km === null ? {} : east(origin, km)),
        },
      },
    );
    names[key] = `${created.first_name} ${created.last_name}`;
    return created.client_id;
  };

  const jobs: Record<string, Job> = {};
  const book = async (key: string, km: number | null, start: string, staff: string[]) => {
    const created = await tab.value<{ appointments: Job[] }>('jobs.create', {
      client_id: await client(key, km),
      service_id: service.service_id,
      scheduled_date: date,
      start,
      staff_ids: staff,
      equipment_ids: [],
    });
    jobs[key] = created.appointments[0] as Job;
  };
  await book('A8', 8, '08:30', [leadA]);
  await book('A2', 2, '10:00', [leadA]);
  await book('A6', 6, '11:30', [leadA]);
  await book('A4', 4, '13:00', [leadA]);
  await book('B4w', -4, '08:30', [leadB]);
  await book('B5e', 5, '15:00', [leadB]);
  await book('C?', null, '09:00', [leadC]);
  await book('Queue', 1, '09:00', []);

  // B's home base: not editable through staff.update (positions are set on the map).
  await db
    .collection('staff')
    .updateOne(
      { staff_id: leadB },
      { $set: { location: { type: 'Point', coordinates: [east(origin, -3).longitude, lat] } } },
    );

  // Confirmed with the client: the board's "confirmed" (set by the reminder texts, not a channel).
  const confirmedAt = new Date(`${date}T00:00:00Z`);
  await db
    .collection('appointments')
    .updateOne(
      { appointment_id: jobs.A6?.appointment_id },
      { $set: { client_notified_at: confirmedAt, client_notification_method: 'sms' } },
    );
  jobs.A6 = { ...(jobs.A6 as Job), client_notified_at: confirmedAt };
  return { date, leadA, leadB, leadC, jobs, names };
}
