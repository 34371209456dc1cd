// One job on a lane: who, what, when, status, price and what to watch (weather, confirmation,
// rule warnings, another dispatcher moving it). Drag to move, drag the right edge to resize, or use
// the keyboard (see KEYBOARD_HELP).
import { useDraggable } from '@dnd-kit/core';
import {
  memo,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react';
import { flushSync } from 'react-dom';
import { clockTime, minutesOf } from '../../../../shared/time';
import type { BoardViolation } from '../../../../shared/contract';
import { STATUS_COLORS, STATUS_LABELS } from '../jobs/statusLabels';
import { clock, LANE_HEIGHT, marksThatFit, xOf, type Job } from './layout';
import './board.css';
import type { Mover } from './usePresence';

export const KEYBOARD_HELP =
  'Arrow left/right: 15 minutes earlier/later. Shift+arrow: shorter/longer. Arrow up/down: the crew member above/below. Enter: open the job. M: move or add crew.';

export type CardKey =
  'earlier' | 'later' | 'shorter' | 'longer' | 'up' | 'down' | 'open' | 'dialog';

function keyAction(e: KeyboardEvent): CardKey | null {
  switch (e.key) {
    case 'ArrowLeft':
      return e.shiftKey ? 'shorter' : 'earlier';
    case 'ArrowRight':
      return e.shiftKey ? 'longer' : 'later';
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'Enter':
      return 'open';
    case 'm':
    case 'M':
      return 'dialog';
    default:
      return null;
  }
}

export interface JobCardProps {
  job: Job;
  lane: string;
  axisFrom: number;
  /** The board's zoom: an hour's width in px. */
  hourWidth: number;
  client: string;
  service: string;
  /** The other crew members' names, comma-separated ('' when the job has one person). */
  partners: string;
  warnings: BoardViolation[] | undefined;
  weather: string[] | undefined;
  mover: Mover | undefined;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}

/** Data each card hands dnd-kit; a drag that starts on the right-edge handle resizes (BoardDnd). */
export interface CardDragData {
  job: Job;
  lane: string | null;
}

/** True when a drag began on a card's resize handle rather than on its body. */
export const startedOnResizeHandle = (event: Event | null): boolean =>
  event?.target instanceof Element &&
  event.target.closest('[data-testid="resize-handle"]') !== null;

/** Material icons' paths, drawn as bare SVG: an icon component per card costs a styled render. */
const GLYPHS = {
  confirmed:
    'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m-2 15-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8z',
  linked:
    'M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5',
  notified:
    'M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2m0 14H5.17L4 17.17V4h16zM7 9h2v2H7zm8 0h2v2h-2zm-4 0h2v2h-2z',
  anotherTime:
    'M21 12V6c0-1.1-.9-2-2-2h-1V2h-2v2H8V2H6v2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h7v-2H5V10h14v2zm-5.36 8c.43 1.45 1.77 2.5 3.36 2.5 1.93 0 3.5-1.57 3.5-3.5s-1.57-3.5-3.5-3.5c-.95 0-1.82.38-2.45 1H18V18h-4v-4h1.5v1.43c.9-.88 2.14-1.43 3.5-1.43 2.76 0 5 2.24 5 5s-2.24 5-5 5c-2.42 0-4.44-1.72-4.9-4z',
  moving:
    'M23 5.5V20c0 2.2-1.8 4-4 4h-7.3c-1.08 0-2.1-.43-2.85-1.19L1 14.83s1.26-1.23 1.3-1.25c.22-.19.49-.29.79-.29.22 0 .42.06.6.16.04.01 4.31 2.46 4.31 2.46V4c0-.83.67-1.5 1.5-1.5S11 3.17 11 4v7h1V1.5c0-.83.67-1.5 1.5-1.5S15 .67 15 1.5V11h1V2.5c0-.83.67-1.5 1.5-1.5s1.5.67 1.5 1.5V11h1V5.5c0-.83.67-1.5 1.5-1.5s1.5.67 1.5 1.5',
  weather:
    'M17.92 7.02C17.45 4.18 14.97 2 12 2 9.82 2 7.83 3.18 6.78 5.06 4.09 5.41 2 7.74 2 10.5 2 13.53 4.47 16 7.5 16h10c2.48 0 4.5-2.02 4.5-4.5 0-2.34-1.79-4.27-4.08-4.48M14.8 17l-2.9 3.32 2 1L11.55 24h2.65l2.9-3.32-2-1L17.45 17zm-6 0-2.9 3.32 2 1L5.55 24H8.2l2.9-3.32-2-1L11.45 17z',
  warning: 'M12 5.99 19.53 19H4.47zM12 2 1 21h22zM13 16h-2v2h2zm0-6h-2v5h2z',
} as const;

function Glyph({
  name,
  size,
  color,
  testId,
}: {
  name: keyof typeof GLYPHS;
  size: number;
  color: string;
  testId?: string;
}) {
  return (
    <svg
      className="sp-glyph"
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      data-testid={testId}
      style={{ color }}
    >
      <path d={GLYPHS[name]} />
    </svg>
  );
}

/** Where the client stands on the job: confirmed it by text, was told of it, or not yet either. */
export type Confirmation = 'confirmed' | 'notified' | 'none';

export const confirmationOf = (
  job: Pick<Job, 'client_confirmed_at' | 'client_notified_at'>,
): Confirmation =>
  job.client_confirmed_at ? 'confirmed' : job.client_notified_at ? 'notified' : 'none';

const CONFIRMATION_TEXT: Record<Confirmation, string> = {
  confirmed: 'Client confirmed.',
  notified: 'Client notified, not confirmed yet.',
  none: 'Client not notified yet.',
};

/** Cards narrower than this show the "wants another time" flag as its icon alone, leaving the name room. */
const FLAG_TEXT_MIN_WIDTH = 200;

const paletteVar = (color: string) => `var(--mui-palette-${color.replace('.', '-')})`;

type Draggable = ReturnType<typeof useDraggable>;

/** What a drag in progress changes on its card. */
interface DragState {
  x: number | null;
  y: number | null;
  isDragging: boolean;
  resizing: boolean;
}

const AT_REST: DragState = { x: null, y: null, isDragging: false, resizing: false };

/**
 * The dnd-kit draggable of one card, mounted only while that card is pressed or dragged. dnd-kit
 * re-renders every useDraggable when a drag starts, crosses a lane and ends; with one per card a
 * 600-job board spent most of a drop re-rendering cards that did not move. It binds the card's
 * element and hands its pointer listener and the drag's offset up to the card.
 */
function CardDraggable({
  job,
  lane,
  elementRef,
  listenersRef,
  onDrag,
}: {
  job: Job;
  lane: string;
  elementRef: RefObject<HTMLDivElement | null>;
  listenersRef: RefObject<Draggable['listeners']>;
  onDrag: (state: DragState) => void;
}) {
  const {
    setNodeRef,
    listeners: bound,
    transform,
    isDragging,
    activatorEvent,
  } = useDraggable({
    id: `${job.appointment_id}|${lane}`,
    data: { job, lane } satisfies CardDragData,
    disabled: job.status !== 'scheduled',
  });
  useLayoutEffect(() => {
    setNodeRef(elementRef.current);
    listenersRef.current = bound;
  }, [setNodeRef, elementRef, listenersRef, bound]);
  const x = transform?.x ?? null;
  const y = transform?.y ?? null;
  const resizing = isDragging && startedOnResizeHandle(activatorEvent);
  useLayoutEffect(() => {
    onDrag({ x, y, isDragging, resizing });
  }, [onDrag, x, y, isDragging, resizing]);
  return null;
}

/**
 * A card: CardBody, memoised on its own props, plus the draggable while the card is pressed or
 * dragged. One draggable serves both moving and resizing: which one a drag does depends on where
 * it started (the handle on the right edge resizes).
 */
function JobCardView(props: JobCardProps) {
  const { job } = props;
  const movable = job.status === 'scheduled';
  const [armed, setArmed] = useState(false);
  const [drag, setDrag] = useState<DragState>(AT_REST);
  const element = useRef<HTMLDivElement | null>(null);
  const listeners = useRef<Draggable['listeners']>(undefined);
  const onPointerDown = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      if (!movable) return;
      // Mount the draggable now (synchronously), then give it this very press, so a drag starts
      // as it always did.
      flushSync(() => setArmed(true));
      listeners.current?.onPointerDown?.(event);
    },
    [movable],
  );
  const dragging = useRef(false);
  const onDrag = useCallback((state: DragState) => {
    // A finished drag lets the draggable go; a press that never became a drag, on leaving.
    if (dragging.current && !state.isDragging) setArmed(false);
    dragging.current = state.isDragging;
    setDrag((before) =>
      before.x === state.x &&
      before.y === state.y &&
      before.isDragging === state.isDragging &&
      before.resizing === state.resizing
        ? before
        : state,
    );
  }, []);
  const onPointerLeave = useCallback(() => {
    if (!dragging.current) setArmed(false);
  }, []);
  return (
    <>
      <CardBody
        {...props}
        element={element}
        onPointerDown={onPointerDown}
        onPointerLeave={onPointerLeave}
        x={drag.x}
        y={drag.y}
        isDragging={drag.isDragging}
        resizing={drag.resizing}
      />
      {armed && movable && (
        <CardDraggable
          job={job}
          lane={props.lane}
          elementRef={element}
          listenersRef={listeners}
          onDrag={onDrag}
        />
      )}
    </>
  );
}

