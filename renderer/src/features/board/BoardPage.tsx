// The dispatch board: one lane per active staff member, grouped by crew, on a time axis, the
// unassigned queue beside them, day navigation and filters. See BoardDnd for how jobs move.
import AddIcon from '@mui/icons-material/Add';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import GroupsIcon from '@mui/icons-material/Groups';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Snackbar,
  Stack,
  Typography,
} from '@mui/material';
import { lazy, memo, Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { localDateOf } from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { useJobDialogs } from '../jobs/JobDialogs';
import { STATUS_LABELS } from '../jobs/statusLabels';
import { useTimeZone } from '../jobs/useJobData';
import { BoardSelection } from '../map/BoardSelection';
import { BoardDnd } from './BoardDnd';
import { DayNavigation } from './DayNavigation';
import { FilterBar, type FilterOption } from './FilterBar';
import { crewGroups } from './crews';
import { filtersFrom, NO_CREW, withFilters, type BoardFilters } from './filters';
import { longDate, type Day } from './layout';
import { useBoardDay } from './useBoardDay';

const boardPage = pages.find((p) => p.path === '/board');

const STATUSES = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));

const sameOptions = (a: FilterOption[], b: FilterOption[]) =>
  a.length === b.length && a.every((o, i) => o.value === b[i]?.value && o.label === b[i]?.label);

/** `next`, or the list it equals from the last render, so memoised users skip a repaint. */
function useSameOptions(next: FilterOption[]): FilterOption[] {
  const [kept, setKept] = useState(next);
  if (kept !== next && !sameOptions(kept, next)) {
    setKept(next);
    return next;
  }
  return kept;
}

/** The filter options of a day: its crews and its services, the same lists while they read alike. */
function useFilterOptions(day: Day | undefined): {
  crews: FilterOption[];
  services: FilterOption[];
} {
  const crews = useSameOptions(
    useMemo(
      () =>
        day
          ? crewGroups(day).map((g) => ({
              value: g.lead_id ?? NO_CREW,
              label: g.lead_id ? g.title.replace(/'s crew$/, '') : g.title,
            }))
          : NONE,
      [day],
    ),
  );
  const dayServices = day?.services;
  const services = useSameOptions(
    useMemo(
      () =>
        // Already by name (board.day sorts them).
        dayServices ? dayServices.map((s) => ({ value: s.service_id, label: s.name })) : NONE,
      [dayServices],
    ),
  );
  return useMemo(() => ({ crews, services }), [crews, services]);
}

const NONE: FilterOption[] = [];

interface HeaderProps {
  date: string;
  today: string;
  onGo: (date: string) => void;
  /** The day is loaded and the business is closed on it. */
  closed: boolean;
  /** The day's jobs (canceled and rescheduled aside) and its hard clashes; null while loading. */
  jobs: number | null;
  flagged: number;
  options: { crews: FilterOption[]; services: FilterOption[] } | null;
  filters: BoardFilters;
  onFilters: (f: BoardFilters) => void;
  onOptimizeDay: () => void;
  onNewJob: () => void;
}

const HEADER_SX = { alignItems: 'center', px: 2, py: 1, flexWrap: 'wrap' } as const;
const TITLE_SX = { mr: 1 } as const;
const SPACER_SX = { flexGrow: 1 } as const;

/**
 * Title, day navigation, counts, filters and actions: memoised on plain values, so a drop (a new
 * day object with one job moved) does not repaint the header's MUI components.
 */
const BoardHeader = memo(function BoardHeader(props: HeaderProps) {
  const { date, jobs, flagged, options } = props;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={HEADER_SX}>
      <Typography id="page-title" variant="h5" component="h1" sx={TITLE_SX}>
        Dispatch board
      </Typography>
      <DayNavigation date={date} today={props.today} onGo={props.onGo} />
      <Typography data-testid="board-date" color="text.secondary">
        {longDate(date)}
      </Typography>
      <BoardSelection date={date} />
      {props.closed && <Chip size="small" label="Closed" />}
      {jobs !== null && (
        <Typography variant="body2" color="text.secondary" data-testid="board-counts">
          {jobs} {jobs === 1 ? 'job' : 'jobs'}
          {flagged > 0 && ` · ${flagged} ${flagged === 1 ? 'clash' : 'clashes'} to resolve`}
        </Typography>
      )}
      <Box sx={SPACER_SX} />
      {options && (
        <FilterBar
          crews={options.crews}
          services={options.services}
          statuses={STATUSES}
          filters={props.filters}
          onChange={props.onFilters}
          testIdPrefix="filter-"
        />
      )}
      <Button startIcon={<AltRouteIcon />} disabled={!jobs} onClick={props.onOptimizeDay}>
        Optimize day
      </Button>
      <Button
        variant="contained"
        startIcon={<AddIcon />}
        data-testid="new-job"
        onClick={props.onNewJob}
      >
        New job
      </Button>
    </Stack>
  );
});

