// Settings → Weather: the weather watch on or off, where forecasts come from (and the keyed
// providers' API keys, kept in the OS keychain), how far ahead and against which limits jobs are
// checked, and the services the weather never stops. Whether a job may move within its own day is
// under Scheduling.
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  CircularProgress,
  FormControl,
  FormLabel,
  InputAdornment,
  Link,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { weatherChannels } from '../../../../shared/contract/channels/weather';
import type { BusinessConfig } from '../../../../shared/schemas/businesses';
import { useApi } from '../../api/context';
import { fieldErrors } from '../auth/fieldErrors';
import { weatherKeysKey, weatherPlanKey } from '../weather/queryKeys';
import { useDirtyForm } from './form/dirty';
import { ChoiceGroup, SwitchField, type Choice } from './form/fields';
import { SettingsForm } from './form/SettingsForm';
import { useFormEdits } from './form/useFormEdits';
import { useSettingsSave, type ConfigChanges } from './form/useSettingsSave';
import { numberOf, sameIds } from './form/values';
import type { SettingsSectionProps } from './SettingsPage';

type Provider = BusinessConfig['weather_api_provider'];
type KeyedProvider = Exclude<Provider, 'open_meteo'>;

const PROVIDERS: Choice<Provider>[] = [
  { value: 'open_meteo', label: 'Open-Meteo', note: 'No key needed.' },
  {
    value: 'openweathermap',
    label: 'OpenWeatherMap',
    note: 'Needs an API key from openweathermap.org.',
  },
  { value: 'weatherapi', label: 'WeatherAPI.com', note: 'Needs an API key from weatherapi.com.' },
];
const providerName = (p: Provider) => PROVIDERS.find((x) => x.value === p)?.label ?? p;
const isKeyed = (p: Provider): p is KeyedProvider => p !== 'open_meteo';

/** The same check weather.setKey makes, so a bad key is refused on its field before it is sent. */
const apiKeySchema = weatherChannels['weather.setKey'].input.shape.key;

const NUMBER_FIELDS = [
  'reschedule_window_hours',
  'rain_percent',
  'temp_min_fahrenheit',
  'temp_max_fahrenheit',
  'wind_speed_mph',
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];

/** What the inputs hold: numbers as typed. */
interface Typed extends Record<NumberField, string> {
  weather_enabled: boolean;
  weather_api_provider: Provider;
  weather_exempt_service_ids: string[];
}

type Field = NumberField | 'weather_exempt_service_ids';

/** Where the core reports a refused value, under `changes.config.` (or `config.` for the stored document). */
const SERVER_PATHS: Record<Field, string | string[]> = {
  reschedule_window_hours: 'config.reschedule_window_hours',
  rain_percent: 'config.weather_thresholds.rain_percent',
  temp_min_fahrenheit: 'config.weather_thresholds.temp_min_fahrenheit',
  // The thresholds' own check (maximum above minimum) may be reported on the group.
  temp_max_fahrenheit: [
    'config.weather_thresholds.temp_max_fahrenheit',
    'config.weather_thresholds',
  ],
  wind_speed_mph: 'config.weather_thresholds.wind_speed_mph',
  weather_exempt_service_ids: 'config.weather_exempt_service_ids',
};

const THRESHOLDS: { name: NumberField; label: string; unit: string; helper: string }[] = [
  { name: 'rain_percent', label: 'Rain chance', unit: '%', helper: 'At or above (0–100).' },
  {
    name: 'temp_min_fahrenheit',
    label: 'Minimum temperature',
    unit: '°F',
    helper: 'At or below, e.g. 32 for frost.',
  },
  {
    name: 'temp_max_fahrenheit',
    label: 'Maximum temperature',
    unit: '°F',
    helper: 'At or above; higher than the minimum.',
  },
  { name: 'wind_speed_mph', label: 'Wind speed', unit: 'mph', helper: 'At or above.' },
];

const typedOf = (config: BusinessConfig): Typed => ({
  weather_enabled: config.weather_enabled,
  weather_api_provider: config.weather_api_provider,
  reschedule_window_hours: String(config.reschedule_window_hours),
  rain_percent: String(config.weather_thresholds.rain_percent),
  temp_min_fahrenheit: String(config.weather_thresholds.temp_min_fahrenheit),
  temp_max_fahrenheit: String(config.weather_thresholds.temp_max_fahrenheit),
  wind_speed_mph: String(config.weather_thresholds.wind_speed_mph),
  weather_exempt_service_ids: config.weather_exempt_service_ids,
});

