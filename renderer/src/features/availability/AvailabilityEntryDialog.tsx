// Adding an availability entry: a single day, a date range, or a weekly recurrence (an RRULE),
// whole days or part of the day — for one person's time off, or for the whole business (a closure
// or special hours). Mistakes are shown on the field at fault, the core's as well as our own.
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
} from '@mui/material';
import { useState } from 'react';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { recordFieldErrors } from '../records/errors';
import {
  calendarDay,
  reasonOptions,
  useCreateAvailability,
  WEEKDAY_SHORT,
  weeklyRule,
} from './availabilityModel';

type Span = 'single' | 'range' | 'recurring';
type EntryType = 'time_off' | 'special_hours';

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function AvailabilityEntryDialog({
  open,
  onClose,
  staffId,
  title,
}: {
  open: boolean;
  onClose: () => void;
  /** The person the entry is for; null for the whole business. */
  staffId: string | null;
  title: string;
}) {
  const create = useCreateAvailability();
  const [span, setSpan] = useState<Span>('single');
  const [type, setType] = useState<EntryType>('time_off');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [allDay, setAllDay] = useState(true);
  const [start, setStart] = useState('09:00');
  const [end, setEnd] = useState('12:00');
  const [reason, setReason] = useState(staffId ? 'vacation' : 'holiday');
  const [notes, setNotes] = useState('');
  const [days, setDays] = useState<Weekday[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const partOfDay = type === 'special_hours' || !allDay;

  const close = () => {
    setErrors({});
    setFormError(null);
    create.reset();
    onClose();
  };

  const check = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!from) out.date_from = 'Required';
    if (span !== 'single' && !to) out.date_to = 'Required';
    if (from && to && span !== 'single' && to < from) out.date_to = 'Must not be before the start';
    if (partOfDay) {
      if (!start) out.start_time = 'Required';
      if (!end) out.end_time = 'Required';
      else if (start && minutes(end) <= minutes(start)) out.end_time = 'End must be after start';
    }
    if (span === 'recurring' && !days.length) out.recurrence_rule = 'Pick at least one weekday';
    return out;
  };

  const submit = async () => {
    setFormError(null);
    const local = check();
    setErrors(local);
    if (Object.keys(local).length) return;
    const data: Record<string, unknown> = {
      staff_id: staffId,
      type,
      date_from: calendarDay(from),
      date_to: calendarDay(span === 'single' ? from : to),
      start_time: partOfDay ? start : null,
      end_time: partOfDay ? end : null,
      reason: reason || null,
      notes: notes.trim() || null,
      is_recurring: span === 'recurring',
      recurrence_rule: span === 'recurring' ? weeklyRule(days) : null,
    };
    try {
      await create.mutateAsync(data);
      close();
    } catch (error) {
      const byField = recordFieldErrors(error);
      setErrors(byField);
      if (!Object.keys(byField).length) setFormError((error as Error).message);
    }
  };

  const fieldProps = (name: string) => ({
    id: `entry-${name}`,
    error: Boolean(errors[name]),
    helperText: errors[name],
    size: 'small' as const,
    fullWidth: true,
  });
  const clear = (name: string) =>
    setErrors((prev) => {
      const { [name]: _gone, ...rest } = prev;
      return rest;
    });

  return (
    <Dialog open={open} onClose={close} aria-labelledby="entry-title" maxWidth="sm" fullWidth>
      <DialogTitle id="entry-title">{title}</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id="availability-entry-form"
          noValidate
          spacing={2}
          sx={{ pt: 1 }}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {staffId === null && (
            <TextField
              {...fieldProps('type')}
              select
              label="Kind"
              value={type}
              onChange={(e) => setType(e.target.value as EntryType)}
            >
              <MenuItem value="time_off">Closure (nobody works)</MenuItem>
              <MenuItem value="special_hours">Special hours</MenuItem>
            </TextField>
          )}
          <ToggleButtonGroup
            exclusive
            size="small"
            value={span}
            aria-label="How long"
            onChange={(_e, next: Span | null) => next && setSpan(next)}
          >
            <ToggleButton value="single">Single day</ToggleButton>
            <ToggleButton value="range">Date range</ToggleButton>
            <ToggleButton value="recurring">Recurring</ToggleButton>
          </ToggleButtonGroup>
          <Stack direction="row" spacing={2}>
            <TextField
              {...fieldProps('date_from')}
              type="date"
              label={span === 'single' ? 'Day' : span === 'range' ? 'From' : 'Starting'}
              value={from}
              onChange={(e) => {
                setFrom(e.target.value);
                clear('date_from');
              }}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            {span !== 'single' && (
              <TextField
                {...fieldProps('date_to')}
                type="date"
                label={span === 'range' ? 'To' : 'Until'}
                value={to}
                onChange={(e) => {
                  setTo(e.target.value);
                  clear('date_to');
                }}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            )}
          </Stack>
          {span === 'recurring' && (
            <div>
              <FormLabel component="legend" error={Boolean(errors.recurrence_rule)}>
                Every week on
              </FormLabel>
              <FormGroup row>
                {WEEKDAYS.map((day) => (
                  <FormControlLabel
                    key={day}
                    label={WEEKDAY_SHORT[day]}
                    control={
                      <Checkbox
                        size="small"
                        checked={days.includes(day)}
                        onChange={(e) => {
                          setDays((prev) =>
                            e.target.checked ? [...prev, day] : prev.filter((d) => d !== day),
                          );
                          clear('recurrence_rule');
                        }}
                      />
                    }
                  />
                ))}
              </FormGroup>
              {errors.recurrence_rule && (
                <FormHelperText error id="entry-recurrence_rule-helper-text">
                  {errors.recurrence_rule}
                </FormHelperText>
              )}
            </div>
          )}
          {type === 'time_off' && (
            <FormControlLabel
              control={<Switch checked={allDay} onChange={(e) => setAllDay(e.target.checked)} />}
              label="All day"
            />
          )}
          {partOfDay && (
            <Stack direction="row" spacing={2}>
              <TextField
                {...fieldProps('start_time')}
                type="time"
                label={type === 'special_hours' ? 'Opens' : 'From'}
                value={start}
                onChange={(e) => {
                  setStart(e.target.value);
                  clear('start_time');
                }}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                {...fieldProps('end_time')}
                type="time"
                label={type === 'special_hours' ? 'Closes' : 'To'}
                value={end}
                onChange={(e) => {
                  setEnd(e.target.value);
                  clear('end_time');
                }}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            </Stack>
          )}
          <TextField
            {...fieldProps('reason')}
            select
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          >
            <MenuItem value="">
              <em>None</em>
            </MenuItem>
            {reasonOptions.map((o) => (
              <MenuItem key={o.value} value={o.value}>
                {o.label}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            {...fieldProps('notes')}
            label="Notes"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
          {formError && <Alert severity="error">{formError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button
          type="submit"
          form="availability-entry-form"
          variant="contained"
          disabled={create.isPending}
        >
          Add
        </Button>
      </DialogActions>
    </Dialog>
  );
}
