// Wall-clock times as people in the office read them — '9:00 AM' — in fixed US English, whatever
// the machine's locale, and without Temporal (the records screens format times without loading it).
// Every screen and message writes a time through these, so they all read alike.

/** '9:00 AM', '12:30 PM', '12:00 AM' for midnight, from an 'HH:mm' time. */
export function clockTime(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** '9:00 AM–10:30 AM': a span of the day, both ends in full. */
export function clockRange(start: string, end: string): string {
  return `${clockTime(start)}–${clockTime(end)}`;
}
