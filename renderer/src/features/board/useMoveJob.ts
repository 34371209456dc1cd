// Moving a job from the board: the core decides; a warning asks the dispatcher, a refusal says why.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { BoardJob, Input } from '../../../../shared/contract';
import { ApiError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import { trackMove } from './movesInFlight';
import { findJob, movedJob, sameSpot, showOnBoards } from './optimistic';

export type MoveInput = Input<'board.move'>;
type Job = BoardJob;

/**
 * `onMoved(before, after)` hears every move the dispatcher made (with or without an override), so it
 * can be undone; undo and redo themselves pass no `before`.
 */
export function useMoveJob(onMoved: (before: Job, after: Job) => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  /** A move the core warned about, waiting for "Move anyway". */
  const [pending, setPending] = useState<{
    input: MoveInput;
    before?: Job;
    message: string;
  } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  // A plain call, not a mutation: nothing shows a move's progress, and a mutation's state changes
  // would repaint the whole board twice per move.
  // A refused move shows the truth at once: another dispatcher may have changed the day. A saved one
  // is already on the board (showOnBoards), and the core's board.changed event, which every window
  // hears, refreshes the day's warnings: asking here too would load the day twice. (Unchanged jobs
  // keep their objects — useBoardDay's shareDay — so only moved cards repaint.)
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['board.day'] }),
      queryClient.invalidateQueries({ queryKey: ['board.range'] }),
    ]);

  // Moves of one job run one after another (four quick taps of the arrow key are four moves), each
  // on the version the previous one produced. Only this window's own saves advance it, so another
  // dispatcher's change in between is still refused as a conflict.
  const queue = useRef(new Map<string, Promise<unknown>>());
  const ownVersions = useRef(new Map<string, { from: number; to: number }>());

  const move = (input: MoveInput, before?: Job): Promise<Job | undefined> => {
    const id = input.appointment_id;
    // The card lands where it was dropped at once (so the next key press starts from there); a
    // refusal puts it back.
    void queryClient.cancelQueries({ queryKey: ['board.day'] });
    const current = before ?? findJob(queryClient, id);
    const rollback = current ? showOnBoards(queryClient, movedJob(current, input)) : () => {};
    const send = () => {
      const own = ownVersions.current.get(id);
      const version =
        own && input.version >= own.from && input.version < own.to ? own.to : input.version;
      return moveNow({ ...input, version }, rollback, before);
    };
    // With no earlier move of this job waiting, the request leaves now, before React draws the
    // drop (a then() would queue it behind that render).
    const earlier = queue.current.get(id);
    const run = earlier ? earlier.then(send) : send();
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queue.current.set(id, settled);
    void settled.then(() => {
      if (queue.current.get(id) === settled) queue.current.delete(id);
    });
    return run;
  };

  const moveNow = async (
    input: MoveInput,
    rollback: () => void,
    before?: Job,
  ): Promise<Job | undefined> => {
    setRefusal(null);
    try {
      const { appointment } = await trackMove(api.board.move(input));
      const first = ownVersions.current.get(input.appointment_id)?.from ?? input.version;
      ownVersions.current.set(input.appointment_id, {
        from: Math.min(first, input.version),
        to: appointment.version,
      });
      // The card already stands where the core saved it (it was shown there on the drop), so the
      // answer is not drawn again: its version is kept above for this job's next move, and the
      // core's board.changed event reloads the day. Drawn only if the core placed it otherwise.
      if (!sameSpot(findJob(queryClient, input.appointment_id), appointment)) {
        showOnBoards(queryClient, appointment);
      }
      if (before) onMoved(before, appointment);
      return appointment;
    } catch (error) {
      rollback();
      void refresh();
      const details =
        error instanceof ApiError ? (error.details as { overridable?: boolean }) : undefined;
      if (error instanceof ApiError && error.kind === 'conflict' && details?.overridable) {
        setPending({ input, before, message: error.message });
      } else {
        setRefusal(error instanceof Error ? error.message : String(error));
      }
      return undefined;
    }
  };

  return {
    move,
    pending,
    confirm: () => {
      if (pending) void move({ ...pending.input, override_warnings: true }, pending.before);
      setPending(null);
    },
    cancel: () => setPending(null),
    refusal,
    dismissRefusal: () => setRefusal(null),
  };
}
