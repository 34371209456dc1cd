// Lanes grouped by crew lead. The data has no fixed crews: who works with whom changes by the day,
// so a crew is read off the day's jobs.
//
// - Every active crew lead heads a group, in the board's order (by last name).
// - Everyone else joins the lead they share the most of the day's jobs with (ties: the lead who
//   comes first). A person who shares no job with a lead that day is listed under
//   "Not with a crew today", at the end.
import type { Day, Person } from './layout';

export interface CrewGroup {
  /** The crew lead's staff id; null for the people not with a crew today. */
  lead_id: string | null;
  title: string;
  people: Person[];
}

/** The last answer per day's staff and jobs: the board and its crew filter both ask on each change. */
const known = new WeakMap<object, { appointments: unknown; groups: CrewGroup[] }>();

export function crewGroups(day: Pick<Day, 'staff' | 'appointments'>): CrewGroup[] {
  const kept = known.get(day.staff);
  if (kept?.appointments === day.appointments) return kept.groups;
  const groups = groupCrews(day);
  known.set(day.staff, { appointments: day.appointments, groups });
  return groups;
}

function groupCrews(day: Pick<Day, 'staff' | 'appointments'>): CrewGroup[] {
  const leads = day.staff.filter((p) => p.role === 'crew_lead');
  const leadIds = new Set(leads.map((p) => p.staff_id));
  const shared = new Map<string, Map<string, number>>();
  for (const job of day.appointments) {
    if (job.status === 'canceled' || job.status === 'rescheduled') continue;
    const jobLeads = job.assigned_staff_ids.filter((id) => leadIds.has(id));
    for (const person of job.assigned_staff_ids) {
      if (leadIds.has(person)) continue;
      const counts = shared.get(person) ?? new Map<string, number>();
      for (const lead of jobLeads) counts.set(lead, (counts.get(lead) ?? 0) + 1);
      shared.set(person, counts);
    }
  }
  const groups = new Map<string | null, Person[]>(leads.map((l) => [l.staff_id, [l]]));
  const loose: Person[] = [];
  for (const person of day.staff) {
    if (leadIds.has(person.staff_id)) continue;
    const counts = shared.get(person.staff_id);
    let best: string | null = null;
    for (const lead of leads) {
      const n = counts?.get(lead.staff_id) ?? 0;
      if (n > 0 && (best === null || n > (counts?.get(best) ?? 0))) best = lead.staff_id;
    }
    if (best === null) loose.push(person);
    else groups.get(best)?.push(person);
  }
  const result: CrewGroup[] = leads.map((lead) => ({
    lead_id: lead.staff_id,
    title: `${lead.first_name} ${lead.last_name}'s crew`,
    people: groups.get(lead.staff_id) ?? [lead],
  }));
  if (loose.length) result.push({ lead_id: null, title: 'Not with a crew today', people: loose });
  return result;
}
