// Settings → Map and routes: the tile server and its credit, and the road factor and average speed
// route optimization estimates driving with. Saved with the business's version, as records are.
import {
  Alert,
  Button,
  CircularProgress,
  InputAdornment,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../../shared/contract/result';
import {
  MAP_SETTINGS_DEFAULTS,
  mapSettingsOf,
  mapTileAttributionSchema,
  mapTileUrlSchema,
  routeAverageSpeedSchema,
  routeRoadFactorSchema,
  type MapSettings,
} from '../../../../shared/schemas/businesses';
import { useApi } from '../../api/context';
import { fieldErrors } from '../auth/fieldErrors';
import { BUSINESS_KEY } from './business';
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
  const api = useApi();
  const queryClient = useQueryClient();
  const stored = mapSettingsOf(business.config);
  // A new version of the business (this form's save, or someone else's) starts the form over.
  const key = `v${business.version}`;
  const [typed, setTyped] = useState(() => ({ key, values: typedOf(stored) }));
  if (typed.key !== key) setTyped({ key, values: typedOf(stored) });
  const values = typed.key === key ? typed.values : typedOf(stored);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const changed = FIELDS.filter((f) => valueOf(f, values[f.name]) !== stored[f.name]);

  const set = (spec: FieldSpec, raw: string) => {
    setTyped({ key, values: { ...values, [spec.name]: raw } });
    setSaved(false);
    // An error already shown follows the typing, so it goes away once the value is right.
    if (errors[spec.name]) setErrors({ ...errors, [spec.name]: problemOf(spec, raw) ?? undefined });
  };

  const save = useMutation({
    mutationFn: () =>
      api.business.update({
        version: business.version,
        changes: {
          config: Object.fromEntries(changed.map((f) => [f.name, valueOf(f, values[f.name])])),
        },
      }),
    onMutate: () => {
      setConflict(null);
      setSaved(false);
    },
    onSuccess: async (next) => {
      queryClient.setQueryData(BUSINESS_KEY, next);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.kind === 'conflict') {
        setConflict(error.message);
        await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
        return;
      }
      const byPath = fieldErrors(error);
      const byField: Partial<Record<Field, string>> = {};
      for (const f of FIELDS) {
        // The channel's check names `changes.config.<field>`; the stored document's, `config.<field>`.
        const message = byPath[`changes.config.${f.name}`] ?? byPath[`config.${f.name}`];
        if (message) byField[f.name] = message;
      }
      setErrors(byField);
    },
  });

  const submit = () => {
    const problems: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) {
      const problem = problemOf(f, values[f.name]);
      if (problem) problems[f.name] = problem;
    }
    setErrors(problems);
    if (Object.keys(problems).length === 0 && changed.length > 0) save.mutate();
  };

  const formError =
    save.error && !conflict && !Object.values(errors).some(Boolean) ? save.error.message : null;

  return (
    <Stack
      component="form"
      noValidate
      aria-label="Map and routes settings"
      spacing={2}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {conflict && (
        <Alert severity="warning" data-testid="conflict">
          {conflict}
        </Alert>
      )}
      {FIELDS.map((f) => (
        <TextField
          key={f.name}
          name={f.name}
          label={f.label}
          value={values[f.name]}
          onChange={(e) => set(f, e.target.value)}
          onBlur={() => {
            if (canEdit)
              setErrors({ ...errors, [f.name]: problemOf(f, values[f.name]) ?? undefined });
          }}
          error={Boolean(errors[f.name])}
          helperText={errors[f.name] ?? f.helper}
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
      {formError && <Alert severity="error">{formError}</Alert>}
      {canEdit && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button
            type="submit"
            variant="contained"
            disabled={save.isPending || changed.length === 0}
            startIcon={save.isPending ? <CircularProgress size={16} /> : undefined}
          >
            Save
          </Button>
          <Button
            onClick={() => {
              setTyped({ key, values: typedOf(MAP_SETTINGS_DEFAULTS) });
              setErrors({});
              setSaved(false);
            }}
          >
            Reset to defaults
          </Button>
          <Typography variant="body2" color="text.secondary" role="status">
            {saved
              ? 'Saved. Maps and new route proposals use these settings.'
              : changed.length > 0
                ? 'Unsaved changes.'
                : ''}
          </Typography>
        </Stack>
      )}
    </Stack>
  );
}
