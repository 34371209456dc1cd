// A week of opening (or working) hours: each weekday open or closed, from and to, with "Copy Monday
// to weekdays". Only the inputs: the form around it reads, checks and saves the week. Settings →
// Business hours and the setup wizard's hours step use it; written to serve the staff weekly
// schedule too (it keeps its own editor for now, and takes DAY_NAMES from here).
import { Box, Button, Stack, Switch, TextField, Typography } from '@mui/material';
import { timeRangeSchema, type WeeklyHours } from '../../../../../shared/schemas/common';
import { TIME_OF_DAY_PATTERN, WEEKDAYS, type Weekday } from '../../../../../shared/time';

export interface DayHours {
  open: boolean;
  start: string;
  end: string;
}
export type WeekHours = Record<Weekday, DayHours>;
export type DayProblems = Partial<Record<'start' | 'end', string>>;
export type WeekProblems = Partial<Record<Weekday, DayProblems>>;

export const DAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

const WEEKDAYS_AFTER_MONDAY: Weekday[] = ['tuesday', 'wednesday', 'thursday', 'friday'];

/** The inputs' week from stored hours; a closed day offers 08:00–17:00 when it is opened. */
export function weekOf(stored: Partial<WeeklyHours>): WeekHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const hours = stored[day];
      return [
        day,
        hours ? { open: true, ...hours } : { open: false, start: '08:00', end: '17:00' },
      ];
    }),
  ) as WeekHours;
}

/** The week as it is stored: `{start, end}` for an open day, null for a closed one. */
export function storedWeek(week: WeekHours): WeeklyHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [
      day,
      week[day].open ? { start: week[day].start, end: week[day].end } : null,
    ]),
  ) as WeeklyHours;
}

export const sameWeek = (a: WeekHours, b: WeekHours) =>
  JSON.stringify(storedWeek(a)) === JSON.stringify(storedWeek(b));

/**
 * Each open day's problem, by the contract's check of a day's hours (times HH:mm, the end after the
 * start), in words for the field.
 */
export function weekProblems(
  week: WeekHours,
  words: { start: string; end: string } = { start: 'opening', end: 'closing' },
): WeekProblems {
  const problems: WeekProblems = {};
  for (const day of WEEKDAYS) {
    const { open, start, end } = week[day];
    if (!open || timeRangeSchema.safeParse({ start, end }).success) continue;
    const found: DayProblems = {};
    if (!TIME_OF_DAY_PATTERN.test(start))
      found.start = `Enter the ${words.start} time, e.g. 08:00.`;
    if (!TIME_OF_DAY_PATTERN.test(end)) found.end = `Enter the ${words.end} time, e.g. 17:00.`;
    if (!found.start && !found.end) {
      found.end = `The ${words.end} time must be after the ${words.start} time (${start}).`;
    }
    problems[day] = found;
  }
  return problems;
}

export interface WeeklyHoursEditorProps {
  week: WeekHours;
  onChange(week: WeekHours): void;
  /** Problems to show, by day and field. */
  problems?: WeekProblems;
  disabled?: boolean;
  labels?: {
    /** The switch's accessible name, e.g. "Open on Monday". */
    open(day: string): string;
    closed: string;
    start: string;
    end: string;
  };
  /** A time field was left (to show its problem from then on). */
  onBlur?(day: Weekday): void;
}

const BUSINESS_LABELS = {
  open: (day: string) => `Open on ${day}`,
  closed: 'Closed',
  start: 'Opens',
  end: 'Closes',
};

export function WeeklyHoursEditor({
  week,
  onChange,
  problems = {},
  disabled = false,
  labels = BUSINESS_LABELS,
  onBlur,
}: WeeklyHoursEditorProps) {
  const setDay = (day: Weekday, patch: Partial<DayHours>) =>
    onChange({ ...week, [day]: { ...week[day], ...patch } });
  const copyMonday = () =>
    onChange({
      ...week,
      ...Object.fromEntries(WEEKDAYS_AFTER_MONDAY.map((day) => [day, { ...week.monday }])),
    });

  return (
    <Stack spacing={1.5} data-testid="weekly-hours">
      {WEEKDAYS.map((day) => {
        const name = DAY_NAMES[day];
        const timeField = (which: 'start' | 'end') => (
          <TextField
            type="time"
            size="small"
            name={`${day}.${which}`}
            label={labels[which]}
            value={week[day][which]}
            disabled={disabled}
            error={Boolean(problems[day]?.[which])}
            helperText={problems[day]?.[which]}
            onChange={(e) => setDay(day, { [which]: e.target.value })}
            onBlur={() => onBlur?.(day)}
            sx={{ width: 150 }}
            slotProps={{
              inputLabel: { shrink: true },
              htmlInput: { step: 300, 'aria-label': `${name}: ${labels[which]}` },
            }}
          />
        );
        return (
          <Stack
            key={day}
            direction="row"
            spacing={2}
            useFlexGap
            sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
            data-testid={`hours-${day}`}
          >
            <Box sx={{ width: 170, display: 'flex', alignItems: 'center' }}>
              <Switch
                checked={week[day].open}
                disabled={disabled}
                onChange={(e) => setDay(day, { open: e.target.checked })}
                slotProps={{ input: { 'aria-label': labels.open(name) } }}
              />
              <Typography>{name}</Typography>
            </Box>
            {week[day].open ? (
              <>
                {timeField('start')}
                {timeField('end')}
              </>
            ) : (
              <Typography color="text.secondary" sx={{ pt: 1 }}>
                {labels.closed}
              </Typography>
            )}
          </Stack>
        );
      })}
      {!disabled && (
        <Box>
          <Button size="small" onClick={copyMonday}>
            Copy Monday to Tuesday–Friday
          </Button>
        </Box>
      )}
    </Stack>
  );
}
