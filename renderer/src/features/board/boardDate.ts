// Which day a board address shows, worked out the same way before and after React starts. Loaded by
// the page's first script (prefetch.ts), so it uses the Temporal-free day keys.
import { dateKeyIn, isDateKey } from '../../../../shared/time/day-key';

/**
 * The page of a day at `hash` — the board or the map — and the day it shows: its `date` parameter,
 * else today on this computer (as BoardPage and MapPage). Null for other pages and bad dates.
 * `timeZone` may be a function: it is asked only when the address names no day (the page's first
 * Intl call loads the time zone data, which an address with a date does without).
 */
export function dayPageOf(
  hash: string,
  now: Date,
  timeZone: string | (() => string),
): { page: 'board' | 'map'; date: string } | null {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  // The app opens on the board: '' and '/' lead there.
  const page = path === '/map' ? 'map' : ['/board', '/', ''].includes(path) ? 'board' : null;
  if (!page) return null;
  const date =
    new URLSearchParams(query).get('date') ??
    dateKeyIn(now, typeof timeZone === 'function' ? timeZone() : timeZone);
  return isDateKey(date) ? { page, date } : null;
}

/** The day the board at `hash` shows (see dayPageOf); null off the board. */
export function boardDateOf(hash: string, now: Date, timeZone: string): string | null {
  const found = dayPageOf(hash, now, timeZone);
  return found?.page === 'board' ? found.date : null;
}

const ZONE_KEY = 'servicepro.business-time-zone';

/** The tab's sessionStorage (this module is also loaded by unit tests under Node, without one). */
const tabStorage = () =>
  (
    globalThis as {
      sessionStorage?: {
        getItem(key: string): string | null;
        setItem(key: string, value: string): void;
      };
    }
  ).sessionStorage;

/**
 * The signed-in business's time zone as last seen in this tab (sessionStorage), else this
 * computer's: what "today" means before the session has loaded.
 */
export function rememberedTimeZone(): string {
  try {
    const kept = tabStorage()?.getItem(ZONE_KEY);
    if (kept) return kept;
  } catch {
    // Storage refused (a private window): the computer's zone will do.
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Keeps the business's time zone for the next page load's first script. */
export function rememberTimeZone(timeZone: string): void {
  try {
    tabStorage()?.setItem(ZONE_KEY, timeZone);
  } catch {
    // Not kept: the next load starts from the computer's zone, then follows the session.
  }
}
