// Staff: the people who do the jobs, with today's load and their figures from completed jobs.
import EngineeringIcon from '@mui/icons-material/Engineering';
import { useMemo } from 'react';
import { useLookups } from '../jobs/useJobData';
import { phoneColumn } from '../records/columns';
import {
  activeFilter,
  RecordListPage,
  type ListFilter,
  type RecordColumn,
} from '../records/RecordListPage';
import { crewLeadOptions, roleLabel, roleOptions, staffPage, staffSortable } from './staffModel';

const columns: RecordColumn[] = [
  {
    field: 'name',
    headerName: 'Name',
    flex: 1.2,
    minWidth: 180,
    valueGetter: (_v, row) => `${String(row.last_name)}, ${String(row.first_name)}`,
  },
  {
    field: 'role',
    headerName: 'Role',
    width: 145,
    valueFormatter: (value: unknown) => roleLabel(value),
  },
  phoneColumn,
  { field: 'email', headerName: 'Email', flex: 1.3, minWidth: 180 },
  { field: 'jobs_assigned_today', headerName: 'Jobs today', type: 'number', width: 115 },
  {
    field: 'hours_worked_this_week',
    headerName: 'Hours this week',
    type: 'number',
    width: 175,
    valueFormatter: (value: number) => (value ?? 0).toFixed(1),
  },
  { field: 'total_jobs_completed', headerName: 'Completed', type: 'number', width: 110 },
  {
    field: 'avg_customer_rating',
    headerName: 'Rating',
    type: 'number',
    width: 90,
    valueFormatter: (value: number | null) => (typeof value === 'number' ? value.toFixed(1) : '—'),
  },
];

export function StaffListPage() {
  const lookups = useLookups().data;
  const filters = useMemo<ListFilter[]>(
    () => [
      { key: 'role', label: 'Role', options: roleOptions },
      // A crew: its lead and everyone working under them.
      { key: 'crew', label: 'Crew', options: crewLeadOptions(lookups?.staff ?? []) },
      activeFilter,
    ],
    [lookups],
  );
  return (
    <RecordListPage
      area="staff"
      title={staffPage.title}
      purpose={staffPage.purpose}
      nextStep={staffPage.nextStep}
      icon={<EngineeringIcon />}
      idField="staff_id"
      basePath="/staff"
      noun={['staff member', 'staff members']}
      columns={columns}
      sortable={staffSortable}
      sortFields={{ name: 'last_name' }}
      defaultSort={{ field: 'last_name', direction: 'asc' }}
      filters={filters}
      searchPlaceholder="Name, phone, email"
    />
  );
}
