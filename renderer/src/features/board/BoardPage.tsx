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
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { localDateOf } from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { useJobDialogs } from '../jobs/JobDialogs';
import { useTimeZone } from '../jobs/useJobData';
import { BoardSelection } from '../map/BoardSelection';
import { BoardDnd } from './BoardDnd';
import { DayNavigation } from './DayNavigation';
import { FilterBar, type FilterOption } from './FilterBar';
import { crewGroups } from './crews';
import { filtersFrom, NO_CREW, withFilters, type BoardFilters } from './filters';
import { statusLabel } from './JobCard';
import { longDate, type Day } from './layout';
import { useBoardDay } from './useBoardDay';

const boardPage = pages.find((p) => p.path === '/board');

const STATUSES = Object.entries(statusLabel).map(([value, label]) => ({ value, label }));

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

/** The filter selects: repainted when their options or the filters change, not on every move. */
function Filters({
  day,
  filters,
  onChange,
}: {
  day: Day;
  filters: BoardFilters;
  onChange: (f: BoardFilters) => void;
}) {
  const crews = useSameOptions(
    useMemo(
      () =>
        crewGroups(day).map((g) => ({
          value: g.lead_id ?? NO_CREW,
          label: g.lead_id ? g.title.replace(/'s crew$/, '') : g.title,
        })),
      [day],
    ),
  );
  const services = useSameOptions(
    useMemo(
      () =>
        // Already by name (board.day sorts them).
        day.services.map((s) => ({ value: s.service_id, label: s.name })),
      [day.services],
    ),
  );
  return (
    <FilterBar
      crews={crews}
      services={services}
      statuses={STATUSES}
      filters={filters}
      onChange={onChange}
      testIdPrefix="filter-"
    />
  );
}

// Loaded when first opened: the proposal dialog is not part of the board's first paint.
const RouteProposalDialog = lazy(async () => ({
  default: (await import('../routes/RouteProposalDialog')).RouteProposalDialog,
}));

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const today = localDateOf(new Date(), useTimeZone());
  const date = params.get('date') ?? today;
  const filters = useMemo(() => filtersFrom(params), [params]);
  const go = (next: string) => {
    const nextParams = new URLSearchParams(params);
    nextParams.set('date', next);
    setParams(nextParams);
  };
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
  const counts = board.data
    ? {
        jobs: board.data.appointments.filter(
          (a) => a.status !== 'canceled' && a.status !== 'rescheduled',
        ).length,
        // Clashes only: soft warnings (maintenance due, early starts) show on their cards.
        flagged: Object.values(board.data.warnings).filter((ws) =>
          ws.some((w) => w.severity === 'hard'),
        ).length,
      }
    : null;

  return (
    <Box
      component="section"
      aria-labelledby="page-title"
      sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'center', px: 2, py: 1, flexWrap: 'wrap' }}
      >
        <Typography id="page-title" variant="h5" component="h1" sx={{ mr: 1 }}>
          Dispatch board
        </Typography>
        <DayNavigation date={date} today={today} onGo={go} />
        <Typography data-testid="board-date" color="text.secondary">
          {longDate(date)}
        </Typography>
        <BoardSelection date={date} />
        {board.data && !board.data.hours && <Chip size="small" label="Closed" />}
        {counts && (
          <Typography variant="body2" color="text.secondary" data-testid="board-counts">
            {counts.jobs} {counts.jobs === 1 ? 'job' : 'jobs'}
            {counts.flagged > 0 &&
              ` · ${counts.flagged} ${counts.flagged === 1 ? 'clash' : 'clashes'} to resolve`}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {board.data && <Filters day={board.data} filters={filters} onChange={changeFilters} />}
        <Button
          startIcon={<AltRouteIcon />}
          disabled={!counts?.jobs}
          onClick={() => setRouteFor({ title: `Optimize the routes of ${longDate(date)}` })}
        >
          Optimize day
        </Button>
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
        <Box
          sx={{ display: 'flex', flexGrow: 1, minHeight: 0, borderTop: 1, borderColor: 'divider' }}
        >
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
