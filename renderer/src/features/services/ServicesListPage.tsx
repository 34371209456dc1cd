// Services: what the business sells, in the order pickers show them.
import HandymanIcon from '@mui/icons-material/Handyman';
import { Chip } from '@mui/material';
import { formatMoney } from '../jobs/jobModel';
import { activeFilter, RecordListPage, type RecordColumn } from '../records/RecordListPage';
import { categoryOptions, servicePage, serviceSortable } from './serviceModel';
import { ServiceOrderButton } from './ServiceOrderDialog';

const columns: RecordColumn[] = [
  { field: 'sort_order', headerName: 'Order', type: 'number', width: 105 },
  { field: 'name', headerName: 'Name', flex: 1.4, minWidth: 180 },
  {
    field: 'category',
    headerName: 'Category',
    width: 140,
    valueFormatter: (value: string) =>
      categoryOptions.find((o) => o.value === value)?.label ?? value,
  },
  {
    field: 'default_duration_minutes',
    headerName: 'Duration',
    type: 'number',
    width: 110,
    valueFormatter: (value: number) => `${value} min`,
  },
  {
    field: 'default_price',
    headerName: 'Price',
    type: 'number',
    width: 110,
    valueFormatter: (value: number) => formatMoney(value ?? 0),
  },
  { field: 'minimum_staff_count', headerName: 'Min. crew', type: 'number', width: 115 },
  {
    field: 'is_active',
    headerName: 'Active',
    width: 100,
    renderCell: ({ row }) =>
      row.is_active ? (
        <Chip size="small" color="success" label="Active" />
      ) : (
        <Chip size="small" label="Inactive" />
      ),
  },
];

export function ServicesListPage() {
  return (
    <RecordListPage
      area="services"
      title={servicePage.title}
      purpose={servicePage.purpose}
      nextStep={servicePage.nextStep}
      icon={<HandymanIcon />}
      idField="service_id"
      basePath="/services"
      noun={['service', 'services']}
      columns={columns}
      sortable={serviceSortable}
      defaultSort={{ field: 'sort_order', direction: 'asc' }}
      filters={[activeFilter, { key: 'category', label: 'Category', options: categoryOptions }]}
      searchPlaceholder="Name or description"
      toolbar={<ServiceOrderButton />}
    />
  );
}
