// Whose route a job is on. Crews are not stored: as on the board (renderer board/crews.ts), who
// works with whom is read off the day's jobs.
//
// - A job worked by a crew lead is on that lead's route (the first lead in its assigned staff).
// - Otherwise it follows its first person who has a crew that day: the lead they share the most
//   of the day's jobs with (ties: the lead who comes first in `leadIds`).
// - Otherwise (nobody assigned, or nobody with a crew) it is on no route.

export interface CrewJob {
  staff_ids: string[];
  /** Whether the job shows who works with whom (canceled and rescheduled jobs do not). */
  counts: boolean;
}

/** The crew lead id of each job, in the order given; null for a job on no crew's route. */
export function crewOfJobs(leadIds: string[], jobs: CrewJob[]): (string | null)[] {
  const leads = new Set(leadIds);
  const shared = new Map<string, Map<string, number>>();
  for (const job of jobs) {
    if (!job.counts) continue;
    const jobLeads = job.staff_ids.filter((id) => leads.has(id));
    for (const person of job.staff_ids) {
      if (leads.has(person)) continue;
      const counts = shared.get(person) ?? new Map<string, number>();
      for (const lead of jobLeads) counts.set(lead, (counts.get(lead) ?? 0) + 1);
      shared.set(person, counts);
    }
  }
  const leadOf = (person: string): string | null => {
    const counts = shared.get(person);
    let best: string | null = null;
    for (const lead of leadIds) {
      const n = counts?.get(lead) ?? 0;
      if (n > 0 && (best === null || n > (counts?.get(best) ?? 0))) best = lead;
    }
    return best;
  };
  return jobs.map((job) => {
    const lead = job.staff_ids.find((id) => leads.has(id));
    if (lead) return lead;
    for (const person of job.staff_ids) {
      const crew = leadOf(person);
      if (crew) return crew;
    }
    return null;
  });
}
