// The dispatch board: one lane per active staff member on a time axis, and the unassigned queue.
import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import GroupsIcon from '@mui/icons-material/Groups';
import RedoIcon from '@mui/icons-material/Redo';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Paper,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Snackbar,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import {
  DndContext,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { SxProps, Theme } from '@mui/material/styles';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Output } from '../../../../shared/contract';
import {
  addDays,
  dateKeyOf,
  hhmm,
  localDateOf,
  localTimeOf,
  minutesOf,
} from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { useJobDialogs } from '../jobs/JobDialogs';
import { useBoardDay } from './useBoardDay';
import { useMoveHistory } from './useMoveHistory';
import { useMoveJob } from './useMoveJob';

type Day = Output<'board.day'>;

const boardPage = pages.find((p) => p.path === '/board');
type Job = Day['appointments'][number];

const LANE_HEIGHT = 56;
const NAME_WIDTH = 180;
const PX_PER_HOUR = 120;

const statusColor: Record<string, 'default' | 'primary' | 'success' | 'warning' | 'error'> = {
  scheduled: 'primary',
  in_progress: 'warning',
  completed: 'success',
  canceled: 'error',
  rescheduled: 'default',
};

/** US dispatch style: 9:00, 1:30 PM only where it helps (AM/PM on the hour ticks). */
function clock(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')}`;
}

function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The axis: business hours with an hour of margin, or 6:00–20:00 on a closed day. */
function axisOf(day: Day): { from: number; to: number } {
  const from = day.hours ? Math.max(0, minutesOf(day.hours.start) - 60) : 6 * 60;
  const to = day.hours ? Math.min(24 * 60, minutesOf(day.hours.end) + 60) : 20 * 60;
  const jobs = day.appointments;
  return {
    from: Math.min(
      from,
      ...jobs.map((j) => Math.floor(minutesOf(j.scheduled_start_time) / 60) * 60),
    ),
    to: Math.max(to, ...jobs.map((j) => Math.ceil(minutesOf(j.scheduled_end_time) / 60) * 60)),
  };
}

function JobCard({
  job,
  day,
  axisFrom,
  lane,
}: {
  job: Job;
  day: Day;
  axisFrom: number;
  lane: string;
}) {
  const { setNodeRef, listeners, attributes, transform } = useDraggable({
    id: `${job.appointment_id}|${lane}`,
    data: { job, lane },
    disabled: job.status !== 'scheduled',
  });
  const client = day.clients.find((c) => c.client_id === job.client_id);
  const service = day.services.find((s) => s.service_id === job.service_id);
  const dialogs = useJobDialogs();
  const start = minutesOf(job.scheduled_start_time);
  const end = minutesOf(job.scheduled_end_time);
  const name = client ? `${client.first_name} ${client.last_name}` : job.client_id;
  return (
    <Tooltip
      title={`${name} · ${service?.name ?? ''} · ${clock(job.scheduled_start_time)}–${clock(job.scheduled_end_time)} · ${client?.address ?? ''}`}
    >
      <Paper
        ref={setNodeRef}
        {...listeners}
        {...attributes}
        data-testid="job-card"
        data-appointment-id={job.appointment_id}
        onClick={() => dialogs.openJob(job.appointment_id)}
        variant="outlined"
        style={
          transform
            ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 5 }
            : undefined
        }
        sx={{
          cursor: job.status === 'scheduled' ? 'grab' : 'default',
          touchAction: 'none',
          position: 'absolute',
          top: 4,
          height: LANE_HEIGHT - 8,
          left: ((start - axisFrom) / 60) * PX_PER_HOUR,
          width: Math.max(24, ((end - start) / 60) * PX_PER_HOUR - 2),
          px: 0.75,
          overflow: 'hidden',
          borderLeft: 4,
          borderLeftColor: `${statusColor[job.status] === 'default' ? 'grey' : statusColor[job.status]}.main`,
          opacity: job.status === 'canceled' ? 0.55 : 1,
        }}
      >
        <Typography variant="caption" component="div" noWrap sx={{ fontWeight: 600 }}>
          {name}
        </Typography>
        <Typography variant="caption" component="div" noWrap color="text.secondary">
          {clock(job.scheduled_start_time)}–{clock(job.scheduled_end_time)} · {service?.name} · $
          {job.total_price.toFixed(2)}
        </Typography>
      </Paper>
    </Tooltip>
  );
}

function NowLine({ day, axisFrom }: { day: Day; axisFrom: number }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (localDateOf(now, day.timezone) !== day.date) return null;
  const minutes = minutesOf(localTimeOf(now, day.timezone));
  return (
    <Box
      data-testid="now-line"
      sx={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: NAME_WIDTH + ((minutes - axisFrom) / 60) * PX_PER_HOUR,
        borderLeft: 2,
        borderColor: 'error.main',
        zIndex: 2,
        pointerEvents: 'none',
      }}
    />
  );
}

