// The Weather plan page: upcoming jobs the forecast puts at risk, by day, each with its proposed new
// slot; the dispatcher approves or dismisses them, checks the forecast now, and sees where forecasts
// come from and when they were last checked.
import ThunderstormIcon from '@mui/icons-material/Thunderstorm';
import WbSunnyIcon from '@mui/icons-material/WbSunny';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  LinearProgress,
  Stack,
  Typography,
} from '@mui/material';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { useSession } from '../auth/useSession';
import { longDate } from '../board/layout';
import { useTimeZone } from '../jobs/useJobData';
import { PlanItemRow } from './PlanItemRow';
import { useApprove, useCheckNow, useDismiss, useNow, useWeatherPlan } from './useWeatherPlan';
import {
  ago,
  byDay,
  canApprove,
  clockTime,
  isOpen,
  plural,
  sweepSummary,
  windowText,
  type PlanItem,
  type WatchStatus,
} from './weatherModel';
import { CheckNowButton } from '../../components/CheckNowButton';

const weatherPage = pages.find((p) => p.path === '/weather');

type Outcome =
  | { kind: 'approved'; moved: number; failed: { id: string; label: string; message: string }[] }
  | { kind: 'dismissed'; count: number };

const labelOf = (item: PlanItem | undefined) =>
  item ? `${item.client_name} (${item.service_name})` : 'A job';

/** "Forecasts from Open-Meteo · checked 12 min ago · next check 3:30 PM". */
function StatusLine({ status, timeZone }: { status: WatchStatus; timeZone: string }) {
  const now = useNow();
  const parts = [
    `Forecasts from ${status.provider_name}`,
    status.last_sweep_at ? `checked ${ago(status.last_sweep_at, now)}` : 'not checked yet',
  ];
  if (status.next_sweep_at) {
    parts.push(
      status.next_sweep_at.getTime() <= now
        ? 'next check any moment'
        : `next check ${clockTime(status.next_sweep_at, now, timeZone)}`,
    );
  }
  return (
    <Typography variant="body2" color="text.secondary" data-testid="weather-status">
      {parts.join(' · ')}
    </Typography>
  );
}

