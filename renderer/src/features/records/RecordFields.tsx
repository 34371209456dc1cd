// The form's inputs, one per field spec, each showing the core's message when it is at fault.
import {
  Autocomplete,
  Box,
  FormControlLabel,
  FormHelperText,
  InputAdornment,
  MenuItem,
  Switch,
  TextField,
} from '@mui/material';
import type { FieldSpec } from './fields';
import type { RecordForm } from './useRecordForm';

function RecordField({
  field,
  form,
  disabled,
}: {
  field: FieldSpec;
  form: RecordForm;
  disabled: boolean;
}) {
  const error = form.errors[field.name];
  const value = form.values[field.name];
  const helper = error ?? field.helperText;
  const common = {
    id: `field-${field.name}`,
    label: field.label,
    error: Boolean(error),
    helperText: helper,
    disabled,
    required: field.required,
    fullWidth: true,
    size: 'small' as const,
  };
  switch (field.kind) {
    case 'boolean':
      return (
        <Box>
          <FormControlLabel
            control={
              <Switch
                checked={Boolean(value)}
                disabled={disabled}
                onChange={(e) => form.set(field.name, e.target.checked)}
              />
            }
            label={field.label}
          />
          {helper && <FormHelperText error={Boolean(error)}>{helper}</FormHelperText>}
        </Box>
      );
    case 'select':
    case 'optionalSelect':
      return (
        <TextField
          {...common}
          select
          value={value as string}
          onChange={(e) => form.set(field.name, e.target.value)}
        >
          {field.kind === 'optionalSelect' && (
            <MenuItem value="">
              <em>None</em>
            </MenuItem>
          )}
          {(field.options ?? []).map((o) => (
            <MenuItem key={o.value} value={o.value}>
              {o.label}
            </MenuItem>
          ))}
        </TextField>
      );
    case 'multi': {
      const options = field.options ?? [];
      const selected = (value as string[])
        .map((v) => options.find((o) => o.value === v) ?? { value: v, label: v })
        .filter(Boolean);
      return (
        <Autocomplete
          multiple
          disabled={disabled}
          options={options}
          value={selected}
          isOptionEqualToValue={(a, b) => a.value === b.value}
          getOptionLabel={(o) => o.label}
          onChange={(_e, next) =>
            form.set(
              field.name,
              next.map((o) => o.value),
            )
          }
          renderInput={(params) => (
            <TextField
              {...params}
              label={field.label}
              size="small"
              error={Boolean(error)}
              helperText={helper}
            />
          )}
        />
      );
    }
    case 'date':
      return (
        <TextField
          {...common}
          type="date"
          value={value as string}
          onChange={(e) => form.set(field.name, e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      );
    default:
      return (
        <TextField
          {...common}
          type={field.kind === 'number' ? 'number' : 'text'}
          multiline={field.multiline}
          minRows={field.multiline ? 3 : undefined}
          value={value as string}
          onChange={(e) => form.set(field.name, e.target.value)}
          slotProps={
            field.unit
              ? {
                  input: {
                    [field.unit === '$' ? 'startAdornment' : 'endAdornment']: (
                      <InputAdornment position={field.unit === '$' ? 'start' : 'end'}>
                        {field.unit}
                      </InputAdornment>
                    ),
                  },
                }
              : undefined
          }
        />
      );
  }
}

export function RecordFields({
  fields,
  form,
  disabled = false,
}: {
  fields: FieldSpec[];
  form: RecordForm;
  disabled?: boolean;
}) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      {fields.map((field) => (
        <Box key={field.name} sx={{ gridColumn: field.wide ? '1 / -1' : undefined }}>
          <RecordField field={field} form={form} disabled={disabled} />
        </Box>
      ))}
    </Box>
  );
}
