// The crew and equipment multi-selects the job forms share.
import { Autocomplete, Chip, TextField } from '@mui/material';
import { personLabel, ROLE_GROUPS, type EquipmentRecord, type StaffRecord } from './jobModel';

/**
 * The chosen records (looked up in `known`, which also has inactive ones) and the options: the
 * offered ones plus any chosen one no longer offered, so editing a job never drops it silently.
 */
function chosen<T>(offered: T[], known: T[], ids: string[], idOf: (item: T) => string) {
  const value = ids.flatMap((id) => known.filter((item) => idOf(item) === id));
  const extra = value.filter((v) => !offered.some((o) => idOf(o) === idOf(v)));
  return { value, options: [...offered, ...extra] };
}

export function CrewPicker({
  staff,
  known = staff,
  value,
  onChange,
  error,
  disabled,
  emptyText = 'Nobody yet: the job waits in the unassigned queue.',
}: {
  /** Active staff, crew leads first. */
  staff: StaffRecord[];
  /** Every staff record, to name people already on a job who are no longer active. */
  known?: StaffRecord[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  disabled?: boolean;
  emptyText?: string;
}) {
  const crew = chosen(staff, known, value, (p) => p.staff_id);
  return (
    <Autocomplete
      multiple
      options={crew.options}
      value={crew.value}
      onChange={(_, people) => onChange(people.map((p) => p.staff_id))}
      getOptionLabel={personLabel}
      isOptionEqualToValue={(a, b) => a.staff_id === b.staff_id}
      groupBy={(p) => ROLE_GROUPS[p.role]}
      disabled={disabled}
      renderValue={(people, getItemProps) =>
        people.map((p, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} label={personLabel(p)} size="small" {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Crew"
          error={Boolean(error)}
          helperText={error ?? (value.length === 0 ? emptyText : ' ')}
        />
      )}
    />
  );
}

export function EquipmentPicker({
  equipment,
  known = equipment,
  value,
  onChange,
  error,
  disabled,
}: {
  equipment: EquipmentRecord[];
  known?: EquipmentRecord[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const items = chosen(equipment, known, value, (e) => e.equipment_id);
  const label = (e: EquipmentRecord) =>
    e.status === 'active'
      ? e.name
      : `${e.name} (${e.status === 'maintenance' ? 'in the shop' : 'retired'})`;
  return (
    <Autocomplete
      multiple
      options={items.options}
      value={items.value}
      onChange={(_, items) => onChange(items.map((e) => e.equipment_id))}
      getOptionLabel={label}
      isOptionEqualToValue={(a, b) => a.equipment_id === b.equipment_id}
      disabled={disabled}
      renderValue={(picked, getItemProps) =>
        picked.map((e, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} label={label(e)} size="small" {...itemProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Equipment"
          error={Boolean(error)}
          helperText={error ?? (value.length === 0 ? 'None needed.' : ' ')}
        />
      )}
    />
  );
}
