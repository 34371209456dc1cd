// "Are you sure?" for a Settings action that cannot be taken back (restore or delete a backup,
// switch databases, remove a copy): what will happen, why the last try failed, Cancel and the
// action, which shows a spinner while it runs; the dialog cannot be dismissed meanwhile.
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId, type ReactNode } from 'react';

export function ConfirmDialog({
  open,
  title,
  children,
  action,
  pendingAction = action,
  color = 'primary',
  pending,
  error,
  errorTestId,
  onCancel,
  onConfirm,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  /** What will happen, as DialogContentText paragraphs. */
  children: ReactNode;
  /** The confirming button's label, e.g. "Restore". */
  action: string;
  /** Its label while the action runs, e.g. "Restoring…". */
  pendingAction?: string;
  color?: 'primary' | 'warning' | 'error';
  pending: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error: string | null;
  errorTestId?: string;
  onCancel(): void;
  onConfirm(): void;
  testId: string;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          {children}
          {error && (
            <Alert severity="error" data-testid={errorTestId}>
              {error}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={color}
          disabled={pending}
          startIcon={pending ? <CircularProgress size={16} color="inherit" /> : undefined}
          onClick={onConfirm}
        >
          {pending ? pendingAction : action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
