// Which day a board address shows, worked out the same way before and after React starts.
import { isDateKey, localDateOf } from '../../../../shared/time';

/** The day the board at `hash` shows: its `date` parameter, else today on this computer (as BoardPage). */
export function boardDateOf(hash: string, now: Date, timeZone: string): string | null {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  // The app opens on the board: '' and '/' lead there.
  if (path !== '/board' && path !== '/' && path !== '') return null;
  const date = new URLSearchParams(query).get('date') ?? localDateOf(now, timeZone);
  return isDateKey(date) ? date : null;
}
