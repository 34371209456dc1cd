// One job on a lane: who, what, when, status, price and what to watch (weather, confirmation,
// rule warnings, another dispatcher moving it). Drag to move, drag the right edge to resize, or use
// the keyboard (see KEYBOARD_HELP).
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import LinkIcon from '@mui/icons-material/Link';
import PanToolIcon from '@mui/icons-material/PanTool';
import ThunderstormIcon from '@mui/icons-material/Thunderstorm';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Box, Paper, Typography } from '@mui/material';
import { useDraggable } from '@dnd-kit/core';
import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { minutesOf } from '../../../../shared/time';
import type { BoardViolation } from '../../../../shared/contract';
import { clock, clockWithPeriod, LANE_HEIGHT, PX_PER_HOUR, xOf, type Job } from './layout';
import type { Mover } from './usePresence';

export const KEYBOARD_HELP =
  'Arrow left/right: 15 minutes earlier/later. Shift+arrow: shorter/longer. Arrow up/down: the crew member above/below. Enter: open the job. M: move or add crew.';

export const statusColor: Record<string, 'grey' | 'primary' | 'success' | 'warning' | 'error'> = {
  scheduled: 'primary',
  in_progress: 'warning',
  completed: 'success',
  canceled: 'error',
  rescheduled: 'grey',
};

export const statusLabel: Record<string, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
  rescheduled: 'Rescheduled',
};

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
  client: string;
  service: string;
  /** The other crew members' names, comma-separated ('' when the job has one person). */
  partners: string;
  warnings: BoardViolation[] | undefined;
  weather: string[] | undefined;
  mover: Mover | undefined;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}

const HANDLE_STYLE: CSSProperties = {
  position: 'absolute',
  top: 0,
  right: 0,
  bottom: 0,
  width: 8,
  cursor: 'ew-resize',
  touchAction: 'none',
};

/** Its own draggable: a drag here changes the end time. Plain markup: it re-renders on every drag. */
function ResizeHandle({ job, lane }: { job: Job; lane: string }) {
  const { setNodeRef, listeners, attributes } = useDraggable({
    id: `resize|${job.appointment_id}|${lane}`,
    data: { kind: 'resize', job, lane },
  });
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      role="presentation"
      tabIndex={-1}
      aria-label="Drag to change the length"
      data-testid="resize-handle"
      className="resize-handle"
      onClick={(e) => e.stopPropagation()}
      style={HANDLE_STYLE}
    />
  );
}

type Draggable = ReturnType<typeof useDraggable>;

/**
 * The draggable wrapper: dnd-kit re-renders every useDraggable on each drag start, lane crossing
 * and drop, so this part is thin and the card itself (CardBody) is memoised on its own props.
 */
function JobCardView(props: JobCardProps) {
  const { job, lane } = props;
  const { setNodeRef, listeners, attributes, transform, isDragging } = useDraggable({
    id: `${job.appointment_id}|${lane}`,
    data: { kind: 'move', job, lane },
    disabled: job.status !== 'scheduled',
  });
  return (
    <CardBody
      {...props}
      setNodeRef={setNodeRef}
      listeners={listeners}
      attributes={attributes}
      x={transform?.x ?? null}
      y={transform?.y ?? null}
      isDragging={isDragging}
    />
  );
}

