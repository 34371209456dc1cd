// Step 5: opening hours per weekday — open or closed, from and to — with "copy to every weekday".
// The board shades them, and the scheduling rules warn about jobs outside them.
import { Box, Button, Stack, Switch, TextField, Typography } from '@mui/material';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { DAY_NAMES, WORKWEEK, type DayForm, type FieldErrors, type HoursForm } from './model';

export function HoursStep(props: {
  value: HoursForm;
  onChange: (value: HoursForm) => void;
  errors: FieldErrors;
}) {
  const { value, errors } = props;
  const setDay = (d: Weekday, patch: Partial<DayForm>) =>
    props.onChange({ ...value, [d]: { ...value[d], ...patch } });
  const copyToWorkweek = (from: Weekday) =>
    props.onChange({
      ...value,
      ...Object.fromEntries(WORKWEEK.map((d) => [d, { ...value[from] }])),
    });
  const problem = (d: Weekday) =>
    errors[`hours.${d}.end`] ?? errors[`hours.${d}.start`] ?? errors[`hours.${d}`];

  return (
    <>
      <Typography color="text.secondary">
        When the business is open. The board shades these hours, and booking a job outside them asks
        for a second look.
      </Typography>
      <Stack spacing={1} role="group" aria-label="Opening hours">
        {WEEKDAYS.map((d) => {
          const day = value[d];
          return (
            <Stack
              key={d}
              direction="row"
              spacing={2}
              sx={{ alignItems: 'flex-start', minHeight: 56 }}
              data-testid={`hours-${d}`}
            >
              <Box sx={{ width: 170, pt: 0.5, flexShrink: 0 }}>
                <Switch
                  checked={day.open}
                  onChange={(e) => setDay(d, { open: e.target.checked })}
                  slotProps={{ input: { 'aria-label': `Open on ${DAY_NAMES[d]}` } }}
                />
                {DAY_NAMES[d]}
              </Box>
              {day.open ? (
                <>
                  <TextField
                    type="time"
                    size="small"
                    label={`${DAY_NAMES[d]} from`}
                    value={day.start}
                    onChange={(e) => setDay(d, { start: e.target.value })}
                    error={Boolean(errors[`hours.${d}.start`])}
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 900 } }}
                    sx={{ width: 150 }}
                  />
                  <TextField
                    type="time"
                    size="small"
                    label={`${DAY_NAMES[d]} to`}
                    value={day.end}
                    onChange={(e) => setDay(d, { end: e.target.value })}
                    error={Boolean(problem(d))}
                    helperText={problem(d)}
                    slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 900 } }}
                    sx={{ width: 220 }}
                  />
                  <Button
                    size="small"
                    onClick={() => copyToWorkweek(d)}
                    aria-label={`Copy ${DAY_NAMES[d]}'s hours to every weekday`}
                    sx={{ mt: 0.5, whiteSpace: 'nowrap' }}
                  >
                    Copy to weekdays
                  </Button>
                </>
              ) : (
                <Typography color="text.secondary" sx={{ pt: 1 }}>
                  Closed
                </Typography>
              )}
            </Stack>
          );
        })}
      </Stack>
    </>
  );
}
