// $dateTrunc with a timezone, which mingo 7.2 truncates in UTC instead of local time.
import { type Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { $dateTrunc as mingoDateTrunc } from 'mingo/operators/expression/date';
import { badValue } from './errors';

type Options = Parameters<typeof evalExpr>[2];

const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(ms: number, tz: string): number[] {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return [p.year, (p.month as number) - 1, p.day, p.hour, p.minute, p.second].map(Number);
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, tz: string): number {
  const [y, mo, d, h, mi, s] = localParts(ms, tz) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(y, mo, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

function zonedToUtc(local: number, tz: string): number {
  let guess = local - offsetAt(local, tz);
  guess = local - offsetAt(guess, tz);
  return guess;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function $dateTrunc(obj: unknown, expr: unknown, options: Options): unknown {
  const spec = expr as Document;
  const tz = spec.timezone !== undefined ? evalExpr(obj, spec.timezone, options) : undefined;
  const binSize = spec.binSize !== undefined ? evalExpr(obj, spec.binSize, options) : 1;
  if (typeof tz !== 'string' || tz === 'UTC' || tz === 'GMT' || /^[+-]/.test(tz) || binSize !== 1) {
    return (mingoDateTrunc as (o: unknown, e: unknown, x: Options) => unknown)(obj, expr, options);
  }
  const date = evalExpr(obj, spec.date, options);
  if (date === null || date === undefined) return null;
  if (!(date instanceof Date)) throw badValue('$dateTrunc requires a date');
  const unit = String(evalExpr(obj, spec.unit, options));
  const [y, mo, d, h, mi, s] = localParts(date.getTime(), tz) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  let local: number;
  switch (unit) {
    case 'year':
      local = Date.UTC(y, 0, 1);
      break;
    case 'quarter':
      local = Date.UTC(y, mo - (mo % 3), 1);
      break;
    case 'month':
      local = Date.UTC(y, mo, 1);
      break;
    case 'week': {
      const start = DAYS.indexOf(
        String(spec.startOfWeek ?? 'sun')
          .slice(0, 3)
          .toLowerCase(),
      );
      const dow = new Date(Date.UTC(y, mo, d)).getUTCDay();
      local = Date.UTC(y, mo, d - ((dow - Math.max(start, 0) + 7) % 7));
      break;
    }
    case 'day':
      local = Date.UTC(y, mo, d);
      break;
    case 'hour':
      local = Date.UTC(y, mo, d, h);
      break;
    case 'minute':
      local = Date.UTC(y, mo, d, h, mi);
      break;
    case 'second':
      local = Date.UTC(y, mo, d, h, mi, s);
      break;
    default:
      return date;
  }
  return new Date(zonedToUtc(local, tz));
}
