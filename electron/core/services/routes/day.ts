// One business day as the route optimizer's input: who the crews are, where they start, their hours, and each job as a stop.
//
// The rules, in the dispatcher's words:
// - Jobs: the date's appointments that are not canceled or rescheduled (those are off the board's
//   routes). Jobs with nobody assigned are not planned ('unassigned').
// - Crews are read off the day's jobs as the map draws them (map/crews.ts): a job is on the route
//   of its first crew lead; without one, on the route of the lead its people work with most that
//   day; without that, its first person heads a crew of their own. A crew's staff are everyone on
//   its jobs that day, lead first; a job that moves to the crew gets them all.
// - Locked: a job confirmed with the client (client_notified_at set, the board's "confirmed") or
//   no longer 'scheduled' (in progress, completed) keeps its crew and start; it is still a stop the
//   others are planned around.
// - A job whose client has no map position cannot be routed, and the time it holds would be
//   invisible to the optimizer: its crew is 'skipped' (kept as it is) and the job is listed.
// - Hours: each person's working hours that day (their weekly schedule or special hours,
//   calendar.ts), or the business's hours for someone with none; the crew works where all of them
//   do (first start to last end of each, intersected), within the business's hours when it is open.
//   Time off inside the day is left to the board's rules, which routes.propose runs on its proposal.
// - Start and end: the lead's home base (staff.location), else the business location, else the
//   middle of the day's clients (noted in the proposal); crews return there.
// - Crew changes: a job may go to a crew that holds every machine it is booked with (the staff's
//   assigned_equipment_ids, or the machine's assigned_staff_ids) and has at least the service's
//   minimum_staff_count people.
import {
  mapSettingsOf,
  type Appointment,
  type Availability,
  type Business,
  type Equipment,
  type Service,
  type Staff,
} from '../../../../shared/schemas';
import { minutesOf, type DateKey } from '../../../../shared/time';
import type { LatLng, RouteCrew, RouteStop } from '../../routing';
import { businessHoursOn, staffHoursOn, type DayHours } from '../scheduling/calendar';
import { crewOfJobs } from '../map/crews';

export interface DayRecords {
  business: Business;
  /** The date's appointments, any status. */
  appointments: Appointment[];
  staff: Staff[];
  equipment: Equipment[];
  services: Service[];
  availability: Availability[];
  clients: {
    client_id: string;
    first_name: string;
    last_name: string;
    address: string;
    location?: unknown;
  }[];
}

export type StartSource = 'crew' | 'business' | 'clients';

export interface DayCrew {
  route: RouteCrew;
  name: string;
  sortKey: string;
  staff_ids: string[];
  source: StartSource;
  /** The crew's active jobs, by current start. */
  jobs: Appointment[];
  /** Set when the crew is not planned; the reason says why. */
  skipped?: string;
}

export interface JobInfo {
  job: Appointment;
  client_name: string;
  address: string;
  crew_id: string;
  locked: boolean;
}

export interface LeftInPlace {
  appointment_id: string;
  client_name: string;
  reason: 'no_location' | 'locked' | 'not_scheduled' | 'unassigned';
  message: string;
}

export interface RouteDay {
  crews: DayCrew[];
  /** Stops of the crews that are not skipped. */
  stops: RouteStop[];
  jobs: Map<string, JobInfo>;
  leftInPlace: LeftInPlace[];
  notes: string[];
}

const OFF_ROUTE: ReadonlySet<Appointment['status']> = new Set(['canceled', 'rescheduled']);

const pointOf = (value: unknown): LatLng | null => {
  const p = value as { type?: string; coordinates?: unknown } | null | undefined;
  if (p?.type !== 'Point' || !Array.isArray(p.coordinates)) return null;
  const [lng, lat] = p.coordinates as [unknown, unknown];
  return typeof lng === 'number' && typeof lat === 'number' ? { lat, lng } : null;
};

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

