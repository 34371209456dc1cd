// Everything that moves jobs on the board — mouse drags, resizes, keys and the move dialog — ends
// in board.move, which has the last word. Undo/redo, the "move anyway" confirm, refusals, and the
// "being moved by" marks for other dispatchers live here too.
import RedoIcon from '@mui/icons-material/Redo';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Box, Button, Snackbar, Stack, Tooltip } from '@mui/material';
import {
  DndContext,
  pointerWithin,
  PointerSensor,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { hhmm, minutesOf } from '../../../../shared/time';
import { useStoredState } from '../../components/useStoredState';
import { useJobDialogs } from '../jobs/JobDialogs';
import { crewGroups } from './crews';
import { visibleGroups, type BoardFilters } from './filters';
import { KEYBOARD_HELP, startedOnResizeHandle, type CardDragData, type CardKey } from './JobCard';
import {
  LaneHover,
  LaneHoverContext,
  LANES_DROP_ID,
  laneAt,
  laneElement,
  laneTimeline,
} from './laneTarget';
import { Lanes } from './Lanes';
import {
  axisOf,
  clientName,
  DEFAULT_HOUR_WIDTH,
  isHourWidth,
  QUEUE_WIDTH,
  SNAP_MINUTES,
  snappedMinutes,
  type Day,
  type Job,
} from './layout';
import { MoveDialog } from './MoveDialog';
import { MoveWarningDialog } from './MoveWarningDialog';
import { Queue } from './Queue';
import { useMoveHistory } from './useMoveHistory';
import { useMoveJob, type MoveInput } from './useMoveJob';
import { usePresence } from './usePresence';

/**
 * Where a drop lands: the queue when the pointer is over it (the lanes scroll on underneath it,
 * so their box reaches under the queue), else the lanes (which lane: dropLane), else the nearer.
 */
const collisionDetection: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  const queue = hits.find((hit) => hit.id === 'queue');
  if (queue) return [queue];
  return hits.length ? hits : rectIntersection(args);
};

const unique = (ids: string[]) => [...new Set(ids)];

/**
 * Where the pointer is (window coordinates), and whether Shift or Alt was held when the mouse
 * button came up (then a drop adds a person instead of moving).
 */
function usePointer() {
  const pointer = useRef({ x: 0, y: 0, addModifier: false });
  useEffect(() => {
    const onMove = (e: PointerEvent) => {
      pointer.current.x = e.clientX;
      pointer.current.y = e.clientY;
    };
    const onUp = (e: PointerEvent) => {
      onMove(e);
      pointer.current.addModifier = e.shiftKey || e.altKey;
    };
    window.addEventListener('pointermove', onMove, { capture: true, passive: true });
    window.addEventListener('pointerup', onUp, true);
    return () => {
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
    };
  }, []);
  return pointer;
}

const QUEUE_SX = {
  display: 'flex',
  flexDirection: 'column',
  width: QUEUE_WIDTH,
  flexShrink: 0,
  minHeight: 0,
  borderLeft: 1,
  borderColor: 'divider',
} as const;
const QUEUE_OVER_SX = { ...QUEUE_SX, bgcolor: 'action.hover' } as const;

function QueueDrop({ children }: { children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: 'queue' });
  return (
    <Box ref={setNodeRef} sx={isOver ? QUEUE_OVER_SX : QUEUE_SX}>
      {children}
    </Box>
  );
}

/** Undo, redo and help above the queue; memoised, as MUI's buttons and tooltips cost a render each. */
const QueueToolbar = memo(function QueueToolbar({
  canUndo,
  canRedo,
  onUndo,
  onRedo,
}: {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
}) {
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider', alignItems: 'center' }}
    >
      <Tooltip title="Undo (Ctrl+Z)">
        <span>
          <Button size="small" startIcon={<UndoIcon />} disabled={!canUndo} onClick={onUndo}>
            Undo
          </Button>
        </span>
      </Tooltip>
      <Tooltip title="Redo (Ctrl+Shift+Z)">
        <span>
          <Button size="small" startIcon={<RedoIcon />} disabled={!canRedo} onClick={onRedo}>
            Redo
          </Button>
        </span>
      </Tooltip>
      <Box sx={{ flexGrow: 1 }} />
      <Tooltip
        title={`${KEYBOARD_HELP} Hold Shift while dropping a job on another lane to add that person. Drag a job's right edge to change its length; drop it here to unassign it.`}
      >
        <Button size="small" aria-label="Board keyboard and mouse help">
          Help
        </Button>
      </Tooltip>
    </Stack>
  );
});

