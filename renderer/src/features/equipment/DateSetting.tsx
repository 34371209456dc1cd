// One calendar-date field of an equipment item, edited on its own (the record form has no date
// input): a date box and Save, or Clear to set none.
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import type { RecordDoc } from '../records/recordApi';
import { dateKeyOf } from './equipmentModel';
import { useEquipmentUpdate } from './useEquipmentUpdate';

export function DateSetting({
  record,
  field,
  label,
  disabled,
}: {
  record: RecordDoc;
  field: string;
  label: string;
  disabled?: boolean;
}) {
  const stored = dateKeyOf(record[field]);
  const [typed, setTyped] = useState({ version: record.version, value: stored });
  if (typed.version !== record.version) setTyped({ version: record.version, value: stored });
  const value = typed.version === record.version ? typed.value : stored;
  const update = useEquipmentUpdate(record);
  const save = (next: string) =>
    update.mutate({ [field]: next ? new Date(`${next}T00:00:00Z`) : null });
  return (
    <Stack spacing={1}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          id={`date-${field}`}
          type="date"
          size="small"
          label={label}
          value={value}
          disabled={disabled}
          onChange={(e) => setTyped({ version: record.version, value: e.target.value })}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button
          variant="outlined"
          disabled={disabled || update.isPending || value === stored}
          onClick={() => save(value)}
        >
          Save {label.toLowerCase()}
        </Button>
        {stored && (
          <Button disabled={disabled || update.isPending} onClick={() => save('')}>
            Clear
          </Button>
        )}
      </Stack>
      {update.error && <Alert severity="error">{update.error.message}</Alert>}
    </Stack>
  );
}
