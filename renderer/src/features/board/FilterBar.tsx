// The crew, service and status filters of a day (the board's and the map's), each a multi-select,
// with a button that clears them. The choices are kept in the page's address (filters.ts).
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
import { isFiltered, type BoardFilters } from './filters';
import { memo } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

function MultiFilter({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: FilterOption[];
  value: string[];
  onChange: (value: string[]) => void;
  testId: string;
}) {
  const id = `${testId}-select`;
  return (
    <FormControl size="small" sx={{ width: 170 }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        multiple
        value={value}
        label={label}
        data-testid={testId}
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

/** Memoised: the board repaints on every move, its filters only when they or their options change. */
export const FilterBar = memo(function FilterBar({
  crews,
  services,
  statuses,
  filters,
  onChange,
  testIdPrefix,
}: {
  crews: FilterOption[];
  services: FilterOption[];
  statuses: FilterOption[];
  filters: BoardFilters;
  onChange: (f: BoardFilters) => void;
  /** Before each select's test id: 'filter-' on the board, 'map-filter-' on the map. */
  testIdPrefix: string;
}) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <MultiFilter
        label="Crew"
        options={crews}
        value={filters.crews}
        onChange={(crews) => onChange({ ...filters, crews })}
        testId={`${testIdPrefix}crew`}
      />
      <MultiFilter
        label="Service"
        options={services}
        value={filters.services}
        onChange={(services) => onChange({ ...filters, services })}
        testId={`${testIdPrefix}service`}
      />
      <MultiFilter
        label="Status"
        options={statuses}
        value={filters.statuses}
        onChange={(statuses) => onChange({ ...filters, statuses })}
        testId={`${testIdPrefix}status`}
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
});
