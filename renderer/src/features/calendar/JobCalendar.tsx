// The FullCalendar grid: shows the jobs, opens them on click, books a picked slot, and sends drags
// and resizes to board.move — the same rules and the same refusals as the dispatch board.
import 'temporal-polyfill/global';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import FullCalendar, {
  type CalendarRef,
  type DateSelectInfo,
  type EventChangeInfo,
  type EventClickInfo,
  type EventInput,
} from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import listPlugin from '@fullcalendar/react/list';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import { Alert, Box, Snackbar } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { localDateOf, localTimeOf, type DateKey } from '../../../../shared/time';
import { MoveWarningDialog } from '../board/MoveWarningDialog';
import { useMoveJob } from '../board/useMoveJob';
import { useJobDialogs } from '../jobs/JobDialogs';
import { CALENDAR_VIEWS, type CalendarView } from './calendarDates';
import { CALENDAR_CLASS, calendarSx } from './calendarTheme';
import type { JobEventProps } from './events';

const plugins = [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin, classicThemePlugin];

/** Month cells fit their height; resizing there would stretch a job over days, so only its day moves. */
const viewOptions = { dayGridMonth: { eventDurationEditable: false } };

const eventTimeFormat = { hour: 'numeric', minute: '2-digit', meridiem: 'short' } as const;

const noMove = () => undefined;

export function JobCalendar({
  timeZone,
  events,
  view,
  date,
  onOpenDay,
}: {
  /** The business's time zone: events are wall-clock times there, whatever the computer's zone. */
  timeZone: string;
  events: EventInput[];
  view: CalendarView;
  date: DateKey;
  onOpenDay: (date: DateKey) => void;
}) {
  const calendar = useRef<CalendarRef>(null);
  const dialogs = useJobDialogs();
  const queryClient = useQueryClient();
  const mover = useMoveJob(noMove);
  /** A move the calendar itself turned down before asking the core. */
  const [notice, setNotice] = useState<string | null>(null);

  // The URL is the truth: the toolbar changes it, and the grid follows.
  useEffect(() => {
    calendar.current?.getApi().changeView(CALENDAR_VIEWS[view], date);
  }, [view, date]);

  const wallClock = (instant: Date) => ({
    date: localDateOf(instant, timeZone),
    time: localTimeOf(instant, timeZone),
  });

  const save = async (info: EventChangeInfo) => {
    const { job } = info.event.extendedProps as JobEventProps;
    const { start, end } = info.event;
    if (!start || !end) {
      info.revert();
      return;
    }
    const from = wallClock(start);
    const to = wallClock(end);
    if (to.date !== from.date || to.time <= from.time) {
      info.revert();
      setNotice('A job has to start and end on the same day. Move it earlier, or make it shorter.');
      return;
    }
    setNotice(null);
    const saved = await mover.move(
      {
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: from.date,
        start: from.time,
        end: to.time,
        staff_ids: job.assigned_staff_ids,
      },
      job,
    );
    // Refused, or waiting for "Move anyway": the job stays where it was until the core agrees.
    if (!saved) info.revert();
    await queryClient.invalidateQueries({ queryKey: ['board.range'] });
  };

  const onSelect = (info: DateSelectInfo) => {
    calendar.current?.getApi().unselect();
    const start = wallClock(info.start);
    dialogs.openNew(info.allDay ? { date: start.date } : { date: start.date, start: start.time });
  };

  const onEventClick = (info: EventClickInfo) => {
    info.jsEvent.preventDefault();
    dialogs.openJob(info.event.id);
  };

  // "Move anyway": the same move with the override, then the calendar shows where the job now is.
  const confirmMove = async () => {
    const { pending } = mover;
    if (!pending) return;
    mover.cancel();
    await mover.move({ ...pending.input, override_warnings: true }, pending.before);
    await queryClient.invalidateQueries({ queryKey: ['board.range'] });
  };

  const message = mover.refusal ?? notice;
  const dismiss = () => {
    mover.dismissRefusal();
    setNotice(null);
  };

  return (
    <Box sx={[{ flexGrow: 1, minHeight: 0, px: 2, pb: 2 }, calendarSx]}>
      <FullCalendar
        ref={calendar}
        plugins={plugins}
        class={CALENDAR_CLASS}
        timeZone={timeZone}
        initialView={CALENDAR_VIEWS[view]}
        initialDate={date}
        headerToolbar={false}
        firstDay={0}
        height="100%"
        views={viewOptions}
        events={events}
        eventTimeFormat={eventTimeFormat}
        allDaySlot={false}
        // Side by side, never on top of each other: every job stays clickable and draggable.
        slotEventOverlap={false}
        nowIndicator
        scrollTime="07:00:00"
        slotDuration="00:30:00"
        snapDuration="00:15:00"
        dayMaxEvents
        editable
        selectable
        selectMirror
        navLinks
        navLinkDayClick={(day: Date) => onOpenDay(localDateOf(day, timeZone))}
        noEventsText="No jobs match the filters in these days."
        eventClick={onEventClick}
        select={onSelect}
        eventDrop={(info) => void save(info)}
        eventResize={(info) => void save(info)}
        eventDidMount={(info) => {
          const { job, details } = info.event.extendedProps as JobEventProps;
          info.el.dataset.appointmentId = job.appointment_id;
          info.el.dataset.status = job.status;
          info.el.title = `${info.event.title}\n${details}`;
        }}
      />
      <MoveWarningDialog
        message={mover.pending?.message ?? null}
        onCancel={mover.cancel}
        onConfirm={() => void confirmMove()}
      />
      <Snackbar
        open={message !== null}
        // A click elsewhere must not hide why the job snapped back; the close button does.
        onClose={(_, reason) => reason !== 'clickaway' && dismiss()}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="error" onClose={dismiss} data-testid="move-refused" sx={{ maxWidth: 720 }}>
          {message}
        </Alert>
      </Snackbar>
    </Box>
  );
}
