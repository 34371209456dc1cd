// Clients: everyone the business works for, searched by name, phone, email or address.
import PeopleIcon from '@mui/icons-material/People';
import type { ReactNode } from 'react';
import { formatMoney } from '../jobs/jobModel';
import { phoneColumn } from '../records/columns';
import {
  activeFilter,
  RecordListPage,
  type RecordColumn,
  type ShownList,
} from '../records/RecordListPage';
import { clientPage, clientSortable } from './clientModel';

// Built once: toLocaleDateString builds a formatter on every call, a cost per cell per search.
const shortDate = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});
const dateText = (value: unknown) => (value instanceof Date ? shortDate.format(value) : '—');

const columns: RecordColumn[] = [
  {
    field: 'name',
    headerName: 'Name',
    flex: 1.2,
    minWidth: 180,
    valueGetter: (_v, row) => `${String(row.last_name)}, ${String(row.first_name)}`,
  },
  phoneColumn,
  { field: 'email', headerName: 'Email', flex: 1.3, minWidth: 180 },
  { field: 'city', headerName: 'City', flex: 0.8, minWidth: 110 },
  { field: 'job_count', headerName: 'Jobs', type: 'number', width: 80 },
  {
    field: 'total_spent',
    headerName: 'Total spent',
    type: 'number',
    width: 120,
    valueFormatter: (value: number) => formatMoney(value ?? 0),
  },
  {
    field: 'last_job_date',
    headerName: 'Last job',
    width: 130,
    valueFormatter: (value: unknown) => dateText(value),
  },
];

export function ClientsListPage({
  csvActions,
}: {
  /**
   * Slot for the "Import CSV" / "Export CSV" buttons (built separately, with the CSV import and
   * export): rendered in the list's toolbar beside "New client", given the rows the list shows.
   */
  csvActions?: (shown: ShownList) => ReactNode;
}) {
  return (
    <RecordListPage
      area="clients"
      title={clientPage.title}
      purpose={clientPage.purpose}
      nextStep={clientPage.nextStep}
      icon={<PeopleIcon />}
      idField="client_id"
      basePath="/clients"
      noun={['client', 'clients']}
      columns={columns}
      sortable={clientSortable}
      sortFields={{ name: 'last_name' }}
      defaultSort={{ field: 'last_name', direction: 'asc' }}
      filters={[activeFilter, { key: 'city', label: 'City' }]}
      searchPlaceholder="Name, phone, email, address"
      toolbar={csvActions}
    />
  );
}
