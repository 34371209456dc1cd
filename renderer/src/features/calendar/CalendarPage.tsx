// The calendar: the same appointments as the board by week, month, day or as a list, coloured by
// crew or status. The view, day and crew filter live in the URL; the colouring choices in localStorage.
import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  FormControlLabel,
  IconButton,
  LinearProgress,
  MenuItem,
  Stack,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import { useSearchParams } from 'react-router-dom';
import { localDateOf, type DateKey } from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { useJobDialogs } from '../jobs/JobDialogs';
import {
  CALENDAR_VIEWS,
  parseDate,
  parseView,
  rangeOf,
  stepDate,
  titleOf,
  VIEW_LABELS,
  type CalendarView,
} from './calendarDates';
import { useCalendarEvents, type ColorBy, type LegendEntry, type Range } from './events';
import { JobCalendar } from './JobCalendar';
import { useCalendarRange } from './useCalendarRange';
import { useStoredState } from '../../components/useStoredState';

const calendarPage = pages.find((p) => p.path === '/calendar');

const UNIT: Record<CalendarView, string> = {
  week: 'week',
  month: 'month',
  day: 'day',
  list: 'week',
};

const isColorBy = (value: unknown): value is ColorBy => value === 'crew' || value === 'status';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

function Legend({ entries }: { entries: LegendEntry[] }) {
  return (
    <Stack
      direction="row"
      component="ul"
      aria-label="Colour key"
      data-testid="calendar-legend"
      sx={{ flexWrap: 'wrap', gap: 1.5, listStyle: 'none', m: 0, p: 0 }}
    >
      {entries.map((entry) => (
        <Stack
          component="li"
          key={entry.key}
          direction="row"
          spacing={0.75}
          sx={{ alignItems: 'center' }}
        >
          <Box
            aria-hidden
            sx={{ width: 12, height: 12, borderRadius: '3px', bgcolor: entry.swatch.color }}
          />
          <Typography variant="caption" color="text.secondary">
            {entry.label}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}

function CrewFilter({
  range,
  value,
  onChange,
}: {
  range: Range | undefined;
  value: string | null;
  onChange: (staffId: string | null) => void;
}) {
  const people = (range?.staff ?? []).filter((p) => p.is_active || p.staff_id === value);
  return (
    <TextField
      select
      size="small"
      label="Crew member"
      value={people.some((p) => p.staff_id === value) ? (value ?? '') : ''}
      onChange={(e) => onChange(e.target.value || null)}
      sx={{ minWidth: 190 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">Everyone</MenuItem>
      {people.map((p) => (
        <MenuItem key={p.staff_id} value={p.staff_id}>
          {fullName(p)}
          {p.role === 'crew_lead' ? ' (crew lead)' : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}

export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const view = parseView(params.get('view'));
  // Before the first answer the business's zone is unknown; the computer's "today" is close enough.
  const firstToday = localDateOf(new Date(), browserZone);
  const date = parseDate(params.get('date'), firstToday);
  const staffId = params.get('staff');
  const { from, to } = rangeOf(view, date);
  const query = useCalendarRange(from, to);
  const range = query.data;
  const today = localDateOf(new Date(), range?.timezone ?? browserZone);
  const dialogs = useJobDialogs();

  const [colorBy, setColorBy] = useStoredState<ColorBy>(
    'servicepro.calendar.colorBy',
    'crew',
    isColorBy,
  );
  const [showCanceled, setShowCanceled] = useStoredState(
    'servicepro.calendar.showCanceled',
    true,
    isBoolean,
  );

  const go = (next: { view?: CalendarView; date?: DateKey; staff?: string | null }) => {
    const nextStaff = next.staff === undefined ? staffId : next.staff;
    setParams({
      view: next.view ?? view,
      date: next.date ?? date,
      ...(nextStaff ? { staff: nextStaff } : {}),
    });
  };

  const { jobs, events, legend } = useCalendarEvents(range, { colorBy, showCanceled, staffId });
  const hidden = (range?.appointments.length ?? 0) - jobs.length;
  const unit = UNIT[view];

  let body;
  if (query.isError && !range) {
    body = (
      <Alert
        severity="error"
        sx={{ m: 2 }}
        action={
          <Button color="inherit" size="small" onClick={() => void query.refetch()}>
            Try again
          </Button>
        }
      >
        The calendar could not be loaded ({query.error.message}). Check the connection indicator at
        the top right, then try again.
      </Alert>
    );
  } else if (!range || (query.isPlaceholderData && range.appointments.length === 0)) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1 }}>
        <CircularProgress aria-label="Loading the calendar" />
      </Box>
    );
  } else if (range.appointments.length === 0) {
    body = (
      <EmptyState icon={<EventBusyIcon />} title={`No jobs booked for ${titleOf(view, date)}`}>
        Add one with New job above. {calendarPage?.nextStep} Use the arrows to look at another{' '}
        {unit}.
      </EmptyState>
    );
  } else {
    body = (
      <JobCalendar
        timeZone={range.timezone}
        events={events}
        view={view}
        date={date}
        onOpenDay={(day) => go({ view: 'day', date: day })}
      />
    );
  }

  return (
    <Box
      component="section"
      aria-labelledby="page-title"
      aria-busy={query.isFetching}
      data-view={view}
      data-date={date}
      sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap', px: 2, py: 1, rowGap: 1 }}
      >
        <Typography id="page-title" variant="h5" component="h1" sx={{ mr: 1 }}>
          {calendarPage?.title ?? 'Calendar'}
        </Typography>
        <Tooltip title={`Previous ${unit}`}>
          <IconButton
            aria-label={`Previous ${unit}`}
            onClick={() => go({ date: stepDate(view, date, -1) })}
          >
            <ChevronLeftIcon />
          </IconButton>
        </Tooltip>
        <Button
          variant="outlined"
          size="small"
          disabled={rangeOf(view, today).from === from}
          onClick={() => go({ date: today })}
        >
          Today
        </Button>
        <Tooltip title={`Next ${unit}`}>
          <IconButton
            aria-label={`Next ${unit}`}
            onClick={() => go({ date: stepDate(view, date, 1) })}
          >
            <ChevronRightIcon />
          </IconButton>
        </Tooltip>
        <Typography
          data-testid="calendar-title"
          variant="h6"
          component="p"
          sx={{ fontWeight: 500, minWidth: 220 }}
        >
          {titleOf(view, date)}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_, next: CalendarView | null) => next && go({ view: next })}
          aria-label="Calendar view"
        >
          {(Object.keys(CALENDAR_VIEWS) as CalendarView[]).map((v) => (
            <ToggleButton key={v} value={v}>
              {VIEW_LABELS[v]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => dialogs.openNew({ date: date })}
        >
          New job
        </Button>
      </Stack>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap', px: 2, pb: 1, rowGap: 1 }}
      >
        <CrewFilter range={range} value={staffId} onChange={(staff) => go({ staff })} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={colorBy}
          onChange={(_, next: ColorBy | null) => next && setColorBy(next)}
          aria-label="Colour jobs by"
        >
          <ToggleButton value="crew">By crew</ToggleButton>
          <ToggleButton value="status">By status</ToggleButton>
        </ToggleButtonGroup>
        <FormControlLabel
          control={
            <Switch checked={showCanceled} onChange={(e) => setShowCanceled(e.target.checked)} />
          }
          label="Show canceled"
        />
        <Legend entries={legend} />
        {hidden > 0 && (
          <Typography variant="caption" color="text.secondary" data-testid="calendar-hidden">
            {hidden} {hidden === 1 ? 'job' : 'jobs'} hidden by the filters
          </Typography>
        )}
      </Stack>
      <Box sx={{ height: 4 }}>
        {query.isFetching && range && <LinearProgress aria-label="Refreshing the calendar" />}
      </Box>
      {query.isError && range && (
        <Alert
          severity="warning"
          sx={{ mx: 2, mb: 1 }}
          action={
            <Button color="inherit" size="small" onClick={() => void query.refetch()}>
              Try again
            </Button>
          }
        >
          These days could not be refreshed ({query.error.message}); what you see may be out of
          date.
        </Alert>
      )}
      {body}
    </Box>
  );
}
