// Step 4: the business profile — name, kind of work, contact details, and its time zone (detected
// from this computer, chosen from the IANA zones the browser knows).
import { Autocomplete, MenuItem, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import { detectedTimeZone, VERTICALS, type BusinessForm, type FieldErrors } from './model';

/** Every IANA zone the browser knows, with the detected one and `current` always among them. */
function timeZones(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add(detectedTimeZone());
  if (current) zones.add(current);
  return [...zones].sort();
}

export function BusinessStep(props: {
  value: BusinessForm;
  onChange: (value: BusinessForm) => void;
  errors: FieldErrors;
}) {
  const { value, errors } = props;
  const zones = useMemo(() => timeZones(value.timezone), [value.timezone]);
  const detected = detectedTimeZone();
  const set = (patch: Partial<BusinessForm>) => props.onChange({ ...value, ...patch });
  const field = (
    name: 'name' | 'phone' | 'email' | 'address',
    label: string,
    extra: { type?: string; autoComplete?: string; helper?: string } = {},
  ) => (
    <TextField
      name={`business-${name}`}
      label={label}
      value={value[name]}
      onChange={(e) => set({ [name]: e.target.value })}
      required
      fullWidth
      type={extra.type}
      autoComplete={extra.autoComplete}
      error={Boolean(errors[`business.${name}`])}
      helperText={errors[`business.${name}`] ?? extra.helper}
    />
  );
  return (
    <>
      <Stack direction="row" spacing={2}>
        {field('name', 'Business name', { autoComplete: 'organization' })}
        <TextField
          select
          name="business-vertical"
          label="Kind of work"
          value={value.vertical}
          onChange={(e) => set({ vertical: e.target.value as BusinessForm['vertical'] })}
          required
          fullWidth
          error={Boolean(errors['business.vertical'])}
          helperText={errors['business.vertical']}
        >
          {VERTICALS.map(([v, label]) => (
            <MenuItem key={v} value={v}>
              {label}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Stack direction="row" spacing={2}>
        {field('phone', 'Business phone', {
          type: 'tel',
          autoComplete: 'tel',
          helper: 'Clients see it in texts, e.g. +1-205-555-0123.',
        })}
        {field('email', 'Business email', { type: 'email', autoComplete: 'email' })}
      </Stack>
      {field('address', 'Address', {
        autoComplete: 'street-address',
        helper: 'Where crews start from when a crew lead has no start of their own.',
      })}
      <Autocomplete
        options={zones}
        value={value.timezone}
        onChange={(_, zone) => set({ timezone: zone })}
        disableClearable
        autoHighlight
        renderInput={(params) => (
          <TextField
            {...params}
            name="business-timezone"
            label="Time zone"
            required
            error={Boolean(errors['business.timezone'])}
            helperText={
              errors['business.timezone'] ??
              (value.timezone === detected
                ? 'Detected from this computer. Job times are in this zone.'
                : `This computer is in ${detected}. Job times are in the zone chosen here.`)
            }
          />
        )}
      />
    </>
  );
}
