// "Optimize route" / "Optimize day": the core proposes (routes.propose), the dispatcher reviews the
// before and after of every crew and applies it (routes.apply, under the board's rules) or not.
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Output } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import { clock } from '../board/layout';

type Proposal = Output<'routes.propose'>;
type Crew = Proposal['crews'][number];
type Stop = Crew['stops_after'][number];

const km = (value: number) => `${value.toFixed(1)} km`;
const minutes = (value: number) =>
  value >= 60 ? `${Math.floor(value / 60)} h ${Math.round(value % 60)} min` : `${value} min`;

const STATUS: Record<Crew['status'], string> = {
  optimized: 'Shorter route',
  unchanged: 'Already the best order found',
  infeasible: 'No order fits the hours and fixed jobs',
  skipped: 'Not planned',
};

function TravelSummary({ proposal }: { proposal: Proposal }) {
  const { before, after, saved } = proposal;
  return (
    <Stack direction="row" spacing={3} sx={{ my: 1 }} data-testid="route-totals">
      <Box>
        <Typography variant="caption" color="text.secondary">
          Now
        </Typography>
        <Typography>
          {km(before.km)} · {minutes(before.travel_minutes)} driving
        </Typography>
      </Box>
      <Box>
        <Typography variant="caption" color="text.secondary">
          Proposed
        </Typography>
        <Typography>
          {km(after.km)} · {minutes(after.travel_minutes)} driving
        </Typography>
      </Box>
      <Box>
        <Typography variant="caption" color="text.secondary">
          Saved
        </Typography>
        <Typography sx={{ fontWeight: 600 }} data-testid="route-saved">
          {km(saved.km)} · {minutes(saved.travel_minutes)}
        </Typography>
      </Box>
    </Stack>
  );
}

