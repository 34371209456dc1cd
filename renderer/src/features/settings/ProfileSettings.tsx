// Settings → Business profile: the business's name, trade, phone, email, address and time zone
// (business.update), each checked on its field with the contract's schemas.
import { Alert, Autocomplete, MenuItem, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import type { z } from 'zod';
import { businessObject, type Vertical } from '../../../../shared/schemas/businesses';
import { SettingsForm } from './form/SettingsForm';
import { useFormEdits } from './form/useFormEdits';
import { useSettingsSave } from './form/useSettingsSave';
import type { SettingsSectionProps } from './SettingsPage';

type Field = 'name' | 'vertical' | 'phone' | 'email' | 'address' | 'timezone';
type Typed = Record<Field, string>;

const FIELDS: Field[] = ['name', 'vertical', 'phone', 'email', 'address', 'timezone'];
const SERVER_PATHS = Object.fromEntries(FIELDS.map((f) => [f, f])) as Record<Field, string>;

export const VERTICAL_NAMES: Record<Vertical, string> = {
  lawn_care: 'Lawn care',
  landscaping: 'Landscaping',
  construction: 'Construction',
  hvac: 'HVAC',
  plumbing: 'Plumbing',
  electrical: 'Electrical',
  cleaning: 'Cleaning',
  pest_control: 'Pest control',
  pool_service: 'Pool service',
  other: 'Other',
};

/** What an empty field says; the others show the contract's own message. */
const EMPTY: Record<Field, string> = {
  name: "Enter the business's name, as clients know it.",
  vertical: 'Choose the kind of work the business does.',
  phone: "Enter the business's phone number, e.g. +1 205-555-0100.",
  email: "Enter the business's email address, e.g. office@example.com.",
  address: "Enter the business's address: crews start their routes from it.",
  timezone: 'Choose the time zone the business works in, e.g. America/Chicago.',
};

const schemaOf = (field: Field): z.ZodType => businessObject.shape[field];

function problemOf(field: Field, raw: string): string | null {
  if (raw.trim() === '') return EMPTY[field];
  const result = schemaOf(field).safeParse(raw.trim());
  if (result.success) return null;
  if (field === 'email') return 'Enter an email address such as office@example.com.';
  if (field === 'timezone') return 'Choose a time zone from the list, e.g. America/Chicago.';
  return result.error.issues[0]?.message ?? 'This value is not valid.';
}

const typedOf = (business: SettingsSectionProps['business']): Typed => ({
  name: business.name,
  vertical: business.vertical,
  phone: business.phone,
  email: business.email,
  address: business.address,
  timezone: business.timezone,
});

/** Every IANA time zone this computer knows, with the stored one even if it does not. */
function useTimeZones(current: string): string[] {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes(current) ? zones : [current, ...zones];
  }, [current]);
}

export function ProfileSettings({ business, canEdit }: SettingsSectionProps) {
  const stored = typedOf(business);
  const { values, set: setValue, touched, touch: touchField, clear } = useFormEdits(stored);
  const saver = useSettingsSave(business, SERVER_PATHS, clear);
  const zones = useTimeZones(business.timezone);

  const changed = FIELDS.filter((f) => values[f].trim() !== stored[f]);
  const problems = Object.fromEntries(
    FIELDS.map((f) => [f, problemOf(f, values[f])]).filter(([, p]) => p),
  ) as Partial<Record<Field, string>>;
  const errorOf = (field: Field) =>
    saver.serverErrors[field] ?? (touched.has(field) ? problems[field] : undefined);

  const set = (field: Field, raw: string) => {
    setValue(field, raw);
    saver.edited(field);
  };
  const touch = (field: Field) => {
    if (canEdit) touchField(field);
  };
  const text = (field: Field, label: string, helper: string, props: { type?: string } = {}) => (
    <TextField
      name={field}
      label={label}
      type={props.type}
      value={values[field]}
      onChange={(e) => set(field, e.target.value)}
      onBlur={() => touch(field)}
      error={Boolean(errorOf(field))}
      helperText={errorOf(field) ?? helper}
      disabled={!canEdit}
      required
      fullWidth
      sx={{ maxWidth: 560 }}
    />
  );

  return (
    <SettingsForm
      label="Business profile"
      canEdit={canEdit}
      saver={saver}
      dirty={changed.length > 0}
      savedText="Saved. The app and new texts to clients use these details."
      onSubmit={() => {
        touchField(...FIELDS);
        if (Object.keys(problems).length > 0 || changed.length === 0) return;
        saver.save.mutate(Object.fromEntries(changed.map((f) => [f, values[f].trim()])));
      }}
      onCancel={() => {
        clear();
        saver.reset();
      }}
    >
      {text('name', 'Business name', 'Shown in texts to clients as {business_name}.')}
      <TextField
        select
        name="vertical"
        label="Kind of work"
        value={values.vertical}
        onChange={(e) => set('vertical', e.target.value)}
        error={Boolean(errorOf('vertical'))}
        helperText={errorOf('vertical') ?? 'New services are filed under it.'}
        disabled={!canEdit}
        sx={{ maxWidth: 320 }}
      >
        {(Object.keys(VERTICAL_NAMES) as Vertical[]).map((v) => (
          <MenuItem key={v} value={v}>
            {VERTICAL_NAMES[v]}
          </MenuItem>
        ))}
      </TextField>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {text('phone', 'Phone', 'The number clients call.', { type: 'tel' })}
        {text('email', 'Email', 'Where clients and the app write to the office.', {
          type: 'email',
        })}
      </Stack>
      {text(
        'address',
        'Address',
        'Where crews start their routes when they have no start of their own.',
      )}
      <Autocomplete
        options={zones}
        value={values.timezone}
        onChange={(_, zone) => set('timezone', zone ?? '')}
        disableClearable={!canEdit}
        disabled={!canEdit}
        autoHighlight
        sx={{ maxWidth: 420 }}
        renderInput={(params) => (
          <TextField
            {...params}
            name="timezone"
            label="Time zone"
            required
            onBlur={() => touch('timezone')}
            error={Boolean(errorOf('timezone'))}
            helperText={
              errorOf('timezone') ??
              'Job dates and times, business hours and quiet hours are in this zone.'
            }
          />
        )}
      />
      {values.timezone !== stored.timezone && !problems.timezone && (
        <Alert severity="warning" data-testid="timezone-warning">
          Existing jobs keep their local dates and times: a job at 9:00 AM stays at 9:00 AM in{' '}
          {values.timezone}, which is a different moment than in {stored.timezone}. Business hours,
          quiet hours and staff hours are read in the new zone too. Check the board after saving.
        </Alert>
      )}
    </SettingsForm>
  );
}
