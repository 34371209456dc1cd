// The crew, service and status filters of a day (the board's and the map's), each a multi-select,
// with a button that clears them. The choices are kept in the page's address (filters.ts).
import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import FilterAltOffIcon from '@mui/icons-material/FilterAltOff';
import {
  Button,
  Checkbox,
  IconButton,
  ListItemText,
  Menu,
  MenuItem,
  Stack,
  Tooltip,
} from '@mui/material';
import { isFiltered, type BoardFilters } from './filters';
import { memo, useId, useState } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

const NOWRAP = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
const BUTTON_SX = {
  width: 170,
  justifyContent: 'space-between',
  textTransform: 'none',
  color: 'text.primary',
  borderColor: 'divider',
  fontWeight: 400,
} as const;

/**
 * One multi-select filter: a button saying what is chosen, opening a list of checkboxes. The list
 * (a listbox of options, as MUI's Select draws it) is built only while open: the board draws these
 * filters with its day, and three Selects' input machinery was a good part of that first render.
 */
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
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const listId = useId();
  const chosen =
    value.length === 0
      ? 'All'
      : value.length === 1
        ? (options.find((o) => o.value === value[0])?.label ?? '1 selected')
        : `${value.length} selected`;
  const toggle = (option: string) =>
    onChange(value.includes(option) ? value.filter((v) => v !== option) : [...value, option]);
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        data-testid={testId}
        aria-haspopup="listbox"
        aria-expanded={anchor !== null}
        aria-controls={anchor ? listId : undefined}
        aria-label={`${label}: ${chosen}`}
        endIcon={<ArrowDropDownIcon />}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={BUTTON_SX}
      >
        <span style={NOWRAP}>
          {label}
          {value.length > 0 && `: ${chosen}`}
        </span>
      </Button>
      {anchor && (
        <Menu
          open
          anchorEl={anchor}
          onClose={() => setAnchor(null)}
          slotProps={{
            list: {
              id: listId,
              role: 'listbox',
              'aria-label': label,
              'aria-multiselectable': true,
              dense: true,
            },
          }}
        >
          {options.map((o) => {
            const selected = value.includes(o.value);
            return (
              <MenuItem
                key={o.value}
                role="option"
                aria-selected={selected}
                dense
                onClick={() => toggle(o.value)}
              >
                <Checkbox
                  size="small"
                  checked={selected}
                  tabIndex={-1}
                  sx={{ py: 0 }}
                  slotProps={{ input: { 'aria-hidden': true } }}
                />
                <ListItemText primary={o.label} />
              </MenuItem>
            );
          })}
        </Menu>
      )}
    </>
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
