// The Map page's crew, service and status filters (kept in the address as the board's are).
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import {
  Checkbox,
  FormControl,
  IconButton,
  InputLabel,
  ListItemText,
  MenuItem,
  Select,
  Stack,
  Tooltip,
} from '@mui/material';
import { isFiltered, NO_CREW, type BoardFilters } from '../board/filters';
import { STATUS_LABELS } from '../calendar/palette';
import type { MapDay } from './mapData';

function MultiFilter({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  testId: string;
}) {
  const id = `map-filter-${testId}`;
  return (
    <FormControl size="small" sx={{ width: 170 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        multiple
        value={value}
        label={label}
        data-testid={`map-filter-${testId}`}
        onChange={(e) =>
          onChange(typeof e.target.value === 'string' ? [e.target.value] : e.target.value)
        }
        renderValue={(selected) =>
          selected.length === 1
            ? (options.find((o) => o.value === selected[0])?.label ?? '1 selected')
            : `${selected.length} selected`
        }
      >
        {options.map((o) => (
          <MenuItem key={o.value} value={o.value} dense>
            <Checkbox size="small" checked={value.includes(o.value)} sx={{ py: 0 }} />
            <ListItemText primary={o.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

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
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <MultiFilter
        label="Crew"
        options={crews}
        value={filters.crews}
        onChange={(crews) => onChange({ ...filters, crews })}
        testId="crew"
      />
      <MultiFilter
        label="Service"
        options={services}
        value={filters.services}
        onChange={(services) => onChange({ ...filters, services })}
        testId="service"
      />
      <MultiFilter
        label="Status"
        options={statuses}
        value={filters.statuses}
        onChange={(statuses) => onChange({ ...filters, statuses })}
        testId="status"
      />
      {isFiltered(filters) && (
        <Tooltip title="Show everything">
          <IconButton
            aria-label="Clear filters"
            onClick={() => onChange({ crews: [], services: [], statuses: [] })}
          >
            <FilterAltOffIcon />
          </IconButton>
        </Tooltip>
      )}
    </Stack>
  );
}