function CrewTable({ crew, names }: { crew: Crew; names: Map<string, string> }) {
  const slot = (stop: Stop, which: 'before' | 'after') => {
    const s = stop[which];
    const crewName =
      s.crew_id === crew.crew_id ? '' : ` · ${names.get(s.crew_id) ?? 'another crew'}`;
    return `${clock(s.start)}–${clock(s.end)}${crewName}`;
  };
  return (
    <Box sx={{ mb: 2 }} data-testid="route-crew" data-crew-id={crew.crew_id}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="subtitle2">{crew.name}</Typography>
        <Chip
          size="small"
          label={STATUS[crew.status]}
          color={crew.status === 'optimized' ? 'success' : 'default'}
        />
        {crew.travel_before && crew.travel_after && (
          <Typography variant="caption" color="text.secondary">
            {km(crew.travel_before.km)} → {km(crew.travel_after.km)}
          </Typography>
        )}
      </Stack>
      {crew.reason && (
        <Typography variant="body2" color="text.secondary">
          {crew.reason}
        </Typography>
      )}
      {crew.stops_after.length > 0 && (
        <Table size="small" aria-label={`${crew.name}: stops in the proposed order`}>
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell>Client</TableCell>
              <TableCell>Now</TableCell>
              <TableCell>Proposed</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {crew.stops_after.map((stop, i) => (
              <TableRow
                key={stop.appointment_id}
                data-testid="route-stop"
                data-appointment-id={stop.appointment_id}
                data-changed={stop.changed}
                selected={stop.changed}
              >
                <TableCell>{i + 1}</TableCell>
                <TableCell>
                  {stop.client_name}
                  {stop.locked && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      (confirmed: stays)
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{slot(stop, 'before')}</TableCell>
                <TableCell sx={{ fontWeight: stop.changed ? 600 : undefined }}>
                  {slot(stop, 'after')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

export function RouteProposalDialog({
  date,
  crewId,
  title,
  onClose,
  onApplied,
}: {
  date: string;
  /** One crew ("Optimize route"); absent: every crew ("Optimize day"). */
  crewId?: string;
  title: string;
  onClose: () => void;
  onApplied: (message: string) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [crewChanges, setCrewChanges] = useState(true);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const proposal = useQuery({
    queryKey: ['routes.propose', date, crewId ?? null, crewId ? false : crewChanges],
    queryFn: () =>
      api.routes.propose({
        date,
        ...(crewId ? { crew_id: crewId } : { allow_crew_changes: crewChanges }),
      }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const apply = useMutation({
    mutationFn: (p: Proposal) =>
      api.routes.apply({ date, changes: p.changes, override_warnings: confirmWarnings }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['board.day'] });
      void queryClient.invalidateQueries({ queryKey: ['board.range'] });
      const n = result.appointments.length;
      onApplied(`Route applied: ${n} ${n === 1 ? 'job' : 'jobs'} rescheduled.`);
    },
  });
  const data = proposal.data;
  const names = new Map(data?.crews.map((c) => [c.crew_id, c.name]) ?? []);
  const warnings = data?.rule_check.status === 'warnings';
  const canApply =
    data !== undefined &&
    data.changes.length > 0 &&
    data.rule_check.status !== 'refused' &&
    (!warnings || confirmWarnings) &&
    !apply.isPending;

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} maxWidth="md" fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent dividers>
        {!crewId && (
          <FormControlLabel
            control={
              <Checkbox checked={crewChanges} onChange={(e) => setCrewChanges(e.target.checked)} />
            }
            label="Let jobs move to another crew that can do them"
          />
        )}
        {proposal.isPending && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 2 }} role="status">
            <CircularProgress size={20} />
            <Typography>Working out shorter routes…</Typography>
          </Stack>
        )}
        {proposal.isError && (
          <Alert
            severity="error"
            action={<Button onClick={() => void proposal.refetch()}>Try again</Button>}
          >
            {proposal.error.message}
          </Alert>
        )}
        {data && (
          <>
            <TravelSummary proposal={data} />
            {data.changes.length === 0 ? (
              <Alert severity="info" sx={{ mb: 2 }} data-testid="route-nothing">
                No shorter order fits the crews' hours and fixed jobs: the day stays as it is.
              </Alert>
            ) : (
              <Typography variant="body2" sx={{ mb: 1 }}>
                {data.changes.length} {data.changes.length === 1 ? 'job changes' : 'jobs change'}{' '}
                (highlighted). Confirmed jobs keep their time and crew.
              </Typography>
            )}
            {data.rule_check.status === 'refused' && (
              <Alert severity="error" sx={{ mb: 2 }}>
                The board's rules refuse this plan: {data.rule_check.message}
              </Alert>
            )}
            {warnings && (
              <Alert severity="warning" sx={{ mb: 2 }}>
                {data.rule_check.message}
                <FormControlLabel
                  sx={{ display: 'block' }}
                  control={
                    <Checkbox
                      checked={confirmWarnings}
                      onChange={(e) => setConfirmWarnings(e.target.checked)}
                    />
                  }
                  label="Apply anyway (noted in each job's history)"
                />
              </Alert>
            )}
            {data.crews.map((crew) => (
              <CrewTable key={crew.crew_id} crew={crew} names={names} />
            ))}
            {data.left_in_place.length > 0 && (
              <Box sx={{ mt: 1 }}>
                <Typography variant="subtitle2">Left where they are</Typography>
                {data.left_in_place.map((left) => (
                  <Typography key={left.appointment_id} variant="body2" color="text.secondary">
                    {left.client_name}: {left.message}
                  </Typography>
                ))}
              </Box>
            )}
            {data.notes.map((note) => (
              <Typography key={note} variant="caption" color="text.secondary" component="p">
                {note}
              </Typography>
            ))}
          </>
        )}
        {apply.isError && (
          <Alert
            severity="error"
            sx={{ mt: 2 }}
            data-testid="route-apply-error"
            action={
              <Button
                onClick={() => {
                  apply.reset();
                  void proposal.refetch();
                }}
              >
                Optimize again
              </Button>
            }
          >
            {apply.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>
          {data?.changes.length ? 'Keep the day as it is' : 'Close'}
        </Button>
        {data && data.changes.length > 0 && (
          <Button variant="contained" disabled={!canApply} onClick={() => apply.mutate(data)}>
            {apply.isPending ? 'Applying…' : 'Apply the new route'}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
