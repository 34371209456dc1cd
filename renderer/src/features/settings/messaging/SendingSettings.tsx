// Settings → Text messages → When and how fast: texts on or off, how long before a visit the
// reminder goes, the hours texts may go out in, and the pace the sender allows (business.update).
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  InputAdornment,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { SettingsSectionProps } from '../SettingsPage';
import { messagingSettingsOf, type MessagingSettings } from './settings';
import { useConfigSave, type ConfigChanges } from './useConfigSave';

type TypedField =
  'sms_before_appointment_hours' | 'sms_send_from' | 'sms_send_until' | 'sms_messages_per_second';

/** What the inputs hold: numbers and times as typed. */
interface Typed extends Record<TypedField, string> {
  /** Texts go out: the core needs both `sms_enabled` and `notifications_enabled` on. */
  texting: boolean;
}

const TEXT_FIELDS: TypedField[] = [
  'sms_before_appointment_hours',
  'sms_send_from',
  'sms_send_until',
  'sms_messages_per_second',
];
const SERVER_PATHS = Object.fromEntries(TEXT_FIELDS.map((f) => [f, f])) as Record<
  TypedField,
  string
>;

const typedOf = (settings: MessagingSettings): Typed => ({
  texting: settings.sms_enabled && settings.notifications_enabled,
  sms_before_appointment_hours: String(settings.sms_before_appointment_hours),
  sms_send_from: settings.sms_send_from,
  sms_send_until: settings.sms_send_until,
  sms_messages_per_second: String(settings.sms_messages_per_second),
});

const numberOf = (raw: string): number | null => {
  const text = raw.trim();
  const value = Number(text);
  return text === '' || !Number.isFinite(value) ? null : value;
};
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Each field's problem, with the limits of the business config's schema. */
function problemsOf(values: Typed): Partial<Record<TypedField, string>> {
  const problems: Partial<Record<TypedField, string>> = {};
  const hours = numberOf(values.sms_before_appointment_hours);
  if (hours === null || !Number.isInteger(hours) || hours < 0 || hours > 168) {
    problems.sms_before_appointment_hours = 'Enter a whole number of hours from 0 to 168 (a week).';
  }
  if (!TIME.test(values.sms_send_from)) {
    problems.sms_send_from = 'Enter a time such as 08:00.';
  }
  if (!TIME.test(values.sms_send_until)) {
    problems.sms_send_until = 'Enter a time such as 21:00.';
  }
  const pace = numberOf(values.sms_messages_per_second);
  if (pace === null || pace < 0.1 || pace > 100) {
    problems.sms_messages_per_second = 'Enter a pace from 0.1 to 100 texts a second.';
  }
  return problems;
}

/** What the hours mean as the core applies them (the same time twice: no quiet hours at all). */
function quietHoursNote(from: string, until: string, timeZone: string): string {
  const zone = `the business's time zone, ${timeZone}`;
  if (!TIME.test(from) || !TIME.test(until)) return `Times are in ${zone}.`;
  if (from === until) return `The same time twice: texts go out at any hour (${zone}).`;
  const overnight = from > until ? ' These hours run past midnight.' : '';
  return `A text due between ${until} and ${from} waits until ${from} (${zone}).${overnight} A test message is sent at once.`;
}

/** Only the settings that differ from the stored ones. */
function changesOf(values: Typed, stored: MessagingSettings): ConfigChanges {
  const changes: ConfigChanges = {};
  if (values.texting) {
    // Switching texts on turns on whichever of the two was off.
    if (!stored.sms_enabled) changes.sms_enabled = true;
    if (!stored.notifications_enabled) changes.notifications_enabled = true;
  } else if (stored.sms_enabled && stored.notifications_enabled) {
    changes.sms_enabled = false;
  }
  const hours = numberOf(values.sms_before_appointment_hours);
  if (hours !== stored.sms_before_appointment_hours) {
    changes.sms_before_appointment_hours = hours ?? Number.NaN;
  }
  if (values.sms_send_from !== stored.sms_send_from) changes.sms_send_from = values.sms_send_from;
  if (values.sms_send_until !== stored.sms_send_until)
    changes.sms_send_until = values.sms_send_until;
  const pace = numberOf(values.sms_messages_per_second);
  if (pace !== stored.sms_messages_per_second) changes.sms_messages_per_second = pace ?? Number.NaN;
  return changes;
}

