// "Add user": name, email, role (with what it may do) and a first password, typed or generated;
// a generated one is shown once afterwards for handing over.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useId, useState, type FormEvent } from 'react';
import { PasswordField, ShownPassword } from './PasswordField';
import { useCreateUser } from './useUsers';
import {
  errorsByField,
  formMessage,
  fullName,
  OFFICE_ROLES,
  passwordProblem,
  ROLE_LABELS,
  roleExplanation,
  roleUnavailable,
  type OfficeRole,
  type User,
} from './userModel';

const FIELDS = ['first_name', 'last_name', 'email', 'role', 'password'] as const;

/** The role choices with what each may do; a role the core would refuse shows why. */
export function RolePicker({
  value,
  onChange,
  myRole,
  error,
}: {
  value: OfficeRole;
  onChange: (role: OfficeRole) => void;
  myRole: string | undefined;
  error?: string;
}) {
  const labelId = useId();
  return (
    <FormControl error={Boolean(error)}>
      <FormLabel id={labelId}>Role</FormLabel>
      <RadioGroup
        aria-labelledby={labelId}
        value={value}
        onChange={(e) => onChange(e.target.value as OfficeRole)}
      >
        {OFFICE_ROLES.map((role) => {
          const unavailable = roleUnavailable(role, myRole);
          return (
            <FormControlLabel
              key={role}
              value={role}
              disabled={Boolean(unavailable)}
              control={<Radio />}
              sx={{ alignItems: 'flex-start', my: 0.25, '& .MuiRadio-root': { pt: 0.5 } }}
              label={
                <span>
                  <Typography component="span" sx={{ display: 'block' }}>
                    {ROLE_LABELS[role]}
                  </Typography>
                  <Typography variant="body2" color="text.secondary" component="span">
                    {unavailable ?? roleExplanation(role)}
                  </Typography>
                </span>
              }
            />
          );
        })}
      </RadioGroup>
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

const blank = { first_name: '', last_name: '', email: '', password: '' };

export function AddUserDialog({
  myRole,
  onClose,
}: {
  myRole: string | undefined;
  onClose: (added?: User) => void;
}) {
  const titleId = useId();
  const create = useCreateUser();
  const [form, setForm] = useState(blank);
  const [role, setRole] = useState<OfficeRole>('staff');
  const [generated, setGenerated] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...missing, ...errorsByField(create.error) };
  const top = formMessage(create.error, FIELDS);

  const edit = (field: keyof typeof blank, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setMissing((m) => ({ ...m, [field]: '' }));
    if (create.error) create.reset();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const required: Record<string, string> = {};
    if (!form.first_name.trim()) required.first_name = 'Enter a first name.';
    if (!form.last_name.trim()) required.last_name = 'Enter a last name.';
    if (!form.email.trim()) required.email = 'Enter the email they will sign in with.';
    setMissing(required);
    if (Object.keys(required).length || passwordProblem(form.password)) return;
    create.mutate(
      {
        data: {
          first_name: form.first_name.trim(),
          last_name: form.last_name.trim(),
          email: form.email.trim(),
          role,
          password: form.password,
        },
      },
      // A typed password is known to whoever typed it; a generated one is shown once first.
      { onSuccess: (user) => !generated && onClose(user) },
    );
  };

  const close = () => onClose(create.data);

  if (create.data && generated) {
    return (
      <Dialog open onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>{fullName(create.data)} can sign in now</DialogTitle>
        <DialogContent>
          <ShownPassword name={create.data.first_name} password={form.password} />
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={close}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  const text = (field: 'first_name' | 'last_name' | 'email', label: string, extra: object = {}) => (
    <TextField
      label={label}
      value={form[field]}
      required
      fullWidth
      onChange={(e) => edit(field, e.target.value)}
      error={Boolean(errors[field])}
      helperText={errors[field] || undefined}
      {...extra}
    />
  );

  return (
    <Dialog
      open
      onClose={() => !create.isPending && onClose()}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate data-testid="add-user-form">
        <DialogTitle id={titleId}>Add user</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2.5}>
            {top && <Alert severity="error">{top}</Alert>}
            <Stack direction="row" spacing={2}>
              {text('first_name', 'First name', { autoFocus: true })}
              {text('last_name', 'Last name')}
            </Stack>
            {text('email', 'Email', { type: 'email', autoComplete: 'off' })}
            <RolePicker value={role} onChange={setRole} myRole={myRole} error={errors.role} />
            <PasswordField
              label="First password"
              value={form.password}
              onChange={(password, how) => {
                edit('password', password);
                setGenerated(how === 'generated');
              }}
              coreError={errors.password || undefined}
              showProblems={submitted}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add user'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
