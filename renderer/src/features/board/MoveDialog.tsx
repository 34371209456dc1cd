// Move or re-crew a job without a mouse: day, start, end and the crew (add a second person here,
// and the job shows in both lanes). It saves through board.move, like a drag, so the same rules
// apply and the step can be undone.
import {
  Autocomplete,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import { dateKeyOf, minutesOf } from '../../../../shared/time';
import { personName, type Day, type Job, type Person } from './layout';
import type { MoveInput } from './useMoveJob';

export function MoveDialog({
  job,
  day,
  title,
  hidden = false,
  onClose,
  onMove,
}: {
  job: Job;
  day: Day;
  title: string;
  /** Kept (with what was typed) but not shown, while a warning about it is asked. */
  hidden?: boolean;
  onClose: () => void;
  onMove: (input: MoveInput) => Promise<boolean>;
}) {
  const [date, setDate] = useState(dateKeyOf(job.scheduled_date));
  const [start, setStart] = useState(job.scheduled_start_time);
  const [end, setEnd] = useState(job.scheduled_end_time);
  const [crew, setCrew] = useState<Person[]>(
    job.assigned_staff_ids.flatMap((id) => day.staff.filter((p) => p.staff_id === id)),
  );
  const [busy, setBusy] = useState(false);
  const endError =
    start && end && minutesOf(end) <= minutesOf(start) ? 'Ends before it starts.' : '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (endError || !date || !start || !end) return;
    setBusy(true);
    const done = await onMove({
      appointment_id: job.appointment_id,
      version: job.version,
      scheduled_date: date,
      start,
      end,
      staff_ids: crew.map((p) => p.staff_id),
    });
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Dialog
      open={!hidden}
      onClose={onClose}
      aria-labelledby="move-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={(e) => void submit(e)} data-testid="move-dialog">
        <DialogTitle id="move-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            The scheduling rules check the new time and crew when you save. Add a second person to
            send them along; the job then shows in both lanes.
          </DialogContentText>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2}>
              <TextField
                label="Day"
                type="date"
                value={date}
                onChange={(e) => setDate(e.target.value)}
                required
                autoFocus
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                label="Start"
                type="time"
                value={start}
                onChange={(e) => setStart(e.target.value)}
                required
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 900 } }}
              />
              <TextField
                label="End"
                type="time"
                value={end}
                onChange={(e) => setEnd(e.target.value)}
                required
                error={Boolean(endError)}
                helperText={endError}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 900 } }}
              />
            </Stack>
            <Autocomplete
              multiple
              options={day.staff}
              value={crew}
              onChange={(_, value) => setCrew(value)}
              getOptionLabel={personName}
              isOptionEqualToValue={(a, b) => a.staff_id === b.staff_id}
              groupBy={(p) => (p.role === 'crew_lead' ? 'Crew leads' : 'Crew members')}
              renderValue={(value, getItemProps) =>
                value.map((p, index) => {
                  const { key, ...itemProps } = getItemProps({ index });
                  return <Chip key={key} label={personName(p)} size="small" {...itemProps} />;
                })
              }
              renderInput={(params) => (
                <TextField
                  {...params}
                  label="Crew"
                  helperText={
                    crew.length === 0 ? 'Nobody: the job goes back to the unassigned queue.' : ' '
                  }
                />
              )}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy || Boolean(endError)}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
