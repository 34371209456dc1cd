// The Map page's crew, service and status filters (kept in the address as the board's are).
import { FilterBar } from '../board/FilterBar';
import { NO_CREW, type BoardFilters } from '../board/filters';
import { STATUS_LABELS } from '../jobs/statusLabels';
import type { MapDay } from './mapData';

export function MapFilters({
  day,
  filters,
  onChange,
}: {
  day: MapDay;
  filters: BoardFilters;
  onChange: (f: BoardFilters) => void;
}) {
  const crews = [
    ...day.crews.map((c) => ({ value: c.lead_id, label: c.name })),
    { value: NO_CREW, label: 'Not on a route' },
  ];
  const services = day.services.map((s) => ({ value: s.service_id, label: s.name }));
  const statuses = Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }));
  return (
    <FilterBar
      crews={crews}
      services={services}
      statuses={statuses}
      filters={filters}
      onChange={onChange}
      testIdPrefix="map-filter-"
    />
  );
}
