// The board's geometry and labels: one place for the time axis, lane sizes and clock text.
import type { Output } from '../../../../shared/contract';
import { minutesOf } from '../../../../shared/time';

export type Day = Output<'board.day'>;
export type Job = Day['appointments'][number];
export type Person = Day['staff'][number];

export const LANE_HEIGHT = 56;
export const NAME_WIDTH = 180;
/**
 * How wide an hour is on the board, in px, narrowest first: the dispatcher zooms between these
 * (the narrowest fits a whole working day beside the queue on a laptop's screen).
 */
export const HOUR_WIDTHS = [48, 80, 120, 180, 240] as const;
export type HourWidth = (typeof HOUR_WIDTHS)[number];
export const DEFAULT_HOUR_WIDTH: HourWidth = 120;
export const isHourWidth = (value: unknown): value is HourWidth =>
  HOUR_WIDTHS.includes(value as HourWidth);
export const SNAP_MINUTES = 15;
export const QUEUE_WIDTH = 300;

/** US dispatch style: 9:00, 1:30 (AM/PM is on the hour ticks). */
export function clock(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')}`;
}

const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * "Wednesday, December 9, 2026", as en-US writes it. Spelled out here rather than asked of Intl:
 * the board's header is drawn on every start, and the first long-date format a page asks for
 * loads the locale's calendar data (20–30 ms of the board's first render, bench:board).
 */
export function longDate(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAY_NAMES[day.getUTCDay()]}, ${MONTH_NAMES[day.getUTCMonth()]} ${day.getUTCDate()}, ${day.getUTCFullYear()}`;
}

const axes = new WeakMap<Day, { from: number; to: number }>();

/**
 * The axis: business hours with an hour of margin (6:00–20:00 on a closed day), widened to fit every
 * job. Worked out once per day object: the board and its lanes ask on every drop.
 */
export function axisOf(day: Day): { from: number; to: number } {
  const known = axes.get(day);
  if (known) return known;
  let from = day.hours ? Math.max(0, minutesOf(day.hours.start) - 60) : 6 * 60;
  let to = day.hours ? Math.min(24 * 60, minutesOf(day.hours.end) + 60) : 20 * 60;
  for (const job of day.appointments) {
    from = Math.min(from, Math.floor(minutesOf(job.scheduled_start_time) / 60) * 60);
    to = Math.max(to, Math.ceil(minutesOf(job.scheduled_end_time) / 60) * 60);
  }
  const axis = { from, to };
  axes.set(day, axis);
  return axis;
}

/** Minutes a horizontal drag covered, snapped to the quarter hour. */
export const snappedMinutes = (dx: number, hourWidth: number) =>
  Math.round(((dx / hourWidth) * 60) / SNAP_MINUTES) * SNAP_MINUTES;

/** Where `minutes` falls on a lane's timeline that starts at `axisFrom`. */
export const xOf = (minutes: number, axisFrom: number, hourWidth: number) =>
  ((minutes - axisFrom) / 60) * hourWidth;

export const durationOf = (job: Job) =>
  minutesOf(job.scheduled_end_time) - minutesOf(job.scheduled_start_time);

export function clientName(day: Pick<Day, 'clients'>, job: Job): string {
  const client = day.clients.find((c) => c.client_id === job.client_id);
  return client ? `${client.first_name} ${client.last_name}` : 'Unknown client';
}

export function serviceName(day: Pick<Day, 'services'>, job: Job): string {
  return day.services.find((s) => s.service_id === job.service_id)?.name ?? 'Unknown service';
}

export const personName = (p: Pick<Person, 'first_name' | 'last_name'>) =>
  `${p.first_name} ${p.last_name}`;

/** The least of the client's name a card keeps beside its marks (about six letters). */
const NAME_MIN_WIDTH = 48;
/** A mark and the gap before it. */
const MARK_WIDTH = 16;
/** A card's padding and borders around its title row. */
const CARD_CHROME = 19;

/** How many marks (warning, flag, weather, confirmation, linked crew) fit by the name: one at least. */
export const marksThatFit = (cardWidth: number) =>
  Math.max(1, Math.floor((cardWidth - CARD_CHROME - NAME_MIN_WIDTH) / MARK_WIDTH));
