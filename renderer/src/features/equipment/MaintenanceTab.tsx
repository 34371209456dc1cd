// An equipment item's maintenance: the due date (with its overdue / due-soon flag), the log of work
// done with its cost, a form adding an entry, and each entry corrected or removed in a dialog —
// saved one entry at a time through equipment.*Maintenance; the core derives the total cost and
// the last service date from the log.
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { ApiError } from '../../../../shared/contract';
import type { MaintenanceEntryInput } from '../../../../shared/contract/channels/maintenance';
import type { MaintenanceNote } from '../../../../shared/schemas/equipment';
import { fieldErrors } from '../auth/fieldErrors';
import { formatMoney } from '../jobs/jobModel';
import type { RecordDoc } from '../records/recordApi';
import { DateSetting } from './DateSetting';
import { DueChip, useToday } from './DueChip';
import { dateKeyOf, dateText, labelOf, typeKeyOf } from './equipmentModel';
import { useMaintenanceEdit } from './useEquipmentUpdate';

interface EntryForm {
  date: string;
  type: string;
  notes: string;
  cost: string;
  hours: string;
}
type EntryField = keyof EntryForm;
type Errors = Partial<Record<EntryField, string>>;

const emptyEntry = (today: string): EntryForm => ({
  date: today,
  type: '',
  notes: '',
  cost: '',
  hours: '',
});

const formOf = (note: MaintenanceNote): EntryForm => ({
  date: dateKeyOf(new Date(note.date)),
  type: labelOf(note.type),
  notes: note.notes,
  cost: String(note.cost),
  hours: note.hours === undefined ? '' : String(note.hours),
});

/** The entry the core takes, or what is wrong with the form, field by field. */
function entryOf(form: EntryForm): { entry: MaintenanceEntryInput } | { errors: Errors } {
  const errors: Errors = {};
  const type = typeKeyOf(form.type);
  const cost = form.cost.trim() === '' ? 0 : Number(form.cost);
  const hours = form.hours.trim() === '' ? null : Number(form.hours);
  if (!form.date) errors.date = 'Choose the date of the work.';
  if (!/^[a-z]/.test(type)) errors.type = 'Say what kind of work it was, e.g. Oil change.';
  if (!Number.isFinite(cost) || cost < 0) errors.cost = 'The cost must be 0 or more.';
  if (hours !== null && (!Number.isFinite(hours) || hours < 0)) {
    errors.hours = 'The hours must be 0 or more.';
  }
  if (Object.keys(errors).length) return { errors };
  const date = new Date(`${form.date}T00:00:00Z`);
  return { entry: { date, type, notes: form.notes.trim(), cost, hours } };
}

/** The core's refusal on the fields at fault (it names them `entry.cost` and so on). */
function refusedFields(error: unknown): Errors {
  const out: Errors = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = path.replace(/^entry\./, '');
    if (field in emptyEntry('')) out[field as EntryField] ??= message;
  }
  return out;
}

function EntryFields({
  prefix,
  form,
  errors,
  disabled,
  onChange,
}: {
  prefix: string;
  form: EntryForm;
  errors: Errors;
  disabled: boolean;
  onChange: (field: EntryField, value: string) => void;
}) {
  const props = (field: EntryField) => ({
    id: `${prefix}-${field}`,
    size: 'small' as const,
    value: form[field],
    disabled,
    error: Boolean(errors[field]),
    helperText: errors[field],
    onChange: (e: { target: { value: string } }) => onChange(field, e.target.value),
  });
  return (
    <>
      <TextField
        {...props('date')}
        type="date"
        label="Date"
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField {...props('type')} label="Type of work" placeholder="Oil change" />
      <TextField {...props('notes')} label="Notes" sx={{ flexGrow: 1, minWidth: 220 }} />
      <TextField {...props('cost')} type="number" label="Cost ($)" sx={{ width: 130 }} />
      <TextField {...props('hours')} type="number" label="Hours" sx={{ width: 110 }} />
    </>
  );
}

/** Form state with the problems of its last save; a change clears its field's problem. */
function useEntryForm(initial: () => EntryForm) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const change = (field: EntryField, value: string) => {
    setForm((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => ({ ...prev, [field]: undefined }));
  };
  return { form, setForm, errors, setErrors, change };
}

function AddEntryForm({ record, disabled }: { record: RecordDoc; disabled: boolean }) {
  const today = useToday();
  const { form, setForm, errors, setErrors, change } = useEntryForm(() => emptyEntry(today));
  const save = useMaintenanceEdit(record);
  const add = () => {
    const checked = entryOf(form);
    if ('errors' in checked) return setErrors(checked.errors);
    save.mutate(
      { op: 'add', version: record.version, entry: checked.entry },
      {
        onSuccess: () => setForm(emptyEntry(today)),
        onError: (error) => setErrors(refusedFields(error)),
      },
    );
  };
  const formProblem =
    save.error && !Object.keys(refusedFields(save.error)).length ? save.error.message : null;
  return (
    <Box
      component="form"
      noValidate
      aria-label="Add maintenance entry"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        Add an entry
      </Typography>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <EntryFields
          prefix="entry"
          form={form}
          errors={errors}
          disabled={disabled}
          onChange={(field, value) => {
            change(field, value);
            save.reset();
          }}
        />
        <Button type="submit" variant="contained" disabled={disabled || save.isPending}>
          Add entry
        </Button>
      </Stack>
      {formProblem && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {formProblem}
        </Alert>
      )}
    </Box>
  );
}

