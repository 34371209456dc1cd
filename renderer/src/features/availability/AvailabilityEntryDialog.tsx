// Adding or changing an availability entry: a single day, a date range, or a weekly recurrence (an
// RRULE), whole days or part of the day — for one person's time off, or for the whole business (a
// closure or special hours). Mistakes are shown on the field at fault, the core's as well as our
// own; a change to an entry someone else changed meanwhile is refused and the latest one shown.
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
import type { AvailabilityType } from '../../../../shared/schemas/availability';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { recordFieldErrors } from '../records/errors';
import {
  calendarDay,
  dayKey,
  describeRule,
  reasonOptions,
  ruleDays,
  useCreateAvailability,
  useUpdateAvailability,
  WEEKDAY_SHORT,
  weeklyRule,
  type AvailabilityEntry,
} from './availabilityModel';

type Span = 'single' | 'range' | 'recurring';

interface Form {
  span: Span;
  type: AvailabilityType;
  from: string;
  to: string;
  allDay: boolean;
  start: string;
  end: string;
  reason: string;
  notes: string;
  days: Weekday[];
  /** False while an edited entry's rule is kept as it is (it may say more than weekdays). */
  daysTouched: boolean;
}

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function blankForm(staffId: string | null): Form {
  return {
    span: 'single',
    type: 'time_off',
    from: '',
    to: '',
    allDay: true,
    start: '09:00',
    end: '12:00',
    reason: staffId ? 'vacation' : 'holiday',
    notes: '',
    days: [],
    daysTouched: true,
  };
}

function formOf(entry: AvailabilityEntry): Form {
  const from = dayKey(entry.date_from);
  const to = dayKey(entry.date_to);
  return {
    span: entry.is_recurring ? 'recurring' : from === to ? 'single' : 'range',
    type: entry.type,
    from,
    to,
    allDay: entry.start_time === null,
    start: entry.start_time ?? '09:00',
    end: entry.end_time ?? '12:00',
    reason: entry.reason ?? '',
    notes: entry.notes ?? '',
    days: ruleDays(entry.recurrence_rule),
    daysTouched: false,
  };
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

export function AvailabilityEntryDialog({
  open,
  onClose,
  staffId,
  title,
  entry,
}: {
  open: boolean;
  onClose: () => void;
  /** The person the entry is for; null for the whole business. */
  staffId: string | null;
  title: string;
  /** The entry to change (its latest version); absent to add one. */
  entry?: AvailabilityEntry;
}) {
  const create = useCreateAvailability();
  const update = useUpdateAvailability();
  const [form, setForm] = useState<Form>(() => (entry ? formOf(entry) : blankForm(staffId)));
  // The version the form shows: when a newer one arrives (after a refused stale save), show it.
  const [shown, setShown] = useState(entry?.version);
  if (entry && entry.version !== shown) {
    setShown(entry.version);
    setForm(formOf(entry));
  }
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const { span, type, from, to, allDay, start, end, reason, notes, days } = form;
  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((prev) => ({ ...prev, [key]: value }));

  const partOfDay = type === 'special_hours' || !allDay;
  const pending = create.isPending || update.isPending;

  const close = () => {
    setErrors({});
    setFormError(null);
    create.reset();
    update.reset();
    if (!entry) setForm(blankForm(staffId));
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
    if (span === 'recurring' && form.daysTouched && !days.length) {
      out.recurrence_rule = 'Pick at least one weekday';
    }
    return out;
  };

  const recurrenceRule = () => {
    if (span !== 'recurring') return null;
    if (entry?.is_recurring && !form.daysTouched) return entry.recurrence_rule;
    return weeklyRule(days);
  };

  const save = (data: Record<string, unknown>) => {
    if (!entry) return create.mutateAsync({ ...data, staff_id: staffId });
    // Only what the user changed, so a field nobody touched is never written back.
    const changes = Object.fromEntries(
      Object.entries(data).filter(([key, value]) => !same(value, entry[key as keyof typeof entry])),
    );
    if (!Object.keys(changes).length) return Promise.resolve();
    return update.mutateAsync({
      id: entry.availability_id,
      version: entry.version,
      changes,
    });
  };

  const submit = async () => {
    setFormError(null);
    const local = check();
    setErrors(local);
    if (Object.keys(local).length) return;
    const data: Record<string, unknown> = {
      type,
      date_from: calendarDay(from),
      date_to: calendarDay(span === 'single' ? from : to),
      start_time: partOfDay ? start : null,
      end_time: partOfDay ? end : null,
      reason: reason || null,
      notes: notes.trim() || null,
      is_recurring: span === 'recurring',
      recurrence_rule: recurrenceRule(),
    };
    try {
      await save(data);
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
  const keptRule =
    entry?.is_recurring && !form.daysTouched && describeRule(entry.recurrence_rule) !== ''
      ? `Kept as it is: ${describeRule(entry.recurrence_rule)}. Pick weekdays to replace it.`
      : null;

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
              onChange={(e) => set('type', e.target.value as AvailabilityType)}
            >
              <MenuItem value="time_off">Closure (nobody works)</MenuItem>
              <MenuItem value="special_hours">Special hours</MenuItem>
              {type === 'recurring_schedule' && (
                <MenuItem value="recurring_schedule">Recurring schedule</MenuItem>
              )}
            </TextField>
          )}
          <ToggleButtonGroup
            exclusive
            size="small"
            value={span}
            aria-label="How long"
            onChange={(_e, next: Span | null) => next && set('span', next)}
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
                set('from', e.target.value);
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
                  set('to', e.target.value);
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
                          setForm((prev) => ({
                            ...prev,
                            daysTouched: true,
                            days: e.target.checked
                              ? [...prev.days, day]
                              : prev.days.filter((d) => d !== day),
                          }));
                          clear('recurrence_rule');
                        }}
                      />
                    }
                  />
                ))}
              </FormGroup>
              {(errors.recurrence_rule ?? keptRule) && (
                <FormHelperText
                  error={Boolean(errors.recurrence_rule)}
                  id="entry-recurrence_rule-helper-text"
                >
                  {errors.recurrence_rule ?? keptRule}
                </FormHelperText>
              )}
            </div>
          )}
          {type === 'time_off' && (
            <FormControlLabel
              control={
                <Switch checked={allDay} onChange={(e) => set('allDay', e.target.checked)} />
              }
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
                  set('start', e.target.value);
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
                  set('end', e.target.value);
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
            onChange={(e) => set('reason', e.target.value)}
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
            onChange={(e) => set('notes', e.target.value)}
          />
          {formError && <Alert severity="error">{formError}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Cancel</Button>
        <Button type="submit" form="availability-entry-form" variant="contained" disabled={pending}>
          {entry ? 'Save' : 'Add'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