const CardBody = memo(function CardBody({
  job,
  lane,
  axisFrom,
  client,
  service,
  partners,
  warnings,
  weather,
  mover,
  onKey,
  setNodeRef,
  listeners,
  attributes,
  x,
  y,
  isDragging,
}: JobCardProps & {
  setNodeRef: Draggable['setNodeRef'];
  listeners: Draggable['listeners'];
  attributes: Draggable['attributes'];
  x: number | null;
  y: number | null;
  isDragging: boolean;
}) {
  const movable = job.status === 'scheduled';
  const start = minutesOf(job.scheduled_start_time);
  const end = minutesOf(job.scheduled_end_time);
  const hard = warnings?.some((w) => w.severity === 'hard');
  const confirmed = job.client_notified_at !== null;
  const color = statusColor[job.status] ?? 'grey';
  const time = `${clockWithPeriod(job.scheduled_start_time)} to ${clockWithPeriod(job.scheduled_end_time)}`;
  const lines = [
    `${client}, ${service}, ${time}, ${statusLabel[job.status]}, $${job.total_price.toFixed(2)}.`,
    partners ? `With ${partners}.` : '',
    confirmed ? 'Client confirmed.' : 'Client not confirmed yet.',
    weather?.length ? `Weather risk: ${weather.join(', ')}.` : '',
    ...(warnings ?? []).map((w) => w.message),
    mover ? `Being moved by ${mover.user_name}.` : '',
  ].filter(Boolean);
  return (
    <Paper
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      tabIndex={0}
      aria-roledescription="job"
      aria-label={lines.join(' ')}
      title={lines.join('\n')}
      data-testid="job-card"
      data-appointment-id={job.appointment_id}
      data-lane={lane}
      data-status={job.status}
      onKeyDown={(e) => {
        const action = keyAction(e);
        if (!action) return;
        e.preventDefault();
        e.stopPropagation();
        onKey(job, lane, action);
      }}
      onClick={() => onKey(job, lane, 'open')}
      variant="outlined"
      style={x !== null ? { transform: `translate(${x}px, ${y}px)`, zIndex: 10 } : undefined}
      sx={{
        cursor: movable ? 'grab' : 'pointer',
        touchAction: 'none',
        position: 'absolute',
        top: 3,
        height: LANE_HEIGHT - 6,
        left: xOf(start, axisFrom),
        width: Math.max(24, ((end - start) / 60) * PX_PER_HOUR - 2),
        pl: 0.75,
        pr: 1,
        overflow: 'hidden',
        borderLeft: 4,
        borderLeftColor: `${color}.main`,
        borderColor: hard ? 'error.main' : mover ? 'secondary.main' : undefined,
        outline: mover ? 2 : undefined,
        outlineColor: 'secondary.main',
        opacity: job.status === 'canceled' || job.status === 'rescheduled' ? 0.5 : 1,
        boxShadow: isDragging ? 6 : undefined,
        '&:focus-visible': { outline: 3, outlineColor: 'primary.main' },
        '& .resize-handle:hover': { bgcolor: 'action.selected' },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.25, minWidth: 0 }}>
        <Typography variant="caption" noWrap sx={{ fontWeight: 600, flexShrink: 1, minWidth: 0 }}>
          {client}
        </Typography>
        {partners && (
          <LinkIcon data-testid="linked-crew" sx={{ fontSize: 14, color: 'text.secondary' }} />
        )}
        {weather?.length ? (
          <ThunderstormIcon data-testid="weather-risk" sx={{ fontSize: 14, color: 'info.main' }} />
        ) : null}
        {warnings?.length ? (
          <WarningAmberIcon
            data-testid="job-warning"
            sx={{ fontSize: 14, color: hard ? 'error.main' : 'warning.main' }}
          />
        ) : null}
        {confirmed && (
          <CheckCircleIcon data-testid="confirmed" sx={{ fontSize: 13, color: 'success.main' }} />
        )}
      </Box>
      <Typography variant="caption" component="div" noWrap color="text.secondary">
        {clock(job.scheduled_start_time)}–{clock(job.scheduled_end_time)} · {service} · $
        {job.total_price.toFixed(0)}
      </Typography>
      {mover && (
        <Typography
          variant="caption"
          component="div"
          noWrap
          data-testid="moved-by"
          sx={{ color: 'secondary.main', display: 'flex', alignItems: 'center', gap: 0.25 }}
        >
          <PanToolIcon sx={{ fontSize: 12 }} /> Being moved by {mover.user_name}
        </Typography>
      )}
      {movable && <ResizeHandle job={job} lane={lane} />}
    </Paper>
  );
});

/** Memoised: a board of 600 cards repaints only the cards whose job changed. */
export const JobCard = memo(JobCardView);
