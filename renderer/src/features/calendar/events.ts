// Appointments as FullCalendar events: local wall-clock times in the business's zone, titled
// "client · service", coloured by crew or by status.
import type { EventInput } from '@fullcalendar/react';
import { useMemo } from 'react';
import type { Output } from '../../../../shared/contract';
import { clockRange, dateKeyOf } from '../../../../shared/time';
import { STATUS_LABELS } from '../jobs/statusLabels';
import { MUTED_EVENT_CLASS } from './calendarTheme';
import { CREW_SWATCHES, STATUS_SWATCHES, UNASSIGNED_SWATCH, type Swatch } from './palette';

export type Range = Output<'board.range'>;
export type Job = Range['appointments'][number];
export type Person = Range['staff'][number];

export type ColorBy = 'crew' | 'status';

/** What the event carries besides its times, for the handlers and the tooltip. */
export interface JobEventProps {
  job: Job;
  muted: boolean;
  details: string;
}

/** Canceled and replaced (rescheduled) jobs are history: shown faded, never dragged. */
export const isMuted = (job: Job) => job.status === 'canceled' || job.status === 'rescheduled';

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

/** The person a job's colour follows: its crew lead, else the first person on it; null when unassigned. */
export function crewOf(job: Job, staff: Person[]): Person | null {
  const people = job.assigned_staff_ids
    .map((id) => staff.find((p) => p.staff_id === id))
    .filter((p): p is Person => p !== undefined);
  return people.find((p) => p.role === 'crew_lead') ?? people[0] ?? null;
}

/** Each staff member's colour by their place in the list (crew leads first, by name). */
export function crewSwatches(staff: Person[]): Map<string, Swatch> {
  return new Map(
    staff.map((p, i) => [p.staff_id, CREW_SWATCHES[i % CREW_SWATCHES.length] ?? UNASSIGNED_SWATCH]),
  );
}

export interface LegendEntry {
  key: string;
  label: string;
  swatch: Swatch;
}

export interface CalendarFilters {
  colorBy: ColorBy;
  showCanceled: boolean;
  /** Only jobs with this person on them; null for everyone. */
  staffId: string | null;
}

export function visibleJobs(range: Range, filters: CalendarFilters): Job[] {
  return range.appointments.filter(
    (job) =>
      (filters.showCanceled || !isMuted(job)) &&
      (filters.staffId === null || job.assigned_staff_ids.includes(filters.staffId)),
  );
}

export function toEvents(range: Range, jobs: Job[], colorBy: ColorBy): EventInput[] {
  const swatches = crewSwatches(range.staff);
  const clients = new Map(range.clients.map((c) => [c.client_id, c]));
  const services = new Map(range.services.map((s) => [s.service_id, s.name]));
  const people = new Map(range.staff.map((p) => [p.staff_id, fullName(p)]));
  return jobs.map((job) => {
    const client = clients.get(job.client_id);
    const service = services.get(job.service_id) ?? 'Service';
    const crew = crewOf(job, range.staff);
    const swatch =
      colorBy === 'status'
        ? STATUS_SWATCHES[job.status]
        : ((crew && swatches.get(crew.staff_id)) ?? UNASSIGNED_SWATCH);
    const date = dateKeyOf(job.scheduled_date);
    const muted = isMuted(job);
    const crewNames = job.assigned_staff_ids.map((id) => people.get(id) ?? id).join(', ');
    const extendedProps: JobEventProps = {
      job,
      muted,
      details: [
        clockRange(job.scheduled_start_time, job.scheduled_end_time),
        STATUS_LABELS[job.status],
        crewNames || 'Unassigned',
        client?.address ?? '',
      ]
        .filter(Boolean)
        .join(' · '),
    };
    return {
      id: job.appointment_id,
      title: `${client ? fullName(client) : 'Client'} · ${service}`,
      // No offset: FullCalendar reads these as wall-clock times in its timeZone (the business's).
      start: `${date}T${job.scheduled_start_time}:00`,
      end: `${date}T${job.scheduled_end_time}:00`,
      allDay: false,
      ...swatch,
      editable: job.status === 'scheduled',
      class: muted ? MUTED_EVENT_CLASS : undefined,
      extendedProps,
    };
  });
}

/** The colours on screen and what each means, for the legend above the calendar. */
export function legendOf(range: Range, jobs: Job[], colorBy: ColorBy): LegendEntry[] {
  if (colorBy === 'status') {
    const statuses = new Set(jobs.map((j) => j.status));
    return (Object.keys(STATUS_SWATCHES) as Job['status'][])
      .filter((s) => statuses.has(s))
      .map((s) => ({ key: s, label: STATUS_LABELS[s], swatch: STATUS_SWATCHES[s] }));
  }
  const swatches = crewSwatches(range.staff);
  const crews = new Set(jobs.map((j) => crewOf(j, range.staff)?.staff_id ?? null));
  const entries: LegendEntry[] = range.staff
    .filter((p) => crews.has(p.staff_id))
    .map((p) => ({
      key: p.staff_id,
      label: p.role === 'crew_lead' ? `${fullName(p)}'s crew` : fullName(p),
      swatch: swatches.get(p.staff_id) ?? UNASSIGNED_SWATCH,
    }));
  if (crews.has(null))
    entries.push({ key: 'unassigned', label: 'Unassigned', swatch: UNASSIGNED_SWATCH });
  return entries;
}

/**
 * The jobs the filters let through, as events, with their colour key; the same arrays until the data
 * or a filter changes, because FullCalendar re-reads every event when it gets a new array.
 */
export function useCalendarEvents(range: Range | undefined, filters: CalendarFilters) {
  const { colorBy, showCanceled, staffId } = filters;
  return useMemo(() => {
    if (!range) return { jobs: [], events: [], legend: [] };
    const jobs = visibleJobs(range, { colorBy, showCanceled, staffId });
    return {
      jobs,
      events: toEvents(range, jobs, colorBy),
      legend: legendOf(range, jobs, colorBy),
    };
  }, [range, colorBy, showCanceled, staffId]);
}
