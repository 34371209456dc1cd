// An equipment item's maintenance: the due date (with its overdue / due-soon flag), the log of work
// done with its cost, and a form adding an entry — saved through equipment.update; the core
// derives the total cost from the log.
import {
  Alert,
  Box,
  Button,
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
import type { MaintenanceNote } from '../../../../shared/schemas/equipment';
import { formatMoney } from '../jobs/jobModel';
import type { RecordDoc } from '../records/recordApi';
import { DateSetting } from './DateSetting';
import { DueChip, useToday } from './DueChip';
import { dateText, labelOf, typeKeyOf } from './equipmentModel';
import { useEquipmentUpdate } from './useEquipmentUpdate';

const emptyEntry = (today: string) => ({ date: today, type: '', notes: '', cost: '' });

function AddEntryForm({ record, disabled }: { record: RecordDoc; disabled: boolean }) {
  const today = useToday();
  const [entry, setEntry] = useState(() => emptyEntry(today));
  const [problem, setProblem] = useState<string | null>(null);
  const update = useEquipmentUpdate(record);
  const set = (name: keyof typeof entry) => (e: { target: { value: string } }) => {
    setEntry((prev) => ({ ...prev, [name]: e.target.value }));
    setProblem(null);
  };
  const add = () => {
    const type = typeKeyOf(entry.type);
    const cost = entry.cost.trim() === '' ? 0 : Number(entry.cost);
    if (!entry.date) return setProblem('Choose the date of the work.');
    if (!/^[a-z]/.test(type)) return setProblem('Say what kind of work it was, e.g. Oil change.');
    if (!Number.isFinite(cost) || cost < 0) return setProblem('The cost must be 0 or more.');
    const date = new Date(`${entry.date}T00:00:00Z`);
    const notes = (record.maintenance_notes as MaintenanceNote[] | undefined) ?? [];
    const last = record.last_maintenance_date;
    const changes: Record<string, unknown> = {
      maintenance_notes: [...notes, { date, type, notes: entry.notes.trim(), cost }],
    };
    if (!(last instanceof Date) || last.getTime() < date.getTime()) {
      changes.last_maintenance_date = date;
    }
    update.mutate(changes, { onSuccess: () => setEntry(emptyEntry(today)) });
  };
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
        <TextField
          id="entry-date"
          type="date"
          size="small"
          label="Date"
          value={entry.date}
          onChange={set('date')}
          disabled={disabled}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          id="entry-type"
          size="small"
          label="Type of work"
          placeholder="Oil change"
          value={entry.type}
          onChange={set('type')}
          disabled={disabled}
        />
        <TextField
          id="entry-notes"
          size="small"
          label="Notes"
          value={entry.notes}
          onChange={set('notes')}
          disabled={disabled}
          sx={{ flexGrow: 1, minWidth: 220 }}
        />
        <TextField
          id="entry-cost"
          size="small"
          type="number"
          label="Cost ($)"
          value={entry.cost}
          onChange={set('cost')}
          disabled={disabled}
          sx={{ width: 130 }}
        />
        <Button type="submit" variant="contained" disabled={disabled || update.isPending}>
          Add entry
        </Button>
      </Stack>
      {(problem ?? update.error) && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {problem ?? update.error?.message}
        </Alert>
      )}
    </Box>
  );
}

export function MaintenanceTab({ record }: { record: RecordDoc }) {
  const today = useToday();
  const deleted = Boolean(record.deleted_at);
  const notes = [...((record.maintenance_notes as MaintenanceNote[] | undefined) ?? [])].sort(
    (a, b) => new Date(b.date).getTime() - new Date(a.date).getTime(),
  );
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
                <TableCell align="right">Cost</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {notes.map((note, i) => (
                <TableRow key={`${new Date(note.date).getTime()}-${note.type}-${i}`}>
                  <TableCell>{dateText(new Date(note.date))}</TableCell>
                  <TableCell>{labelOf(note.type)}</TableCell>
                  <TableCell>{note.notes}</TableCell>
                  <TableCell align="right">{formatMoney(note.cost)}</TableCell>
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
    </Stack>
  );
}
