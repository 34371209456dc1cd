// Inputs the Settings forms share: a choice of a few options each with a note, and an on/off
// switch with what it does.
import {
  Box,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Switch,
  Typography,
} from '@mui/material';
import { useId } from 'react';

export interface Choice<V extends string> {
  value: V;
  label: string;
  /** Said after the label, e.g. "No key needed." */
  note: string;
}

export function ChoiceGroup<V extends string>({
  name,
  label,
  choices,
  value,
  onChange,
  disabled = false,
}: {
  name: string;
  label: string;
  choices: readonly Choice<V>[];
  value: V;
  onChange(value: V): void;
  disabled?: boolean;
}) {
  const labelId = useId();
  return (
    <FormControl disabled={disabled}>
      <FormLabel id={labelId}>{label}</FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {choices.map((c) => (
          <FormControlLabel
            key={c.value}
            value={c.value}
            control={<Radio size="small" />}
            label={
              <span>
                {c.label}{' '}
                <Typography component="span" variant="body2" color="text.secondary">
                  — {c.note}
                </Typography>
              </span>
            }
          />
        ))}
      </RadioGroup>
    </FormControl>
  );
}

export function SwitchField({
  name,
  label,
  helper,
  checked,
  onChange,
  disabled = false,
}: {
  name: string;
  label: string;
  /** What on (and off) does. */
  helper: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
}) {
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch
            name={name}
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            disabled={disabled}
          />
        }
        label={label}
      />
      <FormHelperText sx={{ mt: 0, maxWidth: 640 }}>{helper}</FormHelperText>
    </Box>
  );
}