export function SendingSettings({ business, canEdit }: SettingsSectionProps) {
  const stored = messagingSettingsOf(business.config);
  /** What was typed, over the stored settings: another section's save does not undo it. */
  const [edits, setEdits] = useState<Partial<Typed>>({});
  /** Fields whose problem shows: left once, or all after Apply. */
  const [touched, setTouched] = useState<ReadonlySet<TypedField>>(() => new Set());
  const { save, conflict, saved, serverErrors, edited, formError } = useConfigSave(
    business,
    SERVER_PATHS,
    () => {
      setEdits({});
      setTouched(new Set());
    },
  );

  const values: Typed = { ...typedOf(stored), ...edits };
  const problems = problemsOf(values);
  const changes = changesOf(values, stored);
  const changed = Object.keys(changes).length > 0;
  const errorOf = (field: TypedField) =>
    serverErrors[field] ?? (touched.has(field) ? problems[field] : undefined);

  const set = <K extends keyof Typed>(field: K, value: Typed[K]) => {
    setEdits({ ...edits, [field]: value });
    if (field !== 'texting') edited(field as TypedField);
  };
  const touch = (field: TypedField) => {
    if (canEdit && !touched.has(field)) setTouched(new Set([...touched, field]));
  };
  const submit = () => {
    setTouched(new Set(TEXT_FIELDS));
    if (Object.keys(problems).length === 0 && changed) save.mutate(changes);
  };

  const textField = (
    name: TypedField,
    label: string,
    props: { unit?: string; helper?: string; type?: string; width: number },
  ) => (
    <TextField
      name={name}
      label={label}
      type={props.type}
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      onBlur={() => touch(name)}
      error={Boolean(errorOf(name))}
      helperText={errorOf(name) ?? props.helper}
      disabled={!canEdit}
      size={props.type === 'time' ? 'small' : undefined}
      sx={{ width: props.width }}
      slotProps={{
        inputLabel: props.type === 'time' ? { shrink: true } : undefined,
        htmlInput: props.type === 'time' ? { step: 300 } : { inputMode: 'decimal' },
        input: props.unit
          ? { endAdornment: <InputAdornment position="end">{props.unit}</InputAdornment> }
          : undefined,
      }}
    />
  );

  return (
    <Stack
      component="form"
      noValidate
      aria-label="When and how fast texts are sent"
      data-testid="messaging-sending"
      spacing={2.5}
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
      <Box>
        <FormControlLabel
          control={
            <Switch
              name="sms_enabled"
              checked={values.texting}
              onChange={(e) => set('texting', e.target.checked)}
              disabled={!canEdit}
            />
          }
          label="Text clients"
        />
        <FormHelperText sx={{ mt: 0 }}>
          Confirmations, reminders and notices of changes go to clients who can get texts. When off,
          none are sent.
        </FormHelperText>
      </Box>

      {textField('sms_before_appointment_hours', 'Send the reminder', {
        unit: 'hours before the visit',
        helper:
          'From 0 to 168 (a week): 24 texts the client about a day ahead; 0 sends no reminders.',
        width: 360,
      })}

      <FormControl component="fieldset" disabled={!canEdit}>
        <FormLabel component="legend" sx={{ mb: 1.5 }}>
          Quiet hours
        </FormLabel>
        <Stack
          direction="row"
          spacing={1.5}
          useFlexGap
          sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
        >
          <Typography sx={{ pt: 1 }}>Texts are only sent between</Typography>
          {textField('sms_send_from', 'From', { type: 'time', width: 140 })}
          <Typography sx={{ pt: 1 }}>and</Typography>
          {textField('sms_send_until', 'Until', { type: 'time', width: 140 })}
          <Typography sx={{ pt: 1 }}>in the client&apos;s local time.</Typography>
        </Stack>
        <FormHelperText sx={{ mx: 0 }} data-testid="messaging-quiet-hours">
          {quietHoursNote(values.sms_send_from, values.sms_send_until, business.timezone)}
        </FormHelperText>
      </FormControl>

      {textField('sms_messages_per_second', 'Pace', {
        unit: 'texts a second',
        helper:
          'What the sender allows: 1 a second for a local (long code) number, 3 for a toll-free number, up to 100 for a short code.',
        width: 360,
      })}

      {formError && <Alert severity="error">{formError}</Alert>}
      {canEdit && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Button
            type="submit"
            variant="contained"
            disabled={save.isPending || !changed}
            startIcon={save.isPending ? <CircularProgress size={16} /> : undefined}
          >
            Apply sending settings
          </Button>
          <Typography variant="body2" color="text.secondary" role="status">
            {saved
              ? 'Saved. Texts waiting to go out follow these settings.'
              : changed
                ? 'Unsaved changes.'
                : ''}
          </Typography>
        </Stack>
      )}
    </Stack>
  );
}