/** What a screen reader hears after a card that cannot be dragged or moved by keys. */
const NOT_MOVABLE = 'Only scheduled jobs can be moved; this one opens its details.';

const CardBody = memo(function CardBody({
  job,
  lane,
  axisFrom,
  hourWidth,
  client,
  service,
  partners,
  warnings,
  weather,
  mover,
  onKey,
  element,
  onPointerDown,
  onPointerLeave,
  x,
  y,
  isDragging,
  resizing,
}: JobCardProps & {
  element: RefObject<HTMLDivElement | null>;
  onPointerDown: (event: PointerEvent<HTMLDivElement>) => void;
  onPointerLeave: () => void;
  x: number | null;
  y: number | null;
  isDragging: boolean;
  resizing: boolean;
}) {
  const movable = job.status === 'scheduled';
  const start = minutesOf(job.scheduled_start_time);
  const end = minutesOf(job.scheduled_end_time);
  const hard = warnings?.some((w) => w.severity === 'hard') ?? false;
  const confirmation = confirmationOf(job);
  const wantsAnotherTime = Boolean(job.reschedule_requested_at);
  const color = STATUS_COLORS[job.status];
  const time = `${clockTime(job.scheduled_start_time)} to ${clockTime(job.scheduled_end_time)}`;
  const lines = [
    `${client}, ${service}, ${time}, ${STATUS_LABELS[job.status]}, $${job.total_price.toFixed(2)}.`,
    partners ? `With ${partners}.` : '',
    CONFIRMATION_TEXT[confirmation],
    wantsAnotherTime ? 'Client wants another time.' : '',
    weather?.length ? `Weather risk: ${weather.join(', ')}.` : '',
    ...(warnings ?? []).map((w) => w.message),
    mover ? `Being moved by ${mover.user_name}.` : '',
  ].filter(Boolean);
  const width = Math.max(24, ((end - start) / 60) * hourWidth - 2);
  const style: CSSProperties & Record<'--sp-status', string> = {
    left: xOf(start, axisFrom, hourWidth),
    // A resize shows the new length as the edge is dragged; a move carries the card along.
    width: resizing && x !== null ? Math.max(24, width + x) : width,
    height: LANE_HEIGHT - 6,
    '--sp-status':
      color === 'default' ? 'var(--mui-palette-grey-500)' : paletteVar(`${color}.main`),
  };
  if (x !== null && !resizing) style.transform = `translate(${x}px, ${y ?? 0}px)`;
  const className = [
    'sp-card',
    movable && 'sp-movable',
    hard && 'sp-hard',
    mover && 'sp-moved',
    (job.status === 'canceled' || job.status === 'rescheduled') && 'sp-faded',
    (isDragging || x !== null) && 'sp-dragging',
  ]
    .filter(Boolean)
    .join(' ');
  // The marks after the client's name, most telling first; a narrow card keeps the name readable
  // and shows only those that fit (at least the first). The label and tooltip say all of them.
  const warningColor = hard
    ? 'var(--mui-palette-error-main)'
    : warnings?.some((w) => w.severity === 'soft')
      ? 'var(--mui-palette-warning-main)'
      : 'var(--mui-palette-info-main)';
  const allMarks = [
    warnings?.length ? (
      <Glyph key="warning" name="warning" size={14} color={warningColor} testId="job-warning" />
    ) : null,
    wantsAnotherTime ? (
      <span key="flag" className="sp-card-flag" data-testid="wants-another-time">
        <Glyph name="anotherTime" size={12} color="currentColor" />
        {width >= FLAG_TEXT_MIN_WIDTH && 'Wants another time'}
      </span>
    ) : null,
    weather?.length ? (
      <Glyph
        key="weather"
        name="weather"
        size={14}
        color="var(--mui-palette-info-main)"
        testId="weather-risk"
      />
    ) : null,
    confirmation === 'confirmed' ? (
      <Glyph
        key="confirmed"
        name="confirmed"
        size={13}
        color="var(--mui-palette-success-main)"
        testId="confirmed"
      />
    ) : confirmation === 'notified' ? (
      <Glyph
        key="notified"
        name="notified"
        size={12}
        color="var(--mui-palette-text-secondary)"
        testId="notified"
      />
    ) : null,
    partners ? (
      <Glyph
        key="linked"
        name="linked"
        size={14}
        color="var(--mui-palette-text-secondary)"
        testId="linked-crew"
      />
    ) : null,
  ].filter((mark) => mark !== null);
  const marks = allMarks.slice(0, marksThatFit(width));
  return (
    <div
      ref={element}
      onPointerDown={onPointerDown}
      onPointerLeave={onPointerLeave}
      // Not aria-disabled when it cannot move: the card still opens the job (click, Enter), so it
      // says so in words instead of being announced, and skipped by tools, as a dead button.
      role="button"
      tabIndex={0}
      aria-roledescription="job"
      aria-label={movable ? lines.join(' ') : `${lines.join(' ')} ${NOT_MOVABLE}`}
      title={lines.join('\n')}
      data-testid="job-card"
      data-appointment-id={job.appointment_id}
      data-lane={lane}
      data-status={job.status}
      data-confirmation={confirmation}
      onKeyDown={(e) => {
        const action = keyAction(e);
        if (!action) return;
        e.preventDefault();
        e.stopPropagation();
        onKey(job, lane, action);
      }}
      onClick={() => onKey(job, lane, 'open')}
      className={className}
      style={style}
    >
      <div className="sp-card-title">
        <span className="sp-card-client sp-nowrap">{client}</span>
        {marks}
      </div>
      {/* One string, one text node: JSX would make seven of it (a board draws hundreds of cards). */}
      <span className="sp-caption sp-card-line sp-nowrap">
        {`${clock(job.scheduled_start_time)}–${clock(job.scheduled_end_time)} · ${service} · $${job.total_price.toFixed(0)}`}
      </span>
      {mover && (
        <span className="sp-card-mover sp-nowrap" data-testid="moved-by">
          <Glyph name="moving" size={12} color="currentColor" /> Being moved by {mover.user_name}
        </span>
      )}
      {movable && (
        <div
          role="presentation"
          aria-label="Drag to change the length"
          data-testid="resize-handle"
          className="sp-resize-handle"
          onClick={(e) => e.stopPropagation()}
        />
      )}
    </div>
  );
});

/** Memoised: a board of 600 cards repaints only the cards whose job changed. */
export const JobCard = memo(JobCardView);
