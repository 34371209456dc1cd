// The unassigned queue beside the lanes: scheduled jobs nobody has yet, soonest first. Drag one
// onto a lane, or focus it and press M to place it from a dialog.
import { List, ListItem, ListItemText, Paper, Typography } from '@mui/material';
import { memo } from 'react';
import { useDraggable } from '@dnd-kit/core';
import { dateKeyOf } from '../../../../shared/time';
import type { CardDragData, CardKey } from './JobCard';
import { clientName, clock, serviceName, type Day, type Job } from './layout';
import type { Mover } from './usePresence';

function QueueItem({
  job,
  primary,
  secondary,
  mover,
  onKey,
}: {
  job: Job;
  primary: string;
  secondary: string;
  mover: Mover | undefined;
  onKey: (job: Job, lane: string | null, action: CardKey) => void;
}) {
  const { setNodeRef, listeners, attributes, transform } = useDraggable({
    id: `${job.appointment_id}|queue`,
    data: { job, lane: null } satisfies CardDragData,
  });
  return (
    <ListItem
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      tabIndex={0}
      aria-label={`${primary}, ${secondary}. Press M to place it on a crew, Enter to open it.`}
      data-testid="queue-item"
      data-appointment-id={job.appointment_id}
      onClick={() => onKey(job, null, 'open')}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'm' || e.key === 'M') {
          e.preventDefault();
          onKey(job, null, e.key === 'Enter' ? 'open' : 'dialog');
        }
      }}
      style={
        transform
          ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 10 }
          : undefined
      }
      sx={{
        cursor: 'grab',
        touchAction: 'none',
        bgcolor: 'background.paper',
        borderBottom: 1,
        borderColor: 'divider',
        '&:focus-visible': { outline: 3, outlineColor: 'primary.main', outlineOffset: -3 },
      }}
    >
      <ListItemText
        primary={primary}
        secondary={mover ? `${secondary} · Being moved by ${mover.user_name}` : secondary}
      />
    </ListItem>
  );
}

/** Memoised: the board's undo history and dialogs change without touching the queue. */
export const Queue = memo(function Queue({
  day,
  movers,
  onKey,
}: {
  day: Day;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string | null, action: CardKey) => void;
}) {
  return (
    <Paper
      variant="outlined"
      square
      sx={{ flexGrow: 1, overflow: 'auto', border: 0 }}
      data-testid="unassigned-queue"
      aria-label="Unassigned jobs"
    >
      <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }}>
        Unassigned ({day.unassigned.length})
      </Typography>
      {day.unassigned.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
          Every scheduled job has a crew. New jobs without a crew wait here; drag them onto a lane.
        </Typography>
      ) : (
        <List dense disablePadding>
          {day.unassigned.map((job) => (
            <QueueItem
              key={job.appointment_id}
              job={job}
              primary={clientName(day, job)}
              secondary={`${dateKeyOf(job.scheduled_date)} ${clock(job.scheduled_start_time)} · ${serviceName(day, job)}`}
              mover={movers[job.appointment_id]}
              onKey={onKey}
            />
          ))}
        </List>
      )}
    </Paper>
  );
});