/** The entry being changed: its place in the log of the version the user saw. */
interface Target {
  index: number;
  version: number;
  note: MaintenanceNote;
}

const describe = (note: MaintenanceNote) =>
  `${labelOf(note.type)} on ${dateText(new Date(note.date))}`;

function EditEntryDialog({
  record,
  target,
  onClose,
}: {
  record: RecordDoc;
  target: Target;
  onClose: () => void;
}) {
  const { form, errors, setErrors, change } = useEntryForm(() => formOf(target.note));
  const save = useMaintenanceEdit(record);
  const stale = save.error instanceof ApiError && save.error.kind === 'conflict';
  const submit = () => {
    const checked = entryOf(form);
    if ('errors' in checked) return setErrors(checked.errors);
    save.mutate(
      { op: 'update', version: target.version, index: target.index, entry: checked.entry },
      { onSuccess: onClose, onError: (error) => setErrors(refusedFields(error)) },
    );
  };
  const formProblem =
    save.error && !Object.keys(refusedFields(save.error)).length ? save.error.message : null;
  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-entry-title" maxWidth="md" fullWidth>
      <DialogTitle id="edit-entry-title">Correct maintenance entry</DialogTitle>
      <DialogContent>
        <Stack
          component="form"
          id="edit-entry-form"
          noValidate
          direction="row"
          spacing={1.5}
          useFlexGap
          sx={{ flexWrap: 'wrap', pt: 1 }}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <EntryFields
            prefix="edit-entry"
            form={form}
            errors={errors}
            disabled={stale}
            onChange={change}
          />
        </Stack>
        {formProblem && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {formProblem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{stale ? 'Close' : 'Cancel'}</Button>
        <Button
          type="submit"
          form="edit-entry-form"
          variant="contained"
          disabled={stale || save.isPending}
        >
          Save entry
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function RemoveEntryDialog({
  record,
  target,
  onClose,
}: {
  record: RecordDoc;
  target: Target;
  onClose: () => void;
}) {
  const save = useMaintenanceEdit(record);
  const stale = save.error instanceof ApiError && save.error.kind === 'conflict';
  return (
    <Dialog open onClose={onClose} aria-labelledby="remove-entry-title">
      <DialogTitle id="remove-entry-title">Remove this maintenance entry?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {describe(target.note)} ({formatMoney(target.note.cost)}) will be removed from the log and
          the total cost.
        </DialogContentText>
        {save.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {save.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{stale ? 'Close' : 'Cancel'}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={stale || save.isPending}
          onClick={() =>
            save.mutate(
              { op: 'remove', version: target.version, index: target.index },
              { onSuccess: onClose },
            )
          }
        >
          Remove
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function MaintenanceTab({ record }: { record: RecordDoc }) {
  const today = useToday();
  const deleted = Boolean(record.deleted_at);
  const [editing, setEditing] = useState<Target | null>(null);
  const [removing, setRemoving] = useState<Target | null>(null);
  // Newest first on screen; each keeps its position in the stored log, which the core edits by.
  const notes = ((record.maintenance_notes as MaintenanceNote[] | undefined) ?? [])
    .map((note, index) => ({ note, index }))
    .sort((a, b) => new Date(b.note.date).getTime() - new Date(a.note.date).getTime());
  const targetOf = (note: MaintenanceNote, index: number): Target => ({
    note,
    index,
    version: record.version,
  });
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <DateSetting
            record={record}
            field="maintenance_due_date"
            label="Due date"
            disabled={deleted}
          />
          <DueChip due={record.maintenance_due_date} today={today} />
          <Typography sx={{ ml: 'auto' }} data-testid="maintenance-total">
            Total maintenance cost:{' '}
            <strong>{formatMoney(Number(record.total_maintenance_cost ?? 0))}</strong>
          </Typography>
        </Stack>
      </Paper>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <AddEntryForm record={record} disabled={deleted} />
      </Paper>
      <Paper variant="outlined">
        {notes.length ? (
          <Table size="small" aria-label="Maintenance log" data-testid="maintenance-log">
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Notes</TableCell>
                <TableCell align="right">Hours</TableCell>
                <TableCell align="right">Cost</TableCell>
                <TableCell align="right" />
              </TableRow>
            </TableHead>
            <TableBody>
              {notes.map(({ note, index }) => (
                <TableRow key={index}>
                  <TableCell>{dateText(new Date(note.date))}</TableCell>
                  <TableCell>{labelOf(note.type)}</TableCell>
                  <TableCell>{note.notes}</TableCell>
                  <TableCell align="right">{note.hours ?? '—'}</TableCell>
                  <TableCell align="right">{formatMoney(note.cost)}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <IconButton
                      size="small"
                      aria-label={`Correct ${describe(note)}`}
                      disabled={deleted}
                      onClick={() => setEditing(targetOf(note, index))}
                    >
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton
                      size="small"
                      aria-label={`Remove ${describe(note)}`}
                      disabled={deleted}
                      onClick={() => setRemoving(targetOf(note, index))}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            No maintenance recorded yet.
          </Typography>
        )}
      </Paper>
      {editing && (
        <EditEntryDialog record={record} target={editing} onClose={() => setEditing(null)} />
      )}
      {removing && (
        <RemoveEntryDialog record={record} target={removing} onClose={() => setRemoving(null)} />
      )}
    </Stack>
  );
}
