// The job the dispatcher last picked, on the board or on the map, so the other page highlights it.
// A tiny store rather than board state: the board sets it from a focus listener without
// re-rendering its lanes; `?job=<id>` in either page's address sets it too.
import { useSyncExternalStore } from 'react';

export interface SelectedJob {
  appointmentId: string;
  /** The day the job is on, so the map opens on it. */
  date: string;
}

/** The address parameter that names the selected job on the board and the map. */
export const JOB_PARAM = 'job';

let current: SelectedJob | null = null;
const listeners = new Set<() => void>();

export function selectJob(next: SelectedJob | null): void {
  if (next?.appointmentId === current?.appointmentId && next?.date === current?.date) return;
  current = next;
  for (const listener of listeners) listener();
}

export const selectedJob = (): SelectedJob | null => current;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSelectedJob(): SelectedJob | null {
  return useSyncExternalStore(subscribe, selectedJob);
}

/** A job's focusable element on the board (its card in a lane, or in the queue). */
export const boardJobSelector = (appointmentId: string) =>
  `[data-appointment-id="${CSS.escape(appointmentId)}"][tabindex]`;
