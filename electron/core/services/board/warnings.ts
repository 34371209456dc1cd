// What is wrong with the jobs already on a day: the same rules a move is checked against, run over
// each job in place, so the board can flag clashes that came from imports, edits or overrides.
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import { dateKeyOf } from '../../../../shared/time';
import { weatherRisks, type WeatherThresholds } from '../../../../shared/weather/risk';
import { checkPlacement, type Finding } from '../scheduling/rules';

export interface DayFacts {
  business: Business;
  /** The day's jobs. */
  appointments: Appointment[];
  /** Jobs of the day before, the day and the day after (overlaps and travel gaps cross midnight). */
  nearby: Appointment[];
  services: Service[];
  staff: Staff[];
  equipment: Equipment[];
  availability: Availability[];
  names: { clients: Record<string, string>; services: Record<string, string> };
}

const CHECKED: ReadonlySet<string> = new Set(['scheduled', 'in_progress']);

function indexBy<T>(items: T[], keys: (item: T) => string[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const list = map.get(key);
      if (list) list.push(item);
      else map.set(key, [item]);
    }
  }
  return map;
}

const NONE: readonly Appointment[] = [];

/**
 * The jobs sharing a person or a machine with `job` (itself included), each once. Read-only: the
 * usual job gets its person's list from the index itself.
 */
function relatedJobs(
  job: Appointment,
  byStaff: Map<string, Appointment[]>,
  byEquipment: Map<string, Appointment[]>,
): readonly Appointment[] {
  const staffIds = job.assigned_staff_ids;
  const equipmentIds = job.assigned_equipment_ids;
  // The usual job, one person and no machine: that person's list as it is, nothing copied.
  if (staffIds.length === 1 && equipmentIds.length === 0) {
    return byStaff.get(staffIds[0] as string) ?? NONE;
  }
  const related = new Set<Appointment>();
  for (const id of staffIds) for (const other of byStaff.get(id) ?? NONE) related.add(other);
  for (const id of equipmentIds)
    for (const other of byEquipment.get(id) ?? NONE) related.add(other);
  return [...related];
}

/**
 * Violations (and informational notices, such as maintenance due soon) of each scheduled or
 * in-progress job with a crew, by appointment id (none: absent).
 */
export function dayWarnings(facts: DayFacts): Record<string, Finding[]> {
  const services = new Map(facts.services.map((s) => [s.service_id, s]));
  const staff = new Map(facts.staff.map((s) => [s.staff_id, s]));
  const equipment = new Map(facts.equipment.map((e) => [e.equipment_id, e]));
  // Only the jobs that share a person or a machine can clash: index them once, not per job.
  const byStaff = indexBy(facts.nearby, (a) => a.assigned_staff_ids);
  const byEquipment = indexBy(facts.nearby, (a) => a.assigned_equipment_ids);
  const warnings: Record<string, Finding[]> = {};
  for (const job of facts.appointments) {
    const service = services.get(job.service_id);
    if (!CHECKED.has(job.status) || job.assigned_staff_ids.length === 0 || !service) continue;
    const related = relatedJobs(job, byStaff, byEquipment);
    const { hard, soft, info } = checkPlacement(
      {
        appointment_id: job.appointment_id,
        scheduled_date: dateKeyOf(job.scheduled_date),
        start: job.scheduled_start_time,
        end: job.scheduled_end_time,
        staff_ids: job.assigned_staff_ids,
        equipment_ids: job.assigned_equipment_ids,
        service_id: job.service_id,
      },
      {
        business: facts.business,
        service,
        staff: job.assigned_staff_ids.flatMap((id) => staff.get(id) ?? []),
        equipment: job.assigned_equipment_ids.flatMap((id) => equipment.get(id) ?? []),
        nearbyAppointments: related,
        availability: facts.availability,
        names: facts.names,
      },
    );
    const found = [...hard, ...soft, ...info];
    if (found.length) warnings[job.appointment_id] = found;
  }
  return warnings;
}

/** Forecast problems of each job that has a forecast, by appointment id (none: absent). */
export function dayWeatherRisks(
  appointments: Appointment[],
  thresholds: WeatherThresholds,
): Record<string, string[]> {
  const risks: Record<string, string[]> = {};
  for (const job of appointments) {
    if (!job.weather_data_at_time) continue;
    const found = weatherRisks(job.weather_data_at_time, thresholds);
    if (found.length) risks[job.appointment_id] = found;
  }
  return risks;
}
