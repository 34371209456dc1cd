// One equipment item: details and who it is assigned to, its purchase, its maintenance (due date,
// log and cost) and the history of changes.
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useMemo, type ReactNode } from 'react';
import { formatMoney } from '../jobs/jobModel';
import { useLookups } from '../jobs/useJobData';
import { RecordDetailPage } from '../records/RecordDetailPage';
import type { RecordDoc } from '../records/recordApi';
import { DateSetting } from './DateSetting';
import { DueChip, useToday } from './DueChip';
import { dateText, equipmentDefaults, equipmentFields } from './equipmentModel';
import { MaintenanceTab } from './MaintenanceTab';

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="div">
        {value}
      </Typography>
    </Box>
  );
}

function EquipmentFigures({ item }: { item: RecordDoc }) {
  const today = useToday();
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="equipment-figures">
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Figure
          label="Maintenance cost"
          value={formatMoney(Number(item.total_maintenance_cost ?? 0))}
        />
        <Figure label="Last maintenance" value={dateText(item.last_maintenance_date)} />
        <Figure
          label="Maintenance due"
          value={
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <span>{dateText(item.maintenance_due_date)}</span>
              <DueChip due={item.maintenance_due_date} today={today} />
            </Stack>
          }
        />
        <Box sx={{ ml: 'auto' }}>
          <DateSetting
            record={item}
            field="purchase_date"
            label="Purchase date"
            disabled={Boolean(item.deleted_at)}
          />
        </Box>
      </Stack>
    </Paper>
  );
}

export function EquipmentDetailPage() {
  const lookups = useLookups().data;
  const fields = useMemo(
    () =>
      equipmentFields(
        (lookups?.activeStaff ?? []).map((s) => ({
          value: s.staff_id,
          label: `${s.first_name} ${s.last_name}`,
        })),
      ),
    [lookups],
  );
  const refs = lookups?.names;
  return (
    <RecordDetailPage
      area="equipment"
      idField="equipment_id"
      basePath="/equipment"
      noun={['equipment item', 'equipment']}
      fields={fields}
      defaults={equipmentDefaults}
      titleOf={(e) => String(e.name)}
      aside={(item) => item && <EquipmentFigures item={item} />}
      refs={refs}
      tabs={[
        {
          key: 'maintenance',
          label: 'Maintenance',
          render: (item) => <MaintenanceTab record={item} />,
        },
      ]}
    />
  );
}
