// The two confirmations of Settings → Backups: restoring a backup (which replaces everything in the
// database on this computer) and deleting a manual one.
import { DialogContentText } from '@mui/material';
import type { BackupItem } from '../../../../../shared/contract/channels/backups';
import { ConfirmDialog } from '../form/ConfirmDialog';
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

export function RestoreDialog({ item, timeZone, onConfirm, ...rest }: ConfirmProps) {
  const when = item ? backupTime(item.created_at, timeZone) : '';
  return (
    <ConfirmDialog
      {...rest}
      open={item !== null}
      title={`Restore the backup of ${when}?`}
      action="Restore"
      pendingAction="Restoring…"
      color="warning"
      errorTestId="backup-restore-error"
      onConfirm={() => item && onConfirm(item)}
      testId="backup-restore-dialog"
    >
      <DialogContentText>
        Everything in the database on this computer — every business in it, with its clients, jobs,
        staff, users and settings — goes back to how it was on {when}. Everything changed since then
        is replaced.
      </DialogContentText>
      <DialogContentText>
        A backup of the data as it is now is made first, listed as &quot;Before restore&quot;, so
        you can go back to it. Anyone signed in whose account did not exist then is signed out.
      </DialogContentText>
    </ConfirmDialog>
  );
}

export function DeleteDialog({ item, timeZone, onConfirm, ...rest }: ConfirmProps) {
  const when = item ? backupTime(item.created_at, timeZone) : '';
  return (
    <ConfirmDialog
      {...rest}
      open={item !== null}
      title={`Delete the backup of ${when}?`}
      action="Delete"
      color="error"
      onConfirm={() => item && onConfirm(item)}
      testId="backup-delete-dialog"
    >
      <DialogContentText>
        Its file is removed from the backups folder and cannot be restored afterwards. The data in
        the app does not change.
      </DialogContentText>
    </ConfirmDialog>
  );
}
