// One person's time off: single days, ranges and weekly recurrences, added, changed and deleted here.
import AddIcon from '@mui/icons-material/Add';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { AvailabilityEntryDialog } from '../availability/AvailabilityEntryDialog';
import { AvailabilityTable } from '../availability/AvailabilityTable';
import { useAvailabilityList } from '../availability/availabilityModel';
import type { RecordDoc } from '../records/recordApi';
import { staffName } from './staffModel';

export function TimeOffTab({ staff }: { staff: RecordDoc }) {
  const id = String(staff.staff_id);
  const list = useAvailabilityList(id);
  const [adding, setAdding] = useState(false);
  // By id, so the dialog follows the entry's latest version when the list reloads.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = list.data?.items.find((e) => e.availability_id === editingId);
  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }}>
        <Typography color="text.secondary" sx={{ flexGrow: 1 }}>
          Days or hours {staffName(staff)} cannot be booked. Business closures are on the
          Availability page.
        </Typography>
        {!staff.deleted_at && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            Add time off
          </Button>
        )}
      </Stack>
      {list.error && <Alert severity="error">{list.error.message}</Alert>}
      <AvailabilityTable
        entries={list.data?.items ?? []}
        label="Time off"
        empty="No time off recorded."
        onEdit={(entry) => setEditingId(entry.availability_id)}
      />
      <AvailabilityEntryDialog
        open={adding}
        onClose={() => setAdding(false)}
        staffId={id}
        title={`Add time off for ${staffName(staff)}`}
      />
      {editing && (
        <AvailabilityEntryDialog
          key={editing.availability_id}
          open
          onClose={() => setEditingId(null)}
          staffId={id}
          entry={editing}
          title={`Edit time off for ${staffName(staff)}`}
        />
      )}
    </Stack>
  );
}
