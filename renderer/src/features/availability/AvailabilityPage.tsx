// Availability: business-wide closures and special hours beside every person's time off, in one
// table filtered by type and person; any entry opens for editing, and "Show deleted" lists the
// deleted ones to restore.
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { pages } from '../../app/pages';
import { useLookups } from '../jobs/useJobData';
import { AvailabilityEntryDialog } from './AvailabilityEntryDialog';
import { AvailabilityTable } from './AvailabilityTable';
import { typeLabel, useAvailabilityList } from './availabilityModel';

const page = pages.find((p) => p.path === '/availability');
const BUSINESS = 'business';
const TYPES = ['Closure', 'Special hours', 'Time off', 'Recurring schedule'];

export function AvailabilityPage() {
  const [params, setParams] = useSearchParams();
  const includeDeleted = params.get('deleted') === '1';
  const list = useAvailabilityList(undefined, includeDeleted);
  const lookups = useLookups().data;
  const [adding, setAdding] = useState(false);
  // By id, so the dialog follows the entry's latest version when the list reloads.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = list.data?.items.find((e) => e.availability_id === editingId);
  const type = params.get('type') ?? '';
  const who = params.get('who') ?? '';
  const setParam = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const entries = useMemo(
    () =>
      (list.data?.items ?? []).filter(
        (e) =>
          (!type || typeLabel(e) === type) &&
          (!who || (who === BUSINESS ? e.staff_id === null : e.staff_id === who)),
      ),
    [list.data, type, who],
  );
  const whoOf = (e: { staff_id: string | null }) =>
    e.staff_id === null ? 'Whole business' : (lookups?.staffName(e.staff_id) ?? '…');

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 1300 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', mb: 2 }}>
        <Typography id="page-title" variant="h5" component="h1">
          {page?.title ?? 'Availability'}
        </Typography>
        <Typography color="text.secondary">{page?.purpose}</Typography>
      </Stack>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField
          select
          size="small"
          label="Type"
          value={type}
          onChange={(e) => setParam('type', e.target.value)}
          sx={{ width: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'filter-type' } }}
        >
          <MenuItem value="">
            <em>Any</em>
          </MenuItem>
          {TYPES.map((t) => (
            <MenuItem key={t} value={t}>
              {t}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Person"
          value={who}
          onChange={(e) => setParam('who', e.target.value)}
          sx={{ width: 220 }}
        >
          <MenuItem value="">
            <em>Anyone</em>
          </MenuItem>
          <MenuItem value={BUSINESS}>Whole business</MenuItem>
          {(lookups?.activeStaff ?? []).map((s) => (
            <MenuItem key={s.staff_id} value={s.staff_id}>
              {s.first_name} {s.last_name}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Switch
              checked={includeDeleted}
              onChange={(e) => setParam('deleted', e.target.checked ? '1' : '')}
            />
          }
          label="Show deleted"
        />
        <Typography color="text.secondary" sx={{ flexGrow: 1 }} data-testid="result-count">
          {list.data ? `${entries.length} of ${list.data.items.length} entries` : ' '}
        </Typography>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
          Add closure or special hours
        </Button>
      </Stack>
      {list.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Could not load availability: {list.error.message}
        </Alert>
      )}
      <AvailabilityTable
        entries={entries}
        whoOf={whoOf}
        label="Availability"
        empty={page?.nextStep ?? 'Nothing yet.'}
        onEdit={(entry) => setEditingId(entry.availability_id)}
      />
      <AvailabilityEntryDialog
        open={adding}
        onClose={() => setAdding(false)}
        staffId={null}
        title="Add a closure or special hours"
      />
      {editing && (
        <AvailabilityEntryDialog
          key={editing.availability_id}
          open
          onClose={() => setEditingId(null)}
          staffId={editing.staff_id}
          entry={editing}
          title={
            editing.staff_id === null
              ? `Edit ${typeLabel(editing).toLowerCase()}`
              : `Edit time off for ${whoOf(editing)}`
          }
        />
      )}
    </Box>
  );
}