/** Each field's problem, with the limits of the business config's schema. */
function problemsOf(values: Typed): Partial<Record<NumberField, string>> {
  const problems: Partial<Record<NumberField, string>> = {};
  const hours = numberOf(values.reschedule_window_hours);
  if (hours === null || !Number.isInteger(hours) || hours < 1 || hours > 336) {
    problems.reschedule_window_hours = 'Enter a whole number of hours from 1 to 336 (two weeks).';
  }
  const rain = numberOf(values.rain_percent);
  if (rain === null || rain < 0 || rain > 100) {
    problems.rain_percent = 'Enter a rain chance from 0 to 100%.';
  }
  const min = numberOf(values.temp_min_fahrenheit);
  if (min === null) {
    problems.temp_min_fahrenheit = 'Enter the minimum temperature in °F, e.g. 32.';
  }
  const max = numberOf(values.temp_max_fahrenheit);
  if (max === null) {
    problems.temp_max_fahrenheit = 'Enter the maximum temperature in °F, e.g. 105.';
  } else if (min !== null && max <= min) {
    problems.temp_max_fahrenheit = `The maximum must be above the minimum (${min}°F).`;
  }
  const wind = numberOf(values.wind_speed_mph);
  if (wind === null || wind < 0) {
    problems.wind_speed_mph = 'Enter a wind speed of 0 mph or more.';
  }
  return problems;
}

/** Only the settings that differ from the stored ones; the thresholds go whole, as the core wants them. */
function changesOf(values: Typed, stored: BusinessConfig): ConfigChanges {
  const changes: ConfigChanges = {};
  if (values.weather_enabled !== stored.weather_enabled) {
    changes.weather_enabled = values.weather_enabled;
  }
  if (values.weather_api_provider !== stored.weather_api_provider) {
    changes.weather_api_provider = values.weather_api_provider;
  }
  const hours = numberOf(values.reschedule_window_hours);
  if (hours !== stored.reschedule_window_hours) {
    changes.reschedule_window_hours = hours ?? Number.NaN;
  }
  const thresholds = {
    rain_percent: numberOf(values.rain_percent) ?? Number.NaN,
    temp_min_fahrenheit: numberOf(values.temp_min_fahrenheit) ?? Number.NaN,
    temp_max_fahrenheit: numberOf(values.temp_max_fahrenheit) ?? Number.NaN,
    wind_speed_mph: numberOf(values.wind_speed_mph) ?? Number.NaN,
  };
  const storedThresholds = stored.weather_thresholds;
  if (
    (Object.keys(thresholds) as (keyof typeof thresholds)[]).some(
      (k) => thresholds[k] !== storedThresholds[k],
    )
  ) {
    changes.weather_thresholds = thresholds;
  }
  if (!sameIds(values.weather_exempt_service_ids, stored.weather_exempt_service_ids)) {
    changes.weather_exempt_service_ids = values.weather_exempt_service_ids;
  }
  return changes;
}

const SERVICES_INPUT = { limit: 500 } as const;

interface ServiceOption {
  id: string;
  name: string;
}

/** The services to choose from: the active ones, and any chosen one that is no longer offered. */
function useServiceOptions(chosen: string[]) {
  const api = useApi();
  // The same cache entry as the job forms' lookups.
  const services = useQuery({
    queryKey: ['services.list', SERVICES_INPUT],
    queryFn: () => api.services.list(SERVICES_INPUT),
  });
  const all = services.data?.items ?? [];
  const options: ServiceOption[] = all
    .filter((s) => s.is_active)
    .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name))
    .map((s) => ({ id: s.service_id, name: s.name }));
  for (const id of chosen) {
    if (options.some((o) => o.id === id)) continue;
    const known = all.find((s) => s.service_id === id);
    options.push({
      id,
      name: known
        ? `${known.name} (no longer offered)`
        : services.data
          ? 'A removed service'
          : 'Loading…',
    });
  }
  return { options, query: services };
}

