// One service: duration, price, category, required equipment, crew size; and its history.
import { Box, Skeleton } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { useApi } from '../../api/context';
import { useLookups } from '../jobs/useJobData';
import { RecordDetailPage } from '../records/RecordDetailPage';
import { serviceDefaults, serviceFields } from './serviceModel';

export function ServiceDetailPage() {
  const api = useApi();
  const lookups = useLookups().data;
  // A new service belongs to the business's trade; it is not asked for on the form.
  const business = useQuery({ queryKey: ['business.get'], queryFn: () => api.business.get() });
  const fields = useMemo(
    () =>
      serviceFields(
        (lookups?.usableEquipment ?? []).map((e) => ({ value: e.equipment_id, label: e.name })),
      ),
    [lookups],
  );
  const refs = lookups?.names;
  const vertical = business.data?.vertical;
  const last = Math.max(0, ...(lookups?.services ?? []).map((s) => s.sort_order));
  // A new service starts at the business's usual job length (Settings → Scheduling).
  const usualMinutes = business.data?.config.default_service_duration_minutes;
  const defaults = useMemo(
    () => ({ ...serviceDefaults, default_duration_minutes: usualMinutes }),
    [usualMinutes],
  );
  const isNew = !useParams<{ id: string }>().id;
  if (isNew && business.isPending) {
    return (
      <Box sx={{ p: 3 }}>
        <Skeleton variant="text" width={280} height={40} />
        <Skeleton variant="rounded" height={320} />
      </Box>
    );
  }
  return (
    <RecordDetailPage
      area="services"
      idField="service_id"
      basePath="/services"
      noun={['service', 'services']}
      fields={fields}
      defaults={defaults}
      // New services go to the end of the list.
      createData={vertical && lookups ? () => ({ vertical, sort_order: last + 1 }) : null}
      titleOf={(s) => String(s.name)}
      refs={refs}
    />
  );
}