export function BoardDnd({
  day,
  filters,
  onOptimizeCrew,
}: {
  day: Day;
  filters: BoardFilters;
  /** "Optimize route" on a crew: its lead's staff id and the crew's title. */
  onOptimizeCrew?: (crewId: string, name: string) => void;
}) {
  const axisFrom = axisOf(day).from;
  // The zoom is this computer's: a laptop and a wall screen want different ones.
  const [hourWidth, setHourWidth] = useStoredState(
    'sp.board.hourWidth',
    DEFAULT_HOUR_WIDTH,
    isHourWidth,
  );
  const dialogs = useJobDialogs();
  const presence = usePresence();
  const pointer = usePointer();
  const [hover] = useState(() => new LaneHover());
  // The mover reports each dispatcher move to the history, which itself moves jobs to undo/redo.
  const record = useRef<(before: Job, after: Job) => void>(() => undefined);
  const mover = useMoveJob((before, after) => record.current(before, after));
  const history = useMoveHistory(mover.move);
  useEffect(() => {
    record.current = history.record;
  });
  // The toolbar's buttons keep one function each, so it repaints only when undo/redo availability does.
  // Updated as the render commits, so a click the moment Undo or Redo turns enabled finds the step.
  const latestHistory = useRef(history);
  useLayoutEffect(() => {
    latestHistory.current = history;
  });
  const undo = useCallback(() => void latestHistory.current.undo(), []);
  const redo = useCallback(() => void latestHistory.current.redo(), []);
  const [moving, setMoving] = useState<Job | null>(null);
  const groups = useMemo(() => visibleGroups(crewGroups(day), filters), [day, filters]);
  const order = useMemo(() => groups.flatMap((g) => g.people.map((p) => p.staff_id)), [groups]);

  // After a keyboard move the card may be in another lane (a new element), or re-ordered when the
  // saved day arrives (moving a focused element drops its focus): keep the focus on it until the
  // dispatcher focuses something else.
  const focusNext = useRef<{ id: string; lane: string } | null>(null);
  const cardSelector = (want: { id: string; lane: string }) =>
    `[data-testid="job-card"][data-appointment-id="${want.id}"][data-lane="${want.lane}"]`;
  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const want = focusNext.current;
      if (want && !(e.target instanceof Element && e.target.matches(cardSelector(want)))) {
        focusNext.current = null;
      }
    };
    window.addEventListener('focusin', onFocus);
    return () => window.removeEventListener('focusin', onFocus);
  }, []);
  // Lanes far from view draw no cards (Lanes.tsx): bring the lane into view, and focus the card
  // once the lane has drawn it.
  const refocus = useCallback(() => {
    const want = focusNext.current;
    if (!want) return;
    const card = document.querySelector<HTMLElement>(cardSelector(want));
    if (card) {
      if (document.activeElement !== card) card.focus();
      return;
    }
    laneElement(want.lane)?.scrollIntoView({ block: 'nearest' });
  }, []);
  useEffect(refocus, [day, refocus]);

  const moveJob = (job: Job, change: Partial<MoveInput>) =>
    mover.move(
      {
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: day.date,
        start: job.scheduled_start_time,
        end: job.scheduled_end_time,
        staff_ids: job.assigned_staff_ids,
        // Named even when kept: the core then checks the rules without waiting for the job first.
        equipment_ids: job.assigned_equipment_ids,
        ...change,
      },
      job,
    );

  const onKeyLatest = useRef<(job: Job, lane: string | null, action: CardKey) => void>(() => {});
  // One function for the board's lifetime: the 600 memoised cards need not repaint when it changes.
  const onKey = useCallback(
    (job: Job, lane: string | null, action: CardKey) => onKeyLatest.current(job, lane, action),
    [],
  );
  useEffect(() => {
    onKeyLatest.current = (job: Job, lane: string | null, action: CardKey) => {
      const start = minutesOf(job.scheduled_start_time);
      const end = minutesOf(job.scheduled_end_time);
      const shiftBy = (m: number) => {
        if (start + m < 0 || end + m > 24 * 60) return;
        focusNext.current = lane ? { id: job.appointment_id, lane } : null;
        void moveJob(job, { start: hhmm(start + m), end: hhmm(end + m) });
      };
      const resizeBy = (m: number) => {
        const next = end + m;
        if (next - start < SNAP_MINUTES || next > 24 * 60) return;
        focusNext.current = lane ? { id: job.appointment_id, lane } : null;
        void moveJob(job, { end: hhmm(next) });
      };
      const laneBy = (step: number) => {
        if (!lane) return;
        let i = order.indexOf(lane) + step;
        while (order[i] && job.assigned_staff_ids.includes(order[i] as string)) i += step;
        const target = order[i];
        if (!target) return;
        focusNext.current = { id: job.appointment_id, lane: target };
        void moveJob(job, {
          staff_ids: unique(job.assigned_staff_ids.map((id) => (id === lane ? target : id))),
        });
      };
      switch (action) {
        case 'earlier':
          return shiftBy(-SNAP_MINUTES);
        case 'later':
          return shiftBy(SNAP_MINUTES);
        case 'shorter':
          return resizeBy(-SNAP_MINUTES);
        case 'longer':
          return resizeBy(SNAP_MINUTES);
        case 'up':
          return laneBy(-1);
        case 'down':
          return laneBy(1);
        case 'open':
          return dialogs.openJob(job.appointment_id);
        case 'dialog':
          return job.status === 'scheduled' ? setMoving(job) : undefined;
      }
    };
  });

  // A small threshold keeps a click (which opens the job) from starting a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));

  // The job as it was when picked up: if someone else changes it during the drag, the drop is
  // refused as a stale edit (and the board shows their change) rather than silently built on it.
  const picked = useRef<Job | null>(null);

  const onDragStart = ({ active }: DragStartEvent) => {
    const data = active.data.current as CardDragData | undefined;
    picked.current = data?.job ?? null;
    if (data) presence.announce(data.job.appointment_id);
  };

  /** The lane a drag over the lanes is on: under the pointer, else under the card's middle. */
  const dropLane = ({ active }: DragMoveEvent): string | null => {
    const onPointer = laneAt(pointer.current.x, pointer.current.y);
    if (onPointer) return onPointer;
    const card = active.rect.current.translated;
    return card ? laneAt(card.left + card.width / 2, card.top + card.height / 2) : null;
  };

  // Also called as the board scrolls under a still pointer.
  const onDragMove = (event: DragMoveEvent) =>
    hover.set(event.over?.id === LANES_DROP_ID ? dropLane(event) : null);

  const onDragEnd = (event: DragEndEvent) => {
    const saved = dropMove(event);
    hover.set(null);
    presence.announce(null, saved);
  };

  /** The move a drop asks for, if any; its promise settles with the core's answer. */
  const dropMove = (event: DragEndEvent) => {
    const { active, over, delta, activatorEvent } = event;
    const data = active.data.current as CardDragData | undefined;
    if (!data) return undefined;
    const { lane } = data;
    const job = picked.current ?? data.job;
    picked.current = null;
    const start = minutesOf(job.scheduled_start_time);
    const end = minutesOf(job.scheduled_end_time);
    if (startedOnResizeHandle(activatorEvent)) {
      const next = Math.max(start + SNAP_MINUTES, end + snappedMinutes(delta.x, hourWidth));
      return next !== end && next <= 24 * 60 ? moveJob(job, { end: hhmm(next) }) : undefined;
    }
    if (!over) return undefined;
    if (over.id === 'queue') {
      return lane !== null ? moveJob(job, { staff_ids: [] }) : undefined;
    }
    const target = dropLane(event);
    if (!target) return undefined;
    let from: number;
    let staff: string[];
    if (lane === null) {
      // From the queue: the time is where the card's left edge was dropped on the lane.
      const edge = laneTimeline(target)?.getBoundingClientRect().left;
      const left = active.rect.current.translated?.left;
      if (edge === undefined || left === undefined) return undefined;
      from = axisFrom + snappedMinutes(left - edge, hourWidth);
      staff = [target];
    } else if (pointer.current.addModifier && target !== lane) {
      // Shift/Alt-drop: the person joins the crew; the job keeps its time and its lanes.
      if (job.assigned_staff_ids.includes(target)) return undefined;
      return moveJob(job, { staff_ids: [...job.assigned_staff_ids, target] });
    } else {
      const shift = snappedMinutes(delta.x, hourWidth);
      if (shift === 0 && target === lane) return undefined;
      from = start + shift;
      staff = unique(job.assigned_staff_ids.map((id) => (id === lane ? target : id)));
    }
    const to = from + (end - start);
    if (from < 0 || to > 24 * 60) return undefined;
    return moveJob(job, { start: hhmm(from), end: hhmm(to), staff_ids: staff });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        hover.set(null);
        presence.announce(null);
      }}
    >
      <LaneHoverContext value={hover}>
        <Lanes
          day={day}
          groups={groups}
          filters={filters}
          hourWidth={hourWidth}
          onHourWidth={setHourWidth}
          movers={presence.movers}
          onKey={onKey}
          onLanesShown={refocus}
          onOptimizeCrew={onOptimizeCrew}
        />
      </LaneHoverContext>
      <QueueDrop>
        <QueueToolbar
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          onUndo={undo}
          onRedo={redo}
        />
        <Queue day={day} movers={presence.movers} onKey={onKey} />
      </QueueDrop>
      {moving && (
        <MoveDialog
          key={moving.appointment_id}
          job={moving}
          day={day}
          title={`Move ${clientName(day, moving)}`}
          hidden={mover.pending !== null}
          onClose={() => setMoving(null)}
          onMove={async (input) => Boolean(await mover.move(input, moving))}
        />
      )}
      {/* Only while there is a warning: an MUI dialog repaints on every board change even closed. */}
      {mover.pending && (
        <MoveWarningDialog
          message={mover.pending.message}
          onCancel={mover.cancel}
          onConfirm={() => {
            // A warning about the dialog's move: "Move anyway" finishes it, and the dialog.
            mover.confirm();
            setMoving(null);
          }}
        />
      )}
      <Snackbar
        open={mover.refusal !== null}
        onClose={mover.dismissRefusal}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity="error"
          onClose={mover.dismissRefusal}
          data-testid="move-refused"
          sx={{ maxWidth: 720 }}
        >
          {mover.refusal}
        </Alert>
      </Snackbar>
    </DndContext>
  );
}
