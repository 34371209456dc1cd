// Settings → Map and routes: the tile server and its credit, and the road factor and average speed
// route optimization estimates driving with. Saved with the business's version, as records are.
import { InputAdornment, Button, TextField } from '@mui/material';
import type { z } from 'zod';
import {
  MAP_SETTINGS_DEFAULTS,
  mapSettingsOf,
  mapTileAttributionSchema,
  mapTileUrlSchema,
  routeAverageSpeedSchema,
  routeRoadFactorSchema,
  type MapSettings,
} from '../../../../shared/schemas/businesses';
import { SettingsForm } from './form/SettingsForm';
import { useFormEdits } from './form/useFormEdits';
import { useSettingsSave } from './form/useSettingsSave';
import type { SettingsSectionProps } from './SettingsPage';

type Field = keyof MapSettings;
/** What the inputs hold: text, as typed. */
type Typed = Record<Field, string>;

interface FieldSpec {
  name: Field;
  label: string;
  helper: string;
  schema: z.ZodType;
  numeric?: { unit?: string; step: number };
}

const FIELDS: FieldSpec[] = [
  {
    name: 'map_tile_url',
    label: 'Tile URL',
    helper: 'A tile server address with {z}, {x} and {y} in it, e.g. OpenStreetMap’s.',
    schema: mapTileUrlSchema,
  },
  {
    name: 'map_tile_attribution',
    label: 'Attribution',
    helper: 'The credit the tile server asks for, shown in the corner of every map.',
    schema: mapTileAttributionSchema,
  },
  {
    name: 'route_road_factor',
    label: 'Road factor',
    helper: 'Road distance per straight-line distance (1.0–3.0); 1.3 suits most suburbs.',
    schema: routeRoadFactorSchema,
    numeric: { step: 0.1, unit: '×' },
  },
  {
    name: 'route_average_speed_kmh',
    label: 'Average speed',
    helper: 'Average driving speed between stops, lights and turns included (5–130).',
    schema: routeAverageSpeedSchema,
    numeric: { step: 1, unit: 'km/h' },
  },
];

const SERVER_PATHS = Object.fromEntries(FIELDS.map((f) => [f.name, `config.${f.name}`])) as Record<
  Field,
  string
>;

const typedOf = (settings: MapSettings): Typed => ({
  map_tile_url: settings.map_tile_url,
  map_tile_attribution: settings.map_tile_attribution,
  route_road_factor: String(settings.route_road_factor),
  route_average_speed_kmh: String(settings.route_average_speed_kmh),
});

/** The typed value as the core stores it: numbers for the numeric fields ('' stays "nothing"). */
const valueOf = (spec: FieldSpec, raw: string): unknown => {
  const text = raw.trim();
  if (!spec.numeric) return text;
  return text === '' ? undefined : Number(text);
};

/** The field's own message for a bad value, from the same schema the core checks. */
const problemOf = (spec: FieldSpec, raw: string): string | null => {
  const result = spec.schema.safeParse(valueOf(spec, raw));
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
};

export function MapSettingsSection({ business, canEdit }: SettingsSectionProps) {
  const stored = mapSettingsOf(business.config);
  const { values, set, setAll, touched, touch, clear } = useFormEdits(typedOf(stored));
  const saver = useSettingsSave(business, SERVER_PATHS, clear);

  const changed = FIELDS.filter((f) => valueOf(f, values[f.name]) !== stored[f.name]);
  const errorOf = (spec: FieldSpec) =>
    saver.serverErrors[spec.name] ??
    (touched.has(spec.name) ? (problemOf(spec, values[spec.name]) ?? undefined) : undefined);

  const submit = () => {
    touch(...FIELDS.map((f) => f.name));
    if (FIELDS.some((f) => problemOf(f, values[f.name])) || changed.length === 0) return;
    saver.save.mutate({
      config: Object.fromEntries(changed.map((f) => [f.name, valueOf(f, values[f.name])])),
    });
  };

  return (
    <SettingsForm
      label="Map and routes settings"
      canEdit={canEdit}
      saver={saver}
      dirty={changed.length > 0}
      savedText="Saved. Maps and new route proposals use these settings."
      onSubmit={submit}
      onCancel={() => {
        clear();
        saver.reset();
      }}
      spacing={2}
      actions={
        <Button
          onClick={() => {
            setAll(typedOf(MAP_SETTINGS_DEFAULTS));
            saver.edited();
          }}
        >
          Reset to defaults
        </Button>
      }
    >
      {FIELDS.map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={f.label}
          value={values[f.name]}
          onChange={(e) => {
            set(f.name, e.target.value);
            saver.edited(f.name);
          }}
          onBlur={() => {
            if (canEdit) touch(f.name);
          }}
          error={Boolean(errorOf(f))}
          helperText={errorOf(f) ?? f.helper}
          disabled={!canEdit}
          fullWidth={!f.numeric}
          sx={f.numeric ? { maxWidth: 260 } : undefined}
          slotProps={{
            htmlInput: f.numeric ? { inputMode: 'decimal' } : { spellCheck: false },
            input: f.numeric?.unit
              ? {
                  endAdornment: <InputAdornment position="end">{f.numeric.unit}</InputAdornment>,
                }
              : undefined,
          }}
        />
      ))}
    </SettingsForm>
  );
}