/** The API key of a keyed provider: whether one is stored, and storing or removing it. */
function ApiKeyField({ provider }: { provider: KeyedProvider }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const keys = useQuery({ queryKey: weatherKeysKey, queryFn: () => api.weather.keys() });
  // A key typed and not stored is lost on leaving: the page warns.
  useDirtyForm(key.trim() !== '');
  const store = useMutation({
    mutationFn: (next: string | null) => api.weather.setKey({ provider, key: next }),
    onMutate: () => setDone(null),
    onSuccess: async (result, next) => {
      queryClient.setQueryData(weatherKeysKey, result);
      setKey('');
      setDone(
        next === null
          ? `The ${providerName(provider)} key is removed.`
          : `The ${providerName(provider)} key is stored in this computer's keychain.`,
      );
      // Whether forecasts fall back to Open-Meteo depends on the key.
      await queryClient.invalidateQueries({ queryKey: weatherPlanKey });
    },
    onError: (error) => setProblem(fieldErrors(error).key ?? null),
  });

  const name = providerName(provider);
  if (keys.isPending) {
    return (
      <Typography variant="body2" color="text.secondary">
        Checking the keychain for a {name} key…
      </Typography>
    );
  }
  if (keys.isError) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void keys.refetch()}>
            Try again
          </Button>
        }
      >
        Could not tell whether a {name} key is stored: {keys.error.message}
      </Alert>
    );
  }
  if (!keys.data.keychain_available) {
    return (
      <Alert severity="warning" data-testid="weather-keychain-unavailable">
        This computer has no keychain the app can use, so the {name} key cannot be stored here.
        Until it can, forecasts come from Open-Meteo, which needs no key.
      </Alert>
    );
  }
  const stored = keys.data[provider];
  const submit = () => {
    const checked = apiKeySchema.safeParse(key);
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? 'That is not an API key.');
      return;
    }
    store.mutate(checked.data);
  };
  const formError = store.error && !fieldErrors(store.error).key ? store.error.message : null;

  return (
    <Box
      sx={{ pl: 2, borderLeft: 2, borderColor: 'divider' }}
      data-testid="weather-key"
      data-provider={provider}
    >
      <Typography variant="body2" role="status" data-testid="weather-key-state" sx={{ mb: 1 }}>
        {stored
          ? `A ${name} key is saved in this computer's keychain. It is never shown; enter a new one to replace it.`
          : `No ${name} key is stored yet: until one is, forecasts come from Open-Meteo.`}
      </Typography>
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
      >
        <TextField
          id={inputId}
          label={`${name} API key`}
          type="password"
          size="small"
          value={key}
          onChange={(e) => {
            setKey(e.target.value);
            setProblem(null);
            setDone(null);
          }}
          onKeyDown={(e) => {
            // The key is not part of the settings form: Enter stores the key, not the settings.
            if (e.key === 'Enter') {
              e.preventDefault();
              if (key.trim()) submit();
            }
          }}
          error={Boolean(problem)}
          helperText={problem ?? 'Stored in the OS keychain, never in the database.'}
          autoComplete="new-password"
          slotProps={{ htmlInput: { spellCheck: false } }}
          sx={{ minWidth: 320 }}
        />
        <Button
          variant="outlined"
          disabled={store.isPending || key.trim() === ''}
          onClick={submit}
          sx={{ mt: 0.25 }}
        >
          {stored ? 'Replace key' : 'Store key'}
        </Button>
        {stored && (
          <Button
            color="error"
            disabled={store.isPending}
            onClick={() => store.mutate(null)}
            sx={{ mt: 0.25 }}
          >
            Remove key
          </Button>
        )}
        {store.isPending && <CircularProgress size={20} sx={{ mt: 1 }} aria-label="Storing" />}
      </Stack>
      {formError && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {formError}
        </Alert>
      )}
      {done && (
        <Typography variant="body2" color="text.secondary" role="status" sx={{ mt: 1 }}>
          {done}
        </Typography>
      )}
    </Box>
  );
}