const PAGE_SX = { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 } as const;
const LOADING_SX = { display: 'grid', placeItems: 'center', flexGrow: 1 } as const;
const BOARD_SX = {
  display: 'flex',
  flexGrow: 1,
  minHeight: 0,
  borderTop: 1,
  borderColor: 'divider',
} as const;

// Loaded when first opened: the proposal dialog is not part of the board's first paint.
const RouteProposalDialog = lazy(async () => ({
  default: (await import('../routes/RouteProposalDialog')).RouteProposalDialog,
}));

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const today = localDateOf(new Date(), useTimeZone());
  const date = params.get('date') ?? today;
  const filters = useMemo(() => filtersFrom(params), [params]);
  const go = useCallback(
    (next: string) =>
      setParams((current) => {
        const nextParams = new URLSearchParams(current);
        nextParams.set('date', next);
        return nextParams;
      }),
    [setParams],
  );
  const board = useBoardDay(date);
  const changeFilters = useCallback(
    (f: BoardFilters) => setParams((current) => withFilters(current, f)),
    [setParams],
  );
  const dialogs = useJobDialogs();
  /** The route being optimized: one crew (its lead's id) or, without one, the whole day. */
  const [routeFor, setRouteFor] = useState<{ crewId?: string; title: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const optimizeCrew = useCallback(
    (crewId: string, name: string) => setRouteFor({ crewId, title: `Optimize route: ${name}` }),
    [],
  );
  const optimizeDay = useCallback(
    () => setRouteFor({ title: `Optimize the routes of ${longDate(date)}` }),
    [date],
  );
  const { openNew } = dialogs;
  const newJob = useCallback(() => openNew({ date }), [openNew, date]);
  const options = useFilterOptions(board.data);
  const day = board.data;
  const jobs = day
    ? day.appointments.filter((a) => a.status !== 'canceled' && a.status !== 'rescheduled').length
    : null;
  // Clashes only: soft warnings (maintenance due, early starts) show on their cards.
  const flagged = day
    ? Object.values(day.warnings).filter((ws) => ws.some((w) => w.severity === 'hard')).length
    : 0;

  return (
    <Box component="section" aria-labelledby="page-title" sx={PAGE_SX}>
      <BoardHeader
        date={date}
        today={today}
        onGo={go}
        closed={day !== undefined && !day.hours}
        jobs={jobs}
        flagged={flagged}
        options={day ? options : null}
        filters={filters}
        onFilters={changeFilters}
        onOptimizeDay={optimizeDay}
        onNewJob={newJob}
      />
      {board.isPending ? (
        <Box sx={LOADING_SX}>
          <CircularProgress aria-label="Loading the board" />
        </Box>
      ) : board.isError ? (
        <Alert
          severity="error"
          sx={{ m: 2 }}
          action={
            <Button color="inherit" onClick={() => void board.refetch()}>
              Try again
            </Button>
          }
        >
          The board could not be loaded: {board.error.message}
        </Alert>
      ) : board.data.staff.length === 0 ? (
        <EmptyState icon={<GroupsIcon />} title="No crews yet">
          {boardPage?.nextStep}
        </EmptyState>
      ) : (
        <Box sx={BOARD_SX}>
          <BoardDnd day={board.data} filters={filters} onOptimizeCrew={optimizeCrew} />
        </Box>
      )}
      {routeFor && (
        <Suspense fallback={null}>
          <RouteProposalDialog
            date={date}
            title={routeFor.title}
            {...(routeFor.crewId ? { crewId: routeFor.crewId } : {})}
            onClose={() => setRouteFor(null)}
            onApplied={(message) => {
              setRouteFor(null);
              setNotice(message);
            }}
          />
        </Suspense>
      )}
      <Snackbar
        open={notice !== null}
        autoHideDuration={6000}
        onClose={() => setNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <Alert severity="success" variant="filled" role="status" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      </Snackbar>
    </Box>
  );
}
