// Undo and redo of board moves (Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y): each is another move, under the same rules.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { BoardJob } from '../../../../shared/contract';
import { dateKeyOf } from '../../../../shared/time';
import type { MoveInput } from './useMoveJob';

type Job = BoardJob;
/** Where a job was: enough to move it back. */
export type Placement = Pick<
  MoveInput,
  'scheduled_date' | 'start' | 'end' | 'staff_ids' | 'equipment_ids'
>;
interface Step {
  appointment_id: string;
  before: Placement;
  after: Placement;
  /** The version the job had after this step; an undo needs it. */
  version: number;
}

export const placementOf = (job: Job): Placement => ({
  scheduled_date: dateKeyOf(job.scheduled_date),
  start: job.scheduled_start_time,
  end: job.scheduled_end_time,
  staff_ids: job.assigned_staff_ids,
  equipment_ids: job.assigned_equipment_ids,
});

const LIMIT = 50;

export function useMoveHistory(move: (input: MoveInput) => Promise<Job | undefined>) {
  const [done, setDone] = useState<Step[]>([]);
  const [undone, setUndone] = useState<Step[]>([]);

  /** Call after a move the dispatcher made (not an undo/redo): it becomes undoable. */
  const record = useCallback((before: Job, after: Job) => {
    setDone((d) => [
      ...d.slice(-(LIMIT - 1)),
      {
        appointment_id: after.appointment_id,
        before: placementOf(before),
        after: placementOf(after),
        version: after.version,
      },
    ]);
    setUndone([]);
  }, []);

  const undo = useCallback(async () => {
    const step = done.at(-1);
    if (!step) return;
    const job = await move({
      appointment_id: step.appointment_id,
      version: step.version,
      ...step.before,
      history: 'undo',
    });
    if (!job) return;
    setDone((d) => d.slice(0, -1));
    setUndone((u) => [...u, { ...step, version: job.version }]);
  }, [done, move]);

  const redo = useCallback(async () => {
    const step = undone.at(-1);
    if (!step) return;
    const job = await move({
      appointment_id: step.appointment_id,
      version: step.version,
      ...step.after,
      history: 'redo',
    });
    if (!job) return;
    setUndone((u) => u.slice(0, -1));
    setDone((d) => [...d, { ...step, version: job.version }]);
  }, [undone, move]);

  // The shortcuts call the latest undo/redo, updated as the history changes is committed (not after
  // paint): a key pressed the moment Redo turns enabled must not reach a listener that still sees
  // nothing to redo.
  const latest = useRef({ undo, redo });
  useLayoutEffect(() => {
    latest.current = { undo, redo };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      // Text fields keep their own undo.
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void latest.current.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void latest.current.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { record, undo, redo, canUndo: done.length > 0, canRedo: undone.length > 0 };
}
