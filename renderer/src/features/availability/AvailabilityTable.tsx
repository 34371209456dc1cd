// Availability entries in a table — dates, who, type, reason, times, recurrence — each opened for
// editing or deleted after a confirm; a deleted one (shown with "Show deleted") is restored here.
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  datesText,
  describeRule,
  reasonLabel,
  timesText,
  typeLabel,
  useRemoveAvailability,
  useRestoreAvailability,
  type AvailabilityEntry,
} from './availabilityModel';

export function AvailabilityTable({
  entries,
  whoOf,
  empty,
  label,
  onEdit,
}: {
  entries: AvailabilityEntry[];
  /** The "Who" column's text; no column when absent (one person's own list). */
  whoOf?: (entry: AvailabilityEntry) => string;
  empty: string;
  label: string;
  onEdit: (entry: AvailabilityEntry) => void;
}) {
  const remove = useRemoveAvailability();
  const restore = useRestoreAvailability();
  const [asked, setAsked] = useState<AvailabilityEntry | null>(null);
  const close = () => {
    setAsked(null);
    remove.reset();
  };
  return (
    <>
      {restore.error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => restore.reset()}>
          Could not restore the entry: {restore.error.message}
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label={label}>
          <TableHead>
            <TableRow>
              <TableCell>Date</TableCell>
              {whoOf && <TableCell>Who</TableCell>}
              <TableCell>Type</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Times</TableCell>
              <TableCell>Recurring</TableCell>
              <TableCell>Notes</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((entry) => {
              const what = `${typeLabel(entry).toLowerCase()} ${datesText(entry)}`;
              const deleted = entry.deleted_at !== null;
              return (
                <TableRow
                  key={entry.availability_id}
                  data-testid={`entry-${entry.availability_id}`}
                  data-deleted={deleted ? 'true' : undefined}
                  sx={deleted ? { '& td': { color: 'text.disabled' } } : undefined}
                >
                  <TableCell>{datesText(entry)}</TableCell>
                  {whoOf && <TableCell>{whoOf(entry)}</TableCell>}
                  <TableCell>{typeLabel(entry)}</TableCell>
                  <TableCell>{reasonLabel(entry.reason)}</TableCell>
                  <TableCell>{timesText(entry)}</TableCell>
                  <TableCell>
                    {entry.is_recurring ? describeRule(entry.recurrence_rule) : 'No'}
                  </TableCell>
                  <TableCell>{entry.notes ?? ''}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    {deleted ? (
                      <>
                        <Chip size="small" color="warning" label="Deleted" sx={{ mr: 1 }} />
                        <Button
                          size="small"
                          startIcon={<RestoreIcon />}
                          aria-label={`Restore ${what}`}
                          disabled={restore.isPending}
                          onClick={() => restore.mutate(entry)}
                        >
                          Restore
                        </Button>
                      </>
                    ) : (
                      <>
                        <IconButton
                          size="small"
                          aria-label={`Edit ${what}`}
                          onClick={() => onEdit(entry)}
                        >
                          <EditIcon fontSize="small" />
                        </IconButton>
                        <IconButton
                          size="small"
                          aria-label={`Delete ${what}`}
                          onClick={() => setAsked(entry)}
                        >
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
            {!entries.length && (
              <TableRow>
                <TableCell colSpan={whoOf ? 8 : 7}>
                  <Typography role="status" color="text.secondary">
                    {empty}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <Dialog open={asked !== null} onClose={close} aria-labelledby="entry-delete-title">
        <DialogTitle id="entry-delete-title">Delete this entry?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {asked && `${typeLabel(asked)} on ${datesText(asked)}`} will no longer block bookings.
          </DialogContentText>
          {remove.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {remove.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={remove.isPending}
            onClick={() => asked && remove.mutate(asked, { onSuccess: close })}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
