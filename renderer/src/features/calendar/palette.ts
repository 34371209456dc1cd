// The calendar's event colours: fixed, so a crew keeps its colour from week to week, and each one
// carries white text at WCAG AA contrast (at least 4.5:1) in light and dark mode alike.
import type { AppointmentStatus } from '../../../../shared/schemas/appointments';

export interface Swatch {
  color: string;
  contrastColor: string;
}

const onWhiteText = (color: string): Swatch => ({ color, contrastColor: '#ffffff' });

/**
 * One colour per crew, in the order the crews come (crew leads first); repeats past ten crews.
 * The most distinct hues come first, since most businesses have fewer than eight crews.
 */
export const CREW_SWATCHES: readonly Swatch[] = [
  '#1565c0', // blue
  '#c62828', // red
  '#2e7d32', // green
  '#6a1b9a', // purple
  '#a84300', // burnt orange
  '#00796b', // teal
  '#5d4037', // brown
  '#ad1457', // magenta
  '#3949ab', // indigo
  '#7a5c00', // olive
].map(onWhiteText);

/** Jobs nobody is assigned to yet. */
export const UNASSIGNED_SWATCH: Swatch = onWhiteText('#616161');

export const STATUS_SWATCHES: Record<AppointmentStatus, Swatch> = {
  scheduled: onWhiteText('#1565c0'),
  in_progress: onWhiteText('#a84300'),
  completed: onWhiteText('#2e7d32'),
  canceled: onWhiteText('#616161'),
  rescheduled: onWhiteText('#455a64'),
};
