// Structural sharing for the board's day: what did not change keeps its object, so memoised lanes
// and cards skip their repaint after a refetch or a move.
import type { Day } from './layout';

const instant = (at: Date | null) => at?.getTime() ?? '';

/**
 * What identifies a job's state: its version, (because an optimistic move changes the place but not
 * the version) its place, and where the client stands (notified, confirmed, wants another time):
 * the outbox marks a job notified without a new version.
 */
function jobKey(a: Day['appointments'][number]): string {
  return [
    a.appointment_id,
    a.version,
    a.status,
    a.scheduled_date.getTime(),
    a.scheduled_start_time,
    a.scheduled_end_time,
    a.assigned_staff_ids.join(','),
    instant(a.client_notified_at),
    instant(a.client_confirmed_at),
    instant(a.reschedule_requested_at),
  ].join('|');
}

/**
 * Keeps the previous day's objects where nothing changed, so the memoised cards of unchanged jobs
 * are not repainted after a refetch (TanStack's own sharing treats every Date as new). A job with
 * the same id, version and place is the same job; warnings are compared by value.
 */
export function shareDay(previous: Day | undefined, next: Day): Day {
  if (!previous) return next;
  // An optimistic move (showOnBoards) brings the same objects but one: those are kept as they are,
  // and only the rest is compared, so a drop does not re-key 600 jobs and re-serialise the lists.
  const before = new Set([...previous.appointments, ...previous.unassigned]);
  let byId: Map<string, Day['appointments'][number]> | undefined;
  const same = (list: Day['appointments']) => {
    if (list === previous.appointments || list === previous.unassigned) return list;
    return list.map((item) => {
      if (before.has(item)) return item;
      byId ??= new Map([...before].map((a) => [a.appointment_id, a]));
      const old = byId.get(item.appointment_id);
      return old && jobKey(old) === jobKey(item) ? old : item;
    });
  };
  const keep = <T>(before: Record<string, T>, after: Record<string, T>) => {
    if (before === after) return before;
    let changed = Object.keys(before).length !== Object.keys(after).length;
    const kept = Object.fromEntries(
      Object.entries(after).map(([id, value]) => {
        if (JSON.stringify(before[id]) === JSON.stringify(value)) return [id, before[id] as T];
        changed = true;
        return [id, value];
      }),
    );
    // The same map when nothing in it changed, so the lanes need not look again.
    return changed ? kept : before;
  };
  // Lists that did not change keep their objects too (a refetch brings new ones every time).
  const unchanged = <T>(before: T, after: T): T =>
    before === after || JSON.stringify(before) === JSON.stringify(after) ? before : after;
  return {
    ...next,
    hours: unchanged(previous.hours, next.hours),
    staff: unchanged(previous.staff, next.staff),
    clients: unchanged(previous.clients, next.clients),
    services: unchanged(previous.services, next.services),
    availability: unchanged(previous.availability, next.availability),
    appointments: same(next.appointments),
    unassigned: same(next.unassigned),
    warnings: keep(previous.warnings, next.warnings),
    weather_risks: keep(previous.weather_risks, next.weather_risks),
  };
}