export function WeatherSettings({ business, canEdit }: SettingsSectionProps) {
  const stored = business.config;
  const edits = useFormEdits<Typed, NumberField>(typedOf(stored));
  const { values, touched, clear } = edits;
  const saver = useSettingsSave(business, SERVER_PATHS, clear);
  const services = useServiceOptions(values.weather_exempt_service_ids);

  const problems = problemsOf(values);
  const errorOf = (field: Field): string | undefined =>
    saver.serverErrors[field] ??
    (field !== 'weather_exempt_service_ids' && touched.has(field) ? problems[field] : undefined);
  const changes = changesOf(values, stored);
  const changed = Object.keys(changes).length > 0;

  const set = <K extends keyof Typed>(field: K, value: Typed[K]) => {
    edits.set(field, value);
    if (field in SERVER_PATHS) saver.edited(field as Field);
    else saver.edited();
  };
  const touch = (field: NumberField) => {
    if (canEdit) edits.touch(field);
  };

  const submit = () => {
    edits.touch(...NUMBER_FIELDS);
    if (Object.keys(problems).length === 0 && changed) saver.save.mutate({ config: changes });
  };

  const numberField = (
    name: NumberField,
    label: string,
    unit: string,
    helper: string,
    width = 200,
  ) => (
    <TextField
      key={name}
      name={name}
      label={label}
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      onBlur={() => touch(name)}
      error={Boolean(errorOf(name))}
      helperText={errorOf(name) ?? helper}
      disabled={!canEdit}
      sx={{ width }}
      slotProps={{
        htmlInput: { inputMode: 'decimal' },
        input: { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> },
      }}
    />
  );

  return (
    <SettingsForm
      label="Weather settings"
      canEdit={canEdit}
      saver={saver}
      dirty={changed}
      submitLabel="Apply weather settings"
      savedText="Saved. The next forecast check uses these settings."
      onSubmit={submit}
      onCancel={() => {
        clear();
        saver.reset();
      }}
    >
      <SwitchField
        name="weather_enabled"
        label="Watch the forecast for upcoming jobs"
        helper="Jobs the forecast puts at risk show on the Weather plan with a new slot to approve."
        checked={values.weather_enabled}
        onChange={(checked) => set('weather_enabled', checked)}
        disabled={!canEdit}
      />

      <ChoiceGroup
        name="weather_api_provider"
        label="Where forecasts come from"
        choices={PROVIDERS}
        value={values.weather_api_provider}
        onChange={(provider) => set('weather_api_provider', provider)}
        disabled={!canEdit}
      />
      {canEdit && isKeyed(values.weather_api_provider) && (
        // One field per provider: what was typed for one is not offered to the other.
        <ApiKeyField key={values.weather_api_provider} provider={values.weather_api_provider} />
      )}

      {numberField(
        'reschedule_window_hours',
        'Look ahead',
        'hours',
        'How far ahead jobs are checked: 1 to 336 hours (two weeks).',
        260,
      )}

      <FormControl component="fieldset" disabled={!canEdit}>
        <FormLabel component="legend" sx={{ mb: 1.5 }}>
          A job is at risk when its forecast reaches
        </FormLabel>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {THRESHOLDS.map((t) => numberField(t.name, t.label, t.unit, t.helper))}
        </Stack>
      </FormControl>

      <Autocomplete
        multiple
        options={services.options}
        value={services.options.filter((o) => values.weather_exempt_service_ids.includes(o.id))}
        onChange={(_, chosen) =>
          set(
            'weather_exempt_service_ids',
            chosen.map((o) => o.id),
          )
        }
        getOptionLabel={(o) => o.name}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        disabled={!canEdit}
        loading={services.query.isPending}
        renderValue={(chosen, getItemProps) =>
          chosen.map((o, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            return <Chip key={key} label={o.name} size="small" {...itemProps} />;
          })
        }
        renderInput={(params) => (
          <TextField
            {...params}
            label="Services the weather never stops"
            error={Boolean(errorOf('weather_exempt_service_ids') ?? services.query.error)}
            helperText={
              errorOf('weather_exempt_service_ids') ??
              (services.query.error
                ? `The services could not be loaded: ${services.query.error.message}`
                : 'Indoor work, such as HVAC, plumbing or cleaning: these jobs are never flagged.')
            }
          />
        )}
      />

      <Typography variant="body2" color="text.secondary">
        {stored.allow_same_day_reschedule
          ? 'A job at risk may be offered a later time the same day.'
          : 'A job at risk is offered slots on later days only.'}{' '}
        <Link component={RouterLink} to="/settings?section=scheduling">
          Change this under Scheduling
        </Link>
        .
      </Typography>
    </SettingsForm>
  );
}
