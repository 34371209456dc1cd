// The row actions' dialogs: change role, deactivate or reactivate (confirmed), reset password
// (the new one shown once). Each saves on the version the list showed; the core has the last word.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId, useState, type FormEvent } from 'react';
import { RolePicker } from './AddUserDialog';
import { PasswordField, ShownPassword } from './PasswordField';
import { useResetPassword, useUpdateUser } from './useUsers';
import {
  errorsByField,
  formMessage,
  fullName,
  generatePassword,
  passwordProblem,
  ROLE_LABELS,
  type OfficeRole,
  type User,
} from './userModel';

export type UserAction = 'role' | 'active' | 'password';

interface ActionProps {
  user: User;
  onClose: (message?: string) => void;
}

export function ChangeRoleDialog({ user, myRole, onClose }: ActionProps & { myRole?: string }) {
  const titleId = useId();
  const update = useUpdateUser();
  const [role, setRole] = useState<OfficeRole>(user.role === 'customer' ? 'staff' : user.role);
  const errors = errorsByField(update.error);
  const top = formMessage(update.error, ['role']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (role === user.role) return onClose();
    update.mutate(
      { id: user.user_id, version: user.version, changes: { role } },
      {
        // The core keeps a signed-in session's role until it signs in again.
        onSuccess: (saved) =>
          onClose(
            `${fullName(saved)} is now ${ROLE_LABELS[role].toLowerCase()}, from their next sign-in.`,
          ),
      },
    );
  };
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Change the role of {fullName(user)}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            {top && <Alert severity="error">{top}</Alert>}
            <RolePicker
              value={role}
              onChange={(r) => {
                setRole(r);
                update.reset();
              }}
              myRole={myRole}
              error={errors.role}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save role'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function ActiveDialog({ user, onClose }: ActionProps) {
  const titleId = useId();
  const update = useUpdateUser();
  const deactivating = user.is_active;
  const name = fullName(user);
  const confirm = () =>
    update.mutate(
      { id: user.user_id, version: user.version, changes: { is_active: !deactivating } },
      {
        onSuccess: () =>
          onClose(
            deactivating
              ? `${name} is deactivated and can no longer sign in.`
              : `${name} is active again and can sign in.`,
          ),
      },
    );
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby={titleId} maxWidth="xs">
      <DialogTitle id={titleId}>
        {deactivating ? `Deactivate ${name}?` : `Reactivate ${name}?`}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <DialogContentText>
            {deactivating
              ? `${name} loses access in every open window within seconds and cannot sign in until reactivated. Their jobs and history stay as they are.`
              : `${name} will be able to sign in again with their current password.`}
          </DialogContentText>
          {update.error && <Alert severity="error">{update.error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()} disabled={update.isPending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={deactivating ? 'error' : 'primary'}
          onClick={confirm}
          disabled={update.isPending}
        >
          {deactivating ? 'Deactivate' : 'Reactivate'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ResetPasswordDialog({ user, onClose }: ActionProps) {
  const titleId = useId();
  const reset = useResetPassword();
  const [password, setPassword] = useState(generatePassword);
  const [submitted, setSubmitted] = useState(false);
  const errors = errorsByField(reset.error);
  const top = formMessage(reset.error, ['password']);
  const name = fullName(user);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (passwordProblem(password)) return;
    reset.mutate({ id: user.user_id, version: user.version, password });
  };
  if (reset.isSuccess) {
    return (
      <Dialog open onClose={() => onClose()} aria-labelledby={titleId} fullWidth maxWidth="sm">
        <DialogTitle id={titleId}>New password for {name}</DialogTitle>
        <DialogContent>
          <ShownPassword name={user.first_name} password={password} />
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={() => onClose()}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    );
  }
  return (
    <Dialog
      open
      onClose={() => !reset.isPending && onClose()}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>Reset the password of {name}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <DialogContentText>
              Their old password stops working at once. A strong password has been generated; you
              can type another instead.
            </DialogContentText>
            {top && <Alert severity="error">{top}</Alert>}
            <PasswordField
              label="New password"
              value={password}
              onChange={(p) => {
                setPassword(p);
                reset.reset();
              }}
              coreError={errors.password}
              showProblems={submitted}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose()} disabled={reset.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={reset.isPending}>
            {reset.isPending ? 'Resetting…' : 'Reset password'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
