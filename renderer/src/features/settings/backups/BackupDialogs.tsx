// The two confirmations of Settings → Backups: restoring a backup (which replaces everything in the
// database on this computer) and deleting a manual one.
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId } from 'react';
import type { BackupItem } from '../../../../../shared/contract/channels/backups';
import { backupTime } from './format';

interface ConfirmProps {
  /** The backup asked about; the dialog is closed without one. */
  item: BackupItem | null;
  timeZone: string;
  pending: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error: string | null;
  onCancel: () => void;
  onConfirm: (item: BackupItem) => void;
}

export function RestoreDialog({
  item,
  timeZone,
  pending,
  error,
  onCancel,
  onConfirm,
}: ConfirmProps) {
  const titleId = useId();
  const when = item ? backupTime(item.created_at, timeZone) : '';
  return (
    <Dialog
      open={item !== null}
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      data-testid="backup-restore-dialog"
    >
      <DialogTitle id={titleId}>Restore the backup of {when}?</DialogTitle>
      <DialogContent>
        <DialogContentText gutterBottom>
          Everything in the database on this computer — every business in it, with its clients,
          jobs, staff, users and settings — goes back to how it was on {when}. Everything changed
          since then is replaced.
        </DialogContentText>
        <DialogContentText>
          A backup of the data as it is now is made first, listed as &quot;Before restore&quot;, so
          you can go back to it. Anyone signed in whose account did not exist then is signed out.
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="backup-restore-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button
          color="warning"
          variant="contained"
          disabled={pending}
          startIcon={pending ? <CircularProgress size={16} color="inherit" /> : undefined}
          onClick={() => item && onConfirm(item)}
        >
          {pending ? 'Restoring…' : 'Restore'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function DeleteDialog({
  item,
  timeZone,
  pending,
  error,
  onCancel,
  onConfirm,
}: ConfirmProps) {
  const titleId = useId();
  const when = item ? backupTime(item.created_at, timeZone) : '';
  return (
    <Dialog
      open={item !== null}
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      data-testid="backup-delete-dialog"
    >
      <DialogTitle id={titleId}>Delete the backup of {when}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Its file is removed from the backups folder and cannot be restored afterwards. The data in
          the app does not change.
        </DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={pending}
          onClick={() => item && onConfirm(item)}
        >
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
