// Settings → Scheduling: the rules the board checks every placement against — the travel gap
// between one person's jobs and whether a job may have several crews — the usual job length, and
// whether the weather plan may move a job within its own day.
import { InputAdornment, TextField } from '@mui/material';
import type { BusinessConfig } from '../../../../shared/schemas/businesses';
import { SwitchField } from './form/fields';
import { SettingsForm } from './form/SettingsForm';
import { useFormEdits } from './form/useFormEdits';
import { useSettingsSave, type ConfigChanges } from './form/useSettingsSave';
import { numberOf } from './form/values';
import type { SettingsSectionProps } from './SettingsPage';

type NumberField = 'min_gap_between_jobs_minutes' | 'default_service_duration_minutes';
type Toggle = 'allow_crew_stacking' | 'allow_same_day_reschedule';
type Typed = Record<NumberField, string> & Record<Toggle, boolean>;

const NUMBER_FIELDS: NumberField[] = [
  'min_gap_between_jobs_minutes',
  'default_service_duration_minutes',
];
const SERVER_PATHS = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, `config.${f}`])) as Record<
  NumberField,
  string
>;

/** The limits of the business config's schema, with what to type. */
const LIMITS: Record<NumberField, { min: number; max: number; message: string }> = {
  min_gap_between_jobs_minutes: {
    min: 0,
    max: 240,
    message: 'Enter a whole number of minutes from 0 to 240 (four hours).',
  },
  default_service_duration_minutes: {
    min: 5,
    max: 1440,
    message: 'Enter a whole number of minutes from 5 to 1440 (a day).',
  },
};

const typedOf = (config: BusinessConfig): Typed => ({
  min_gap_between_jobs_minutes: String(config.min_gap_between_jobs_minutes),
  default_service_duration_minutes: String(config.default_service_duration_minutes),
  allow_crew_stacking: config.allow_crew_stacking,
  allow_same_day_reschedule: config.allow_same_day_reschedule,
});

function problemOf(field: NumberField, raw: string): string | null {
  const value = numberOf(raw);
  const { min, max, message } = LIMITS[field];
  return value === null || !Number.isInteger(value) || value < min || value > max ? message : null;
}

function changesOf(values: Typed, stored: BusinessConfig): ConfigChanges {
  const changes: ConfigChanges = {};
  for (const field of NUMBER_FIELDS) {
    const value = numberOf(values[field]);
    if (value !== stored[field]) changes[field] = value ?? Number.NaN;
  }
  for (const field of ['allow_crew_stacking', 'allow_same_day_reschedule'] as const) {
    if (values[field] !== stored[field]) changes[field] = values[field];
  }
  return changes;
}

export function SchedulingSettings({ business, canEdit }: SettingsSectionProps) {
  const stored = business.config;
  const { values, set, touched, touch, clear } = useFormEdits<Typed, NumberField>(typedOf(stored));
  const saver = useSettingsSave(business, SERVER_PATHS, clear);

  const changes = changesOf(values, stored);
  const changed = Object.keys(changes).length > 0;
  const problems = Object.fromEntries(
    NUMBER_FIELDS.map((f) => [f, problemOf(f, values[f])]).filter(([, p]) => p),
  ) as Partial<Record<NumberField, string>>;
  const errorOf = (field: NumberField) =>
    saver.serverErrors[field] ?? (touched.has(field) ? problems[field] : undefined);

  const numberField = (field: NumberField, label: string, helper: string) => (
    <TextField
      name={field}
      label={label}
      value={values[field]}
      onChange={(e) => {
        set(field, e.target.value);
        saver.edited(field);
      }}
      onBlur={() => {
        if (canEdit) touch(field);
      }}
      error={Boolean(errorOf(field))}
      helperText={errorOf(field) ?? helper}
      disabled={!canEdit}
      sx={{ maxWidth: 560 }}
      slotProps={{
        htmlInput: { inputMode: 'numeric' },
        input: { endAdornment: <InputAdornment position="end">minutes</InputAdornment> },
      }}
    />
  );
  const switchField = (field: Toggle, label: string, helper: string) => (
    <SwitchField
      name={field}
      label={label}
      helper={helper}
      checked={values[field]}
      onChange={(checked) => {
        set(field, checked);
        saver.edited();
      }}
      disabled={!canEdit}
    />
  );

  return (
    <SettingsForm
      label="Scheduling settings"
      canEdit={canEdit}
      saver={saver}
      dirty={changed}
      savedText="Saved. The next move on the board is checked with these settings."
      onSubmit={() => {
        touch(...NUMBER_FIELDS);
        if (Object.keys(problems).length === 0 && changed) saver.save.mutate({ config: changes });
      }}
      onCancel={() => {
        clear();
        saver.reset();
      }}
    >
      {numberField(
        'min_gap_between_jobs_minutes',
        'Travel time between jobs',
        'The least time between two jobs of the same person, to drive from one to the next. A move on the board that leaves less is refused, naming the other job; route optimization and the weather plan keep it too. 0 allows back-to-back jobs.',
      )}
      {numberField(
        'default_service_duration_minutes',
        'Usual job length',
        'How long a job here usually takes: a new service starts with this length. Each service keeps its own length, which its jobs are booked with.',
      )}
      {switchField(
        'allow_crew_stacking',
        'Allow several crews on one job',
        'On: Shift-drop a job on a second crew lead’s lane and both crews work it. Off: a job has one crew lead, unless the service needs every person to reach its minimum crew. A service set to take one crew never allows it.',
      )}
      {switchField(
        'allow_same_day_reschedule',
        'Let the weather plan move a job later the same day',
        'On: a job the forecast puts at risk may be offered a later time on its own day (e.g. after the rain). Off: it is offered slots on later days only.',
      )}
    </SettingsForm>
  );
}