function LaneTimeline({
  staffId,
  sx,
  children,
}: {
  staffId: string;
  sx: SxProps<Theme>;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: staffId });
  return (
    <Box
      ref={setNodeRef}
      data-testid="lane-timeline"
      sx={[sx as object, isOver && { bgcolor: 'action.hover' }]}
    >
      {children}
    </Box>
  );
}

/** Minutes a horizontal drag moved a card, snapped to the quarter hour. */
const snappedMinutes = (dx: number) => Math.round(((dx / PX_PER_HOUR) * 60) / 15) * 15;

function Lanes({ day }: { day: Day }) {
  const { from, to } = axisOf(day);
  const hours = Array.from({ length: (to - from) / 60 }, (_, i) => from + i * 60);
  const width = ((to - from) / 60) * PX_PER_HOUR;
  return (
    <Box sx={{ overflow: 'auto', flexGrow: 1, position: 'relative' }} data-testid="board-lanes">
      <Box sx={{ position: 'relative', width: NAME_WIDTH + width }}>
        <Box
          sx={{
            display: 'flex',
            position: 'sticky',
            top: 0,
            zIndex: 3,
            bgcolor: 'background.paper',
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          <Box sx={{ width: NAME_WIDTH, flexShrink: 0, px: 1, py: 0.5 }}>
            <Typography variant="caption" color="text.secondary">
              Crew
            </Typography>
          </Box>
          {hours.map((m) => (
            <Box
              key={m}
              sx={{
                width: PX_PER_HOUR,
                flexShrink: 0,
                borderLeft: 1,
                borderColor: 'divider',
                px: 0.5,
              }}
            >
              <Typography variant="caption" color="text.secondary">
                {clock(`${m / 60}:00`)} {m < 12 * 60 ? 'AM' : 'PM'}
              </Typography>
            </Box>
          ))}
        </Box>
        {day.staff.map((person) => {
          const jobs = day.appointments.filter((a) =>
            a.assigned_staff_ids.includes(person.staff_id),
          );
          return (
            <Box
              key={person.staff_id}
              role="row"
              data-testid="lane"
              data-staff-id={person.staff_id}
              sx={{
                display: 'flex',
                height: LANE_HEIGHT,
                borderBottom: 1,
                borderColor: 'divider',
              }}
            >
              <Box
                sx={{
                  width: NAME_WIDTH,
                  flexShrink: 0,
                  px: 1,
                  display: 'flex',
                  flexDirection: 'column',
                  justifyContent: 'center',
                }}
              >
                <Typography
                  variant="body2"
                  noWrap
                  sx={{ fontWeight: person.role === 'crew_lead' ? 600 : 400 }}
                >
                  {person.first_name} {person.last_name}
                </Typography>
                <Typography variant="caption" color="text.secondary" noWrap>
                  {person.role.replace('_', ' ')} · {jobs.length}{' '}
                  {jobs.length === 1 ? 'job' : 'jobs'}
                </Typography>
              </Box>
              <LaneTimeline
                staffId={person.staff_id}
                sx={{
                  position: 'relative',
                  width,
                  flexShrink: 0,
                  backgroundImage: (t) =>
                    `repeating-linear-gradient(to right, ${t.palette.divider} 0 1px, transparent 1px ${PX_PER_HOUR / 4}px)`,
                }}
              >
                {jobs.map((job) => (
                  <JobCard
                    key={job.appointment_id}
                    job={job}
                    day={day}
                    axisFrom={from}
                    lane={person.staff_id}
                  />
                ))}
              </LaneTimeline>
            </Box>
          );
        })}
        <NowLine day={day} axisFrom={from} />
      </Box>
    </Box>
  );
}

/** Drag and drop across the lanes and the queue; every drop goes to board.move, which has the last word. */
function BoardDnd({ day }: { day: Day }) {
  const axisFrom = axisOf(day).from;
  // The mover reports each dispatcher move to the history, which itself moves jobs to undo/redo.
  const record = useRef<(before: Job, after: Job) => void>(() => undefined);
  const mover = useMoveJob((before, after) => record.current(before, after));
  const history = useMoveHistory(mover.move);
  useEffect(() => {
    record.current = history.record;
  });
  // A small threshold keeps a click (tooltip, later the job dialog) from starting a drag.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const onDragEnd = ({ active, over, delta }: DragEndEvent) => {
    const data = active.data.current as { job: Job; lane: string | null } | undefined;
    if (!data || !over) return;
    const { job, lane } = data;
    const target = String(over.id);
    const duration = minutesOf(job.scheduled_end_time) - minutesOf(job.scheduled_start_time);
    let start: number;
    let staff: string[];
    if (lane === null) {
      // From the queue: the time is where the card's left edge was dropped on the lane.
      const left = active.rect.current.translated?.left ?? over.rect.left;
      start = axisFrom + snappedMinutes(left - over.rect.left);
      staff = [target];
    } else {
      const shift = snappedMinutes(delta.x);
      if (shift === 0 && target === lane) return;
      start = minutesOf(job.scheduled_start_time) + shift;
      staff = [...new Set(job.assigned_staff_ids.map((id) => (id === lane ? target : id)))];
    }
    const end = start + duration;
    if (start < 0 || end > 24 * 60) return;
    void mover.move(
      {
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: day.date,
        start: hhmm(start),
        end: hhmm(end),
        staff_ids: staff,
      },
      job,
    );
  };
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd}>
      <Lanes day={day} />
      <Box sx={{ display: 'flex', flexDirection: 'column', width: 280, flexShrink: 0 }}>
        <Stack
          direction="row"
          spacing={1}
          sx={{ px: 1, py: 0.5, borderBottom: 1, borderColor: 'divider' }}
        >
          <Button
            size="small"
            startIcon={<UndoIcon />}
            disabled={!history.canUndo}
            onClick={() => void history.undo()}
          >
            Undo
          </Button>
          <Button
            size="small"
            startIcon={<RedoIcon />}
            disabled={!history.canRedo}
            onClick={() => void history.redo()}
          >
            Redo
          </Button>
        </Stack>
        <Queue day={day} />
      </Box>
      <Dialog
        open={mover.pending !== null}
        onClose={mover.cancel}
        aria-labelledby="move-warning-title"
      >
        <DialogTitle id="move-warning-title">Move this job anyway?</DialogTitle>
        <DialogContent>
          <DialogContentText>{mover.pending?.message}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={mover.cancel}>Cancel</Button>
          <Button onClick={mover.confirm} variant="contained">
            Move anyway
          </Button>
        </DialogActions>
      </Dialog>
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

function QueueItem({ job, primary, secondary }: { job: Job; primary: string; secondary: string }) {
  const dialogs = useJobDialogs();
  const { setNodeRef, listeners, attributes, transform } = useDraggable({
    id: `${job.appointment_id}|queue`,
    data: { job, lane: null },
  });
  return (
    <ListItem
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      data-testid="queue-item"
      data-appointment-id={job.appointment_id}
      onClick={() => dialogs.openJob(job.appointment_id)}
      style={
        transform
          ? { transform: `translate(${transform.x}px, ${transform.y}px)`, zIndex: 5 }
          : undefined
      }
      sx={{ cursor: 'grab', touchAction: 'none', bgcolor: 'background.paper' }}
    >
      <ListItemText primary={primary} secondary={secondary} />
    </ListItem>
  );
}

function Queue({ day }: { day: Day }) {
  return (
    <Paper
      variant="outlined"
      square
      sx={{ flexGrow: 1, overflow: 'auto' }}
      data-testid="unassigned-queue"
    >
      <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }}>
        Unassigned ({day.unassigned.length})
      </Typography>
      {day.unassigned.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
          Every scheduled job has a crew. New jobs without a crew wait here.
        </Typography>
      ) : (
        <List dense>
          {day.unassigned.map((job) => {
            const client = day.clients.find((c) => c.client_id === job.client_id);
            const service = day.services.find((s) => s.service_id === job.service_id);
            return (
              <QueueItem
                key={job.appointment_id}
                job={job}
                primary={client ? `${client.first_name} ${client.last_name}` : job.client_id}
                secondary={`${dateKeyOf(job.scheduled_date)} ${clock(job.scheduled_start_time)} · ${service?.name ?? ''}`}
              />
            );
          })}
        </List>
      )}
    </Paper>
  );
}

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const today = localDateOf(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
  const date = params.get('date') ?? today;
  const go = (next: string) => setParams({ date: next });
  const board = useBoardDay(date);
  const dialogs = useJobDialogs();

  return (
    <Box
      component="section"
      aria-labelledby="page-title"
      sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1 }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ mr: 2 }}>
          Dispatch board
        </Typography>
        <IconButton aria-label="Previous day" onClick={() => go(addDays(date, -1))}>
          <ChevronLeftIcon />
        </IconButton>
        <Button onClick={() => go(today)} disabled={date === today}>
          Today
        </Button>
        <IconButton aria-label="Next day" onClick={() => go(addDays(date, 1))}>
          <ChevronRightIcon />
        </IconButton>
        <TextField
          type="date"
          size="small"
          label="Day"
          value={date}
          onChange={(e) => e.target.value && go(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Typography data-testid="board-date" color="text.secondary">
          {longDate(date)}
        </Typography>
        {board.data && !board.data.hours && <Chip size="small" label="Closed" />}
        <Box sx={{ flexGrow: 1 }} />
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          data-testid="new-job"
          onClick={() => dialogs.openNew({ date })}
        >
          New job
        </Button>
      </Stack>
      {board.isPending ? (
        <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1 }}>
          <CircularProgress aria-label="Loading the board" />
        </Box>
      ) : board.isError ? (
        <Alert severity="error" sx={{ m: 2 }}>
          The board could not be loaded: {board.error.message}
        </Alert>
      ) : board.data.staff.length === 0 ? (
        <EmptyState icon={<GroupsIcon />} title="No crews yet">
          {boardPage?.nextStep}
        </EmptyState>
      ) : (
        <Box
          sx={{ display: 'flex', flexGrow: 1, minHeight: 0, borderTop: 1, borderColor: 'divider' }}
        >
          <BoardDnd day={board.data} />
        </Box>
      )}
    </Box>
  );
}
