// "Move this job anyway?": the scheduling rules warned (not refused); the dispatcher decides.
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useId } from 'react';

export function MoveWarningDialog({
  message,
  onCancel,
  onConfirm,
}: {
  /** The core's warning; null hides the dialog. */
  message: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog open={message !== null} onClose={onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>Move this job anyway?</DialogTitle>
      <DialogContent>
        <DialogContentText>{message}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button onClick={onConfirm} variant="contained">
          Move anyway
        </Button>
      </DialogActions>
    </Dialog>
  );
}