/** First start to last end of a day's ranges; null when nobody works. */
function hull(hours: DayHours): { start: number; end: number } | null {
  if (hours.ranges.length === 0) return null;
  return {
    start: Math.min(...hours.ranges.map((r) => minutesOf(r.start))),
    end: Math.max(...hours.ranges.map((r) => minutesOf(r.end))),
  };
}

export function buildRouteDay(records: DayRecords, date: DateKey): RouteDay {
  const { business, staff, availability } = records;
  const staffById = new Map(staff.map((s) => [s.staff_id, s]));
  const clientById = new Map(records.clients.map((c) => [c.client_id, c]));
  const minimumStaff = new Map(records.services.map((s) => [s.service_id, s.minimum_staff_count]));
  const clientName = (job: Appointment) => {
    const client = clientById.get(job.client_id);
    return client ? fullName(client) : 'Unknown client';
  };

  const active = records.appointments
    .filter((a) => !OFF_ROUTE.has(a.status))
    .sort(
      (a, b) =>
        minutesOf(a.scheduled_start_time) - minutesOf(b.scheduled_start_time) ||
        a.appointment_id.localeCompare(b.appointment_id),
    );
  const leftInPlace: LeftInPlace[] = [];
  const assigned: Appointment[] = [];
  for (const job of active) {
    if (job.assigned_staff_ids.length > 0) assigned.push(job);
    else if (job.status === 'scheduled') {
      leftInPlace.push({
        appointment_id: job.appointment_id,
        client_name: clientName(job),
        reason: 'unassigned',
        message: 'Nobody is assigned yet, so the job is on no route.',
      });
    }
  }

  const leads = staff
    .filter((s) => s.is_active && s.role === 'crew_lead')
    .sort(
      (a, b) => a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name),
    );
  const crewIds = crewOfJobs(
    leads.map((l) => l.staff_id),
    assigned.map((a) => ({ staff_ids: a.assigned_staff_ids, counts: true })),
  ).map((lead, i) => lead ?? (assigned[i]?.assigned_staff_ids[0] as string));

  const located = new Map<string, LatLng>();
  for (const job of assigned) {
    const point = pointOf(clientById.get(job.client_id)?.location);
    if (point) located.set(job.appointment_id, point);
  }
  const travel = mapSettingsOf(business.config);
  const notes: string[] = [
    `Distances and times are estimates: straight-line distance × ${travel.route_road_factor} for roads, at ${travel.route_average_speed_kmh} km/h.`,
  ];
  const businessPoint = pointOf(business.location);
  let centroid: LatLng | null = null;
  if (!businessPoint && located.size > 0) {
    const points = [...located.values()];
    centroid = {
      lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
      lng: points.reduce((sum, p) => sum + p.lng, 0) / points.length,
    };
    notes.push(
      "The business has no map position, so crews without a home base start and end in the middle of the day's clients.",
    );
  }

  const byCrew = new Map<string, Appointment[]>();
  assigned.forEach((job, i) => {
    const crewId = crewIds[i] as string;
    byCrew.set(crewId, [...(byCrew.get(crewId) ?? []), job]);
  });

  const businessHours = hull(businessHoursOn(business, availability, date));
  const equipmentOf = (people: ReadonlySet<string>) => {
    const ids = new Set<string>();
    for (const id of people)
      for (const eq of staffById.get(id)?.assigned_equipment_ids ?? []) ids.add(eq);
    for (const eq of records.equipment) {
      if (eq.assigned_staff_ids.some((id) => people.has(id))) ids.add(eq.equipment_id);
    }
    return ids;
  };

  const jobs = new Map<string, JobInfo>();
  const stops: RouteStop[] = [];
  const crews: DayCrew[] = [];
  for (const [crewId, crewJobs] of byCrew) {
    const lead = staffById.get(crewId);
    const people = new Set([crewId, ...crewJobs.flatMap((j) => j.assigned_staff_ids)]);
    const staffIds = [...people];

    let hours: { start: number; end: number } | null = null;
    let open = true;
    for (const id of staffIds) {
      const person = staffById.get(id);
      const own = person ? hull(staffHoursOn(person, availability, date)) : null;
      const theirs = own ?? businessHours;
      if (!theirs) {
        open = false;
        break;
      }
      hours = hours
        ? { start: Math.max(hours.start, theirs.start), end: Math.min(hours.end, theirs.end) }
        : theirs;
    }
    // Proposals stay inside the business's hours too: a route starting before opening would only
    // come back from the board's rules as a warning to override.
    if (hours && businessHours) {
      hours = {
        start: Math.max(hours.start, businessHours.start),
        end: Math.min(hours.end, businessHours.end),
      };
    }
    const ownStart = pointOf(lead?.location);
    const start = ownStart ?? businessPoint ?? centroid;
    const source: StartSource = ownStart ? 'crew' : businessPoint ? 'business' : 'clients';

    const unlocated = crewJobs.filter((j) => !located.has(j.appointment_id));
    let skipped: string | undefined;
    if (unlocated.length > 0) {
      const names = unlocated.map(clientName).join(', ');
      skipped = `Not planned: ${names} ${unlocated.length === 1 ? 'is' : 'are'} not on the map yet. Place the client on the map, then optimize again.`;
    } else if (!open || !hours || hours.end <= hours.start) {
      skipped = 'Not planned: the crew has no working hours in common that day.';
    }

    const capabilities = [...equipmentOf(people), ...staffIds.map((_, i) => `staff:${i + 1}`)];
    for (const job of crewJobs) {
      const locked = job.client_notified_at !== null || job.status !== 'scheduled';
      jobs.set(job.appointment_id, {
        job,
        client_name: clientName(job),
        address: clientById.get(job.client_id)?.address ?? '',
        crew_id: crewId,
        locked,
      });
      const location = located.get(job.appointment_id);
      if (!location) {
        leftInPlace.push({
          appointment_id: job.appointment_id,
          client_name: clientName(job),
          reason: 'no_location',
          message: "The client is not on the map, so the job's place in the route is unknown.",
        });
      } else if (job.status !== 'scheduled') {
        leftInPlace.push({
          appointment_id: job.appointment_id,
          client_name: clientName(job),
          reason: 'not_scheduled',
          message: `The job is ${job.status.replace('_', ' ')}; the route is planned around it.`,
        });
      } else if (locked) {
        leftInPlace.push({
          appointment_id: job.appointment_id,
          client_name: clientName(job),
          reason: 'locked',
          message: 'Confirmed with the client: it keeps its crew and time.',
        });
      }
      if (skipped || !location) continue;
      const startMinutes = minutesOf(job.scheduled_start_time);
      stops.push({
        appointment_id: job.appointment_id,
        crew_id: crewId,
        location,
        duration_minutes: minutesOf(job.scheduled_end_time) - startMinutes,
        start_minutes: startMinutes,
        locked,
        requires: [...job.assigned_equipment_ids, `staff:${minimumStaff.get(job.service_id) ?? 1}`],
      });
    }

    crews.push({
      route: {
        crew_id: crewId,
        // A skipped crew is never given to the optimizer; the placeholders only fill the shape.
        start: start ?? { lat: 0, lng: 0 },
        hours: hours && hours.end > hours.start ? hours : { start: 0, end: 1 },
        capabilities,
      },
      name: lead ? fullName(lead) : crewId,
      sortKey: lead ? `${lead.last_name} ${lead.first_name}` : crewId,
      staff_ids: staffIds,
      source,
      jobs: crewJobs,
      ...(skipped ? { skipped } : {}),
    });
  }
  // The board's lane order: by the lead's last name.
  crews.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  return { crews, stops, jobs, leftInPlace, notes };
}