function OutcomeAlert({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  if (outcome.kind === 'dismissed') {
    return (
      <Alert severity="success" onClose={onClose} data-testid="weather-result">
        {plural(outcome.count, 'job is', 'jobs are')} left where{' '}
        {outcome.count === 1 ? 'it is' : 'they are'}; the weather watch raises{' '}
        {outcome.count === 1 ? 'it' : 'them'} again if the forecast changes.
      </Alert>
    );
  }
  const { moved, failed } = outcome;
  return (
    <Alert
      severity={failed.length === 0 ? 'success' : moved === 0 ? 'error' : 'warning'}
      onClose={onClose}
      data-testid="weather-result"
    >
      {moved === 0
        ? 'No job was moved.'
        : moved === 1
          ? '1 job moved to its new slot.'
          : `${moved} jobs moved to their new slots.`}
      {failed.length > 0 && (
        <>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {failed.length === 1
              ? 'This job stays where it is:'
              : 'These jobs stay where they are:'}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {failed.map((f) => (
              <li key={f.id} data-testid="weather-failure">
                {f.label}: {f.message}
              </li>
            ))}
          </Box>
        </>
      )}
    </Alert>
  );
}

export function WeatherPage() {
  const session = useSession().data?.session;
  const canDispatch = session?.permissions.includes('dispatch') ?? false;
  const canManage = session?.permissions.includes('settings.manage') ?? false;
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  const plan = useWeatherPlan();
  const approve = useApprove();
  const dismiss = useDismiss();
  const checkNow = useCheckNow();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const items = useMemo(() => plan.data?.items ?? [], [plan.data]);
  const days = useMemo(() => byDay(items), [items]);
  const status = plan.data?.status;
  const actionable = canDispatch ? items.filter(isOpen) : [];
  const chosen = actionable.filter((item) => selected.has(item.proposal_id));
  const chosenToApprove = chosen.filter(canApprove);
  const allToApprove = actionable.filter(canApprove);
  const busy = approve.isPending || dismiss.isPending;
  const allChosen = actionable.length > 0 && chosen.length === actionable.length;

  const toggle = useCallback(
    (proposalId: string) =>
      setSelected((previous) => {
        const next = new Set(previous);
        if (next.has(proposalId)) next.delete(proposalId);
        else next.add(proposalId);
        return next;
      }),
    [],
  );

  const runApprove = (targets: PlanItem[]) => {
    setOutcome(null);
    dismiss.reset();
    // What the last check found no longer describes the plan once jobs are decided.
    checkNow.reset();
    approve.mutate(
      targets.map((t) => t.proposal_id),
      {
        onSuccess: ({ moved, failed }) => {
          const byId = new Map(targets.map((t) => [t.proposal_id, t]));
          setOutcome({
            kind: 'approved',
            moved: moved.length,
            failed: failed.map((f) => ({
              id: f.proposal_id,
              label: labelOf(byId.get(f.proposal_id)),
              message: f.message,
            })),
          });
          setSelected(new Set());
        },
      },
    );
  };

  const runDismiss = () => {
    setOutcome(null);
    approve.reset();
    checkNow.reset();
    dismiss.mutate(
      chosen.map((t) => t.proposal_id),
      {
        onSuccess: (count) => {
          setOutcome({ kind: 'dismissed', count });
          setSelected(new Set());
        },
      },
    );
  };

  const openSettings = canManage ? (
    <Button color="inherit" size="small" onClick={() => navigate('/settings?section=weather')}>
      Open Settings
    </Button>
  ) : undefined;

  let body;
  if (plan.isPending) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }}>
        <CircularProgress aria-label="Loading the weather plan" />
      </Box>
    );
  } else if (plan.isError) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void plan.refetch()}>
            Try again
          </Button>
        }
      >
        The weather plan could not be loaded: {plan.error.message}
      </Alert>
    );
  } else if (!plan.data.status.enabled && items.length === 0) {
    body = (
      <Stack sx={{ alignItems: 'center' }}>
        <EmptyState icon={<WbSunnyIcon />} title="Weather watch is off.">
          Turn it on in Settings → Weather.
        </EmptyState>
        {canManage && (
          <Button variant="outlined" onClick={() => navigate('/settings?section=weather')}>
            Open Settings
          </Button>
        )}
      </Stack>
    );
  } else if (items.length === 0) {
    body = (
      <EmptyState
        icon={<WbSunnyIcon />}
        title={`No jobs at risk in the next ${windowText(plan.data.status.window_hours)}.`}
      >
        {weatherPage?.nextStep}
      </EmptyState>
    );
  } else {
    const noSlotChosen = chosen.length - chosenToApprove.length;
    body = (
      <Stack spacing={2}>
        {!plan.data.status.enabled && (
          <Alert severity="info" action={openSettings}>
            Weather watch is off. Turn it on in Settings → Weather. These jobs were flagged before
            it was turned off.
          </Alert>
        )}
        {actionable.length > 0 && (
          <Stack
            direction="row"
            spacing={1}
            useFlexGap
            sx={{ alignItems: 'center', flexWrap: 'wrap' }}
            data-testid="weather-actions"
          >
            <FormControlLabel
              sx={{ mr: 1 }}
              label="Select all"
              control={
                <Checkbox
                  checked={allChosen}
                  indeterminate={chosen.length > 0 && !allChosen}
                  disabled={busy}
                  onChange={() =>
                    setSelected(
                      allChosen ? new Set() : new Set(actionable.map((i) => i.proposal_id)),
                    )
                  }
                />
              }
            />
            <Button
              variant="contained"
              disabled={busy || chosenToApprove.length === 0}
              onClick={() => runApprove(chosenToApprove)}
            >
              Approve selected ({chosenToApprove.length})
            </Button>
            <Button
              variant="outlined"
              disabled={busy || allToApprove.length === 0}
              onClick={() => runApprove(allToApprove)}
            >
              Approve all
            </Button>
            <Button disabled={busy || chosen.length === 0} onClick={runDismiss}>
              Dismiss selected
            </Button>
            {noSlotChosen > 0 && (
              <Typography variant="body2" color="text.secondary">
                {plural(noSlotChosen, 'selected job has', 'selected jobs have')} no slot to move to:
                dismiss {noSlotChosen === 1 ? 'it' : 'them'}, or move{' '}
                {noSlotChosen === 1 ? 'it' : 'them'} on the board.
              </Typography>
            )}
          </Stack>
        )}
        {approve.isPending && (
          <Box role="status" data-testid="weather-progress">
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              Moving {plural(approve.variables.length, 'job', 'jobs')} to{' '}
              {approve.variables.length === 1 ? 'its new slot' : 'their new slots'}…
            </Typography>
            <LinearProgress />
          </Box>
        )}
        {dismiss.isPending && (
          <Box role="status">
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              Dismissing {plural(dismiss.variables.length, 'job', 'jobs')}…
            </Typography>
            <LinearProgress />
          </Box>
        )}
        {approve.isError && (
          <Alert severity="error" onClose={() => approve.reset()}>
            The jobs could not be moved: {approve.error.message}
          </Alert>
        )}
        {dismiss.isError && (
          <Alert severity="error" onClose={() => dismiss.reset()}>
            The jobs could not be dismissed: {dismiss.error.message}
          </Alert>
        )}
        {days.map((day) => (
          <Box
            key={day.date}
            component="section"
            aria-labelledby={`weather-day-${day.date}`}
            data-testid="weather-day"
            data-date={day.date}
          >
            <Typography
              id={`weather-day-${day.date}`}
              variant="subtitle1"
              component="h2"
              sx={{ fontWeight: 600, mb: 1 }}
            >
              {longDate(day.date)}{' '}
              <Typography component="span" variant="body2" color="text.secondary">
                · {plural(day.items.length, 'job', 'jobs')}
              </Typography>
            </Typography>
            <Stack component="ul" spacing={1} sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {day.items.map((item) => (
                <PlanItemRow
                  key={item.proposal_id}
                  item={item}
                  selected={selected.has(item.proposal_id)}
                  selectable={canDispatch && isOpen(item)}
                  disabled={busy}
                  onToggle={toggle}
                  timeZone={timeZone}
                />
              ))}
            </Stack>
          </Box>
        ))}
      </Stack>
    );
  }

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 1080 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {weatherPage?.title ?? 'Weather plan'}
        </Typography>
        {canDispatch && status?.enabled && (
          <CheckNowButton pending={checkNow.isPending} onClick={() => checkNow.mutate()} />
        )}
      </Stack>
      <Typography color="text.secondary">{weatherPage?.purpose}</Typography>
      <Stack spacing={1.5} sx={{ mt: 1, mb: 3 }}>
        {status?.enabled && <StatusLine status={status} timeZone={timeZone} />}
        {status?.enabled && status.fallback_reason && (
          <Alert severity="info" action={openSettings} data-testid="weather-fallback">
            {status.fallback_reason}
          </Alert>
        )}
        {status?.enabled && status.last_error && (
          <Alert
            severity="warning"
            icon={<ThunderstormIcon />}
            action={openSettings}
            data-testid="weather-last-error"
          >
            <AlertTitle>The last forecast check did not go through</AlertTitle>
            {status.last_error} The plan rests on the last forecasts that came through. Check that
            this computer is online and click Check now; if it keeps failing, choose another
            forecast provider (or check its API key) in Settings → Weather.
          </Alert>
        )}
        {checkNow.isPending && (
          <Typography variant="body2" role="status">
            Checking the forecast for upcoming jobs…
          </Typography>
        )}
        {checkNow.isError && (
          <Alert severity="error" onClose={() => checkNow.reset()}>
            The forecast could not be checked: {checkNow.error.message}
          </Alert>
        )}
        {checkNow.data && (
          <Alert
            severity={checkNow.data.error ? 'warning' : 'info'}
            onClose={() => checkNow.reset()}
            data-testid="weather-check-result"
          >
            {sweepSummary(checkNow.data, status?.window_hours ?? 48)}
            {checkNow.data.error && ` The check ran into a problem: ${checkNow.data.error}`}
          </Alert>
        )}
        {/* Above the list, so it stays when the last job decided empties the plan. */}
        {outcome && <OutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      </Stack>
      {body}
    </Box>
  );
}
