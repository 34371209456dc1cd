// The board's filters, kept in the address (?crew=…&service=…&status=…) so a reload or a shared
// link shows the same board.
import type { CrewGroup } from './crews';
import type { Job } from './layout';

export interface BoardFilters {
  /** Crew lead ids; 'none' stands for the people not with a crew today. Empty: every crew. */
  crews: string[];
  services: string[];
  statuses: string[];
}

export const NO_CREW = 'none';

export function filtersFrom(params: URLSearchParams): BoardFilters {
  const list = (name: string) => params.getAll(name).filter(Boolean);
  return { crews: list('crew'), services: list('service'), statuses: list('status') };
}

/** The same params with the filters replaced (the date and anything else kept). */
export function withFilters(params: URLSearchParams, filters: BoardFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, values] of [
    ['crew', filters.crews],
    ['service', filters.services],
    ['status', filters.statuses],
  ] as const) {
    next.delete(name);
    for (const v of values) next.append(name, v);
  }
  return next;
}

export const isFiltered = (f: BoardFilters) =>
  f.crews.length + f.services.length + f.statuses.length > 0;

export function visibleGroups(groups: CrewGroup[], f: BoardFilters): CrewGroup[] {
  if (f.crews.length === 0) return groups;
  return groups.filter((g) => f.crews.includes(g.lead_id ?? NO_CREW));
}

export function jobVisible(job: Job, f: BoardFilters): boolean {
  return (
    (f.services.length === 0 || f.services.includes(job.service_id)) &&
    (f.statuses.length === 0 || f.statuses.includes(job.status))
  );
}
