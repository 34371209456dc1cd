// Equipment: mowers, vans and tools, with who has them and when their maintenance is due.
import ConstructionIcon from '@mui/icons-material/Construction';
import { Chip, Stack } from '@mui/material';
import { useMemo } from 'react';
import { formatMoney, staffOrder } from '../jobs/jobModel';
import { useLookups } from '../jobs/useJobData';
import { RecordListPage, type ListFilter, type RecordColumn } from '../records/RecordListPage';
import { DueChip, useToday } from './DueChip';
import {
  categoryOptions,
  dateText,
  equipmentPage,
  equipmentSortable,
  statusOptions,
} from './equipmentModel';

const statusColor = { active: 'success', maintenance: 'warning', retired: 'default' } as const;

export function EquipmentListPage() {
  const lookups = useLookups().data;
  const today = useToday();
  const columns = useMemo<RecordColumn[]>(
    () => [
      { field: 'name', headerName: 'Name', flex: 1.3, minWidth: 180 },
      {
        field: 'category',
        headerName: 'Category',
        width: 140,
        valueFormatter: (value: string) =>
          categoryOptions.find((o) => o.value === value)?.label ?? value,
      },
      {
        field: 'status',
        headerName: 'Status',
        width: 150,
        renderCell: ({ row }) => {
          const status = String(row.status) as keyof typeof statusColor;
          return (
            <Chip
              size="small"
              color={statusColor[status]}
              label={statusOptions.find((o) => o.value === status)?.label ?? status}
            />
          );
        },
      },
      {
        field: 'assigned_staff_ids',
        headerName: 'Assigned to',
        flex: 1.2,
        minWidth: 160,
        valueGetter: (_v, row) =>
          ((row.assigned_staff_ids as string[] | undefined) ?? [])
            .map((id) => lookups?.staffName(id) ?? '…')
            .join(', ') || '—',
      },
      {
        field: 'maintenance_due_date',
        headerName: 'Maintenance due',
        width: 210,
        renderCell: ({ row }) => (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', height: '100%' }}>
            <span>{dateText(row.maintenance_due_date)}</span>
            <DueChip due={row.maintenance_due_date} today={today} />
          </Stack>
        ),
      },
      {
        field: 'total_maintenance_cost',
        headerName: 'Maintenance cost',
        type: 'number',
        width: 170,
        valueFormatter: (value: number) => formatMoney(value ?? 0),
      },
      {
        field: 'hours_used',
        headerName: 'Hours',
        type: 'number',
        width: 90,
        valueFormatter: (value: number) => (value ?? 0).toLocaleString('en-US'),
      },
    ],
    [lookups, today],
  );
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'status', label: 'Status', options: statusOptions },
      { key: 'category', label: 'Category', options: categoryOptions },
      {
        // Who has the item: crew leads first, the way the board and the pickers list people.
        key: 'assigned_staff_ids',
        label: 'Assigned to',
        options: [...(lookups?.staff ?? [])].sort(staffOrder).map((p) => ({
          value: p.staff_id,
          label: `${p.first_name} ${p.last_name}`,
        })),
      },
    ],
    [lookups],
  );
  return (
    <RecordListPage
      area="equipment"
      title={equipmentPage.title}
      purpose={equipmentPage.purpose}
      nextStep={equipmentPage.nextStep}
      icon={<ConstructionIcon />}
      idField="equipment_id"
      basePath="/equipment"
      noun={['equipment item', 'equipment items']}
      columns={columns}
      sortable={equipmentSortable}
      defaultSort={{ field: 'name', direction: 'asc' }}
      filters={filters}
      searchPlaceholder="Name, serial number, notes"
    />
  );
}
