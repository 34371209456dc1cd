// A person's regular week: each weekday on or off, with start and end times (end after start).
import { Alert, Box, Button, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { useApi } from '../../api/context';
import { recordFieldErrors } from '../records/errors';
import { recordApi, recordKeys, type RecordDoc } from '../records/recordApi';
import { DAY_NAMES } from '../settings/hours/WeeklyHoursEditor';

type Day = { on: boolean; start: string; end: string };
type Week = Record<Weekday, Day>;

const minutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function weekOf(record: RecordDoc): Week {
  const stored = (record.availability_schedule ?? {}) as Record<
    string,
    { start: string; end: string } | null
  >;
  return Object.fromEntries(
    WEEKDAYS.map((d) => {
      const hours = stored[d];
      return [d, hours ? { on: true, ...hours } : { on: false, start: '08:00', end: '17:00' }];
    }),
  ) as Week;
}

const stored = (week: Week) =>
  Object.fromEntries(
    WEEKDAYS.map((d) => [d, week[d].on ? { start: week[d].start, end: week[d].end } : null]),
  );

export function WeeklyScheduleTab({ staff }: { staff: RecordDoc }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = String(staff.staff_id);
  const deleted = Boolean(staff.deleted_at);
  const key = `v${staff.version}`;
  const [edit, setEdit] = useState(() => ({ key, week: weekOf(staff) }));
  if (edit.key !== key) setEdit({ key, week: weekOf(staff) });
  const week = edit.key === key ? edit.week : weekOf(staff);
  const [coreError, setCoreError] = useState<string | null>(null);

  const errors: Partial<Record<Weekday, string>> = {};
  for (const d of WEEKDAYS) {
    const day = week[d];
    if (!day.on) continue;
    if (!day.start || !day.end) errors[d] = 'Start and end needed';
    else if (minutes(day.end) <= minutes(day.start)) errors[d] = 'End must be after start';
  }
  const changed = JSON.stringify(stored(week)) !== JSON.stringify(stored(weekOf(staff)));

  const save = useMutation({
    mutationFn: () =>
      recordApi(api, 'staff').update({
        id,
        version: staff.version,
        changes: { availability_schedule: stored(week) },
      }),
    onMutate: () => setCoreError(null),
    onSuccess: async (saved) => {
      queryClient.setQueryData(recordKeys.get('staff', id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.list('staff') }),
        queryClient.invalidateQueries({ queryKey: recordKeys.history('staff', id) }),
      ]);
    },
    onError: async (error) => {
      const byField = recordFieldErrors(error);
      setCoreError(byField.availability_schedule ?? error.message);
      await queryClient.invalidateQueries({ queryKey: recordKeys.get('staff', id) });
    },
  });

  const setDay = (d: Weekday, patch: Partial<Day>) =>
    setEdit({ key, week: { ...week, [d]: { ...week[d], ...patch } } });

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Regular working hours; time off is added on the Time off tab.
      </Typography>
      <Stack
        spacing={1.5}
        component="form"
        aria-label="Weekly availability"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!Object.keys(errors).length) save.mutate();
        }}
      >
        {WEEKDAYS.map((d) => (
          <Stack key={d} direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Box sx={{ width: 180, pt: 0.5 }}>
              <Switch
                checked={week[d].on}
                disabled={deleted}
                onChange={(e) => setDay(d, { on: e.target.checked })}
                slotProps={{ input: { 'aria-label': `Works on ${DAY_NAMES[d]}` } }}
              />
              {DAY_NAMES[d]}
            </Box>
            {week[d].on ? (
              <>
                <TextField
                  id={`hours-${d}-start`}
                  type="time"
                  size="small"
                  label="Start"
                  value={week[d].start}
                  disabled={deleted}
                  onChange={(e) => setDay(d, { start: e.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                />
                <TextField
                  id={`hours-${d}-end`}
                  type="time"
                  size="small"
                  label="End"
                  value={week[d].end}
                  disabled={deleted}
                  error={Boolean(errors[d])}
                  helperText={errors[d]}
                  onChange={(e) => setDay(d, { end: e.target.value })}
                  slotProps={{ inputLabel: { shrink: true } }}
                />
              </>
            ) : (
              <Typography color="text.secondary" sx={{ pt: 1 }}>
                Off
              </Typography>
            )}
          </Stack>
        ))}
        {coreError && <Alert severity="error">{coreError}</Alert>}
        {!deleted && (
          <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
            <Button
              disabled={!changed || save.isPending}
              onClick={() => setEdit({ key, week: weekOf(staff) })}
            >
              Discard changes
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={!changed || save.isPending || Object.keys(errors).length > 0}
            >
              Save hours
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
