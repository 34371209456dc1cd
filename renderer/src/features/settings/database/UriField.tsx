// A MongoDB URI field (Settings → Database and the setup wizard): masked like a password, since it
// holds one, with a button to show it; never spell-checked or autofilled.
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { IconButton, InputAdornment, TextField, type SxProps, type Theme } from '@mui/material';
import { useState } from 'react';

export function UriField({
  label,
  name,
  value,
  onChange,
  problem,
  hint,
  required,
  disabled,
  sx,
}: {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with it, shown instead of the hint. */
  problem: string | null | undefined;
  hint: string;
  required?: boolean;
  disabled?: boolean;
  sx?: SxProps<Theme>;
}) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={label}
      name={name}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={Boolean(problem)}
      helperText={problem ?? hint}
      autoComplete="off"
      fullWidth
      required={required}
      disabled={disabled}
      sx={sx}
      slotProps={{
        htmlInput: { spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                aria-label={shown ? 'Hide the URI' : 'Show the URI'}
                aria-pressed={shown}
                onClick={() => setShown((s) => !s)}
                edge="end"
              >
                {shown ? <VisibilityOffIcon /> : <VisibilityIcon />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
