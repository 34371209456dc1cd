// Step 5: opening hours per weekday — open or closed, from and to — in the same editor as Settings →
// Business hours. The board shades them, and the scheduling rules warn about jobs outside them.
import { Box, Typography } from '@mui/material';
import { WEEKDAYS } from '../../../../shared/time';
import { WeeklyHoursEditor, type WeekProblems } from '../settings/hours/WeeklyHoursEditor';
import type { FieldErrors, HoursForm } from './model';

/** The step's messages by day and field; one about the whole day shows under its closing time. */
function problemsOf(errors: FieldErrors): WeekProblems {
  const problems: WeekProblems = {};
  for (const d of WEEKDAYS) {
    const start = errors[`hours.${d}.start`];
    const end = errors[`hours.${d}.end`] ?? errors[`hours.${d}`];
    if (start || end) problems[d] = { start, end };
  }
  return problems;
}

export function HoursStep(props: {
  value: HoursForm;
  onChange: (value: HoursForm) => void;
  errors: FieldErrors;
}) {
  return (
    <>
      <Typography color="text.secondary">
        When the business is open. The board shades these hours, and booking a job outside them asks
        for a second look.
      </Typography>
      <Box role="group" aria-label="Opening hours">
        <WeeklyHoursEditor
          week={props.value}
          onChange={props.onChange}
          problems={problemsOf(props.errors)}
        />
      </Box>
    </>
  );
}
