// Step 3: the owner's own account — name, email, phone, and a password typed twice, rules shown.
import { Stack, TextField } from '@mui/material';
import type { FieldErrors, OwnerForm } from './model';

export const PASSWORD_RULES = 'At least 10 characters, mixing letters with digits or symbols.';

export function OwnerStep(props: {
  value: OwnerForm;
  onChange: (value: OwnerForm) => void;
  errors: FieldErrors;
}) {
  const { value, errors } = props;
  const field = (
    name: keyof OwnerForm,
    label: string,
    extra: { type?: string; autoComplete?: string; helper?: string; required?: boolean } = {},
  ) => (
    <TextField
      name={name}
      label={label}
      value={value[name]}
      onChange={(e) => props.onChange({ ...value, [name]: e.target.value })}
      required={extra.required ?? true}
      fullWidth
      type={extra.type}
      autoComplete={extra.autoComplete}
      error={Boolean(errors[`owner.${name}`])}
      helperText={errors[`owner.${name}`] ?? extra.helper}
    />
  );
  return (
    <>
      <Stack direction="row" spacing={2}>
        {field('first_name', 'First name', { autoComplete: 'given-name' })}
        {field('last_name', 'Last name', { autoComplete: 'family-name' })}
      </Stack>
      <Stack direction="row" spacing={2}>
        {field('email', 'Email', {
          type: 'email',
          autoComplete: 'username',
          helper: 'You sign in with it.',
        })}
        {field('phone', 'Mobile phone', {
          type: 'tel',
          autoComplete: 'tel',
          required: false,
          helper: 'Optional.',
        })}
      </Stack>
      <Stack direction="row" spacing={2}>
        {field('password', 'Password', {
          type: 'password',
          autoComplete: 'new-password',
          helper: PASSWORD_RULES,
        })}
        {field('confirm', 'Password again', { type: 'password', autoComplete: 'new-password' })}
      </Stack>
    </>
  );
}
