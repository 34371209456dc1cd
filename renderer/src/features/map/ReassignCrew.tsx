// "Reassign to crew" on the map's job card: puts the job on another crew's route through
// board.move, which applies the scheduling rules — a clash is refused with its reason, a warning
// asks before moving anyway.
import {
  Alert,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import type { MapCrew, MapJob } from './mapData';

type State =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'confirm'; lead: string; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'done'; message: string };

/**
 * The job's crew lead is replaced by the chosen crew's lead (a job on no route gets that lead);
 * the other people on the job stay, and the job dialog changes them.
 */
export function staffAfterReassign(job: MapJob, lead: string): string[] {
  const others = job.staff_ids.filter((id) => id !== job.crew_id && id !== lead);
  return [lead, ...others];
}

export function ReassignCrew({
  job,
  date,
  crews,
}: {
  job: MapJob;
  date: string;
  crews: MapCrew[];
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const choices = crews.filter((c) => c.lead_id !== job.crew_id);
  if (job.status !== 'scheduled' || choices.length === 0) return null;

  const move = async (lead: string, override: boolean) => {
    setState({ kind: 'saving' });
    try {
      await api.board.move({
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: date,
        start: job.start,
        end: job.end,
        staff_ids: staffAfterReassign(job, lead),
        override_warnings: override,
      });
      const name = crews.find((c) => c.lead_id === lead)?.name ?? 'the crew';
      setState({ kind: 'done', message: `Now on ${name}'s route.` });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['map.day'] }),
        queryClient.invalidateQueries({ queryKey: ['board.day'] }),
      ]);
    } catch (error) {
      const details =
        error instanceof ApiError ? (error.details as { overridable?: boolean }) : undefined;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.kind === 'conflict' && details?.overridable) {
        setState({ kind: 'confirm', lead, message });
      } else {
        setState({ kind: 'refused', message });
      }
    }
  };

  return (
    <Stack spacing={1} sx={{ px: 1, pb: 1 }}>
      <FormControl size="small" fullWidth disabled={state.kind === 'saving'}>
        <InputLabel id={`reassign-${job.appointment_id}`}>Reassign to crew</InputLabel>
        <Select
          labelId={`reassign-${job.appointment_id}`}
          label="Reassign to crew"
          value=""
          data-testid="map-reassign"
          onChange={(e) => e.target.value && void move(e.target.value, false)}
        >
          {choices.map((c) => (
            <MenuItem key={c.lead_id} value={c.lead_id}>
              {c.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {state.kind === 'confirm' && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={() => void move(state.lead, true)}>
              Move anyway
            </Button>
          }
        >
          {state.message}
        </Alert>
      )}
      {state.kind === 'refused' && <Alert severity="error">{state.message}</Alert>}
      {state.kind === 'done' && (
        <Typography variant="body2" color="text.secondary" role="status">
          {state.message}
        </Typography>
      )}
    </Stack>
  );
}
