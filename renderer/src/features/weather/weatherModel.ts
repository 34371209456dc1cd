// The weather plan in the dispatcher's words: days, slots, forecasts, risks and sweep times as text.
import type { Output } from '../../../../shared/contract';
import type { WeatherCondition, WeatherData } from '../../../../shared/schemas/weather-cache';
import { localDateOf } from '../../../../shared/time';
import { clock } from '../board/layout';

export type WeatherPlan = Output<'weather.plan'>;
export type PlanItem = WeatherPlan['items'][number];
export type WatchStatus = WeatherPlan['status'];
export type Slot = PlanItem['before'];
export type SweepResult = Output<'weather.checkNow'>;

/** An open proposal can be approved when it has a slot, and dismissed either way. */
export const isOpen = (item: PlanItem) => item.status === 'open';
export const canApprove = (item: PlanItem) => isOpen(item) && item.after !== null;

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "48 hours", or "3 days" for a whole number of days from three up. */
export function windowText(hours: number): string {
  return hours >= 72 && hours % 24 === 0
    ? plural(hours / 24, 'day', 'days')
    : plural(hours, 'hour', 'hours');
}

/** The items by the day the job is on now, days in order and jobs by start time within each. */
export function byDay(items: PlanItem[]): { date: string; items: PlanItem[] }[] {
  const sorted = [...items].sort(
    (a, b) =>
      a.before.date.localeCompare(b.before.date) ||
      a.before.start.localeCompare(b.before.start) ||
      a.client_name.localeCompare(b.client_name),
  );
  const days: { date: string; items: PlanItem[] }[] = [];
  for (const item of sorted) {
    const last = days.at(-1);
    if (last?.date === item.before.date) last.items.push(item);
    else days.push({ date: item.before.date, items: [item] });
  }
  return days;
}

/** "Tue, Jun 3". */
export function shortDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

const period = (time: string) => (Number(time.split(':')[0]) < 12 ? 'AM' : 'PM');

/** "9:00–11:30 AM", or "11:00 AM–1:30 PM" across noon. */
export function timeRange(start: string, end: string): string {
  return period(start) === period(end)
    ? `${clock(start)}–${clock(end)} ${period(end)}`
    : `${clock(start)} ${period(start)}–${clock(end)} ${period(end)}`;
}

/** "Tue, Jun 3 · 9:00–11:30 AM". */
export const slotWhen = (slot: Slot) =>
  `${shortDate(slot.date)} · ${timeRange(slot.start, slot.end)}`;

export const crewOf = (slot: Slot) => slot.staff_names.join(', ') || 'Unassigned';

const CONDITIONS: Record<WeatherCondition, string> = {
  clear: 'Clear',
  partly_cloudy: 'Partly cloudy',
  cloudy: 'Cloudy',
  fog: 'Fog',
  drizzle: 'Drizzle',
  rain: 'Rain',
  heavy_rain: 'Heavy rain',
  thunderstorm: 'Thunderstorms',
  snow: 'Snow',
  sleet: 'Sleet',
  windy: 'Windy',
  unknown: 'Conditions unknown',
};

/** "Partly cloudy · rain 10% · wind 8 mph · 54–71°F". */
export function forecastText(weather: WeatherData): string {
  return [
    CONDITIONS[weather.condition],
    `rain ${Math.round(weather.rain_percent)}%`,
    `wind ${Math.round(weather.wind_speed_mph)} mph`,
    `${Math.round(weather.temp_low_fahrenheit)}–${Math.round(weather.temp_high_fahrenheit)}°F`,
  ].join(' · ');
}

export interface RiskChip {
  key: string;
  /** "Rain 85%". */
  label: string;
  /** "Rain chance 85% ≥ your limit 70%". */
  explanation: string;
}

/**
 * Each threshold the job's forecast crosses, with the number and the limit it crossed (a value at
 * the limit counts, as shared/weather/risk.ts has it). The core's own phrases stand in should the
 * details name none.
 */
export function riskChips(item: Pick<PlanItem, 'details' | 'risks'>): RiskChip[] {
  const {
    rain_check: rain,
    wind_check: wind,
    temp_min_check: low,
    temp_max_check: high,
  } = item.details;
  const r = Math.round;
  const chips: RiskChip[] = [];
  if (rain.exceeded) {
    chips.push({
      key: 'rain',
      label: `Rain ${r(rain.value)}%`,
      explanation: `Rain chance ${r(rain.value)}% ≥ your limit ${r(rain.threshold)}%`,
    });
  }
  if (wind.exceeded) {
    chips.push({
      key: 'wind',
      label: `Wind ${r(wind.value)} mph`,
      explanation: `Wind ${r(wind.value)} mph ≥ your limit ${r(wind.threshold)} mph`,
    });
  }
  if (low?.exceeded) {
    chips.push({
      key: 'low',
      label: `Low ${r(low.value)}°F`,
      explanation: `Low of ${r(low.value)}°F ≤ your minimum ${r(low.threshold)}°F`,
    });
  }
  if (high.exceeded) {
    chips.push({
      key: 'high',
      label: `High ${r(high.value)}°F`,
      explanation: `High of ${r(high.value)}°F ≥ your maximum ${r(high.threshold)}°F`,
    });
  }
  return chips.length
    ? chips
    : item.risks.map((risk) => ({ key: risk, label: risk, explanation: risk }));
}

/** "just now", "12 min ago", "3 h ago", "2 days ago". */
export function ago(at: Date, now: number): string {
  const minutes = Math.floor((now - at.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${plural(Math.floor(hours / 24), 'day', 'days')} ago`;
}

/** "3:30 PM" today, "Tue, Jun 3, 3:30 PM" another day, on the business's clock. */
export function clockTime(at: Date, now: number, timeZone: string): string {
  const time = at.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone });
  const day = localDateOf(at, timeZone);
  return day === localDateOf(new Date(now), timeZone) ? time : `${shortDate(day)}, ${time}`;
}

/** What a "Check now" found, in one or two sentences. */
export function sweepSummary(result: SweepResult, windowHours: number): string {
  const within = `in the next ${windowText(windowHours)}`;
  const parts: string[] = [];
  if (result.checked === 0) {
    parts.push(`No upcoming jobs ${within} to check.`);
  } else {
    parts.push(
      `Checked ${plural(result.checked, 'job', 'jobs')} ${within}: ${
        result.at_risk === 0 ? 'none is at risk' : `${result.at_risk} at risk`
      }.`,
    );
    if (result.proposals > 0) {
      parts.push(`${plural(result.proposals, 'job waits', 'jobs wait')} for your decision below.`);
    }
  }
  if (result.stale_cells > 0) {
    parts.push(
      `The forecast for ${plural(result.stale_cells, 'place', 'places')} could not be refreshed; the last one that came through was used (marked "stale forecast").`,
    );
  }
  return parts.join(' ');
}
