// Settings → Text messages → When and how fast: texts on or off, how long before a visit the
// reminder goes, the hours texts may go out in, and the pace the sender allows (business.update).
import {
  FormControl,
  FormHelperText,
  FormLabel,
  InputAdornment,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import type { SettingsSectionProps } from '../SettingsPage';
import { SwitchField } from '../form/fields';
import { SettingsForm } from '../form/SettingsForm';
import { useFormEdits } from '../form/useFormEdits';
import { useSettingsSave, type ConfigChanges } from '../form/useSettingsSave';
import { TIME_OF_DAY_PATTERN as TIME } from '../../../../../shared/time';
import { numberOf } from '../form/values';
import { messagingSettingsOf, type MessagingSettings } from './settings';

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
const SERVER_PATHS = Object.fromEntries(TEXT_FIELDS.map((f) => [f, `config.${f}`])) as Record<
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
  const edits = useFormEdits<Typed, TypedField>(typedOf(stored));
  const { values, touched, clear } = edits;
  const saver = useSettingsSave(business, SERVER_PATHS, clear);
  const { serverErrors, edited } = saver;

  const problems = problemsOf(values);
  const changes = changesOf(values, stored);
  const changed = Object.keys(changes).length > 0;
  const errorOf = (field: TypedField) =>
    serverErrors[field] ?? (touched.has(field) ? problems[field] : undefined);

  const set = <K extends keyof Typed>(field: K, value: Typed[K]) => {
    edits.set(field, value);
    if (field !== 'texting') edited(field as TypedField);
    else edited();
  };
  const touch = (field: TypedField) => {
    if (canEdit) edits.touch(field);
  };
  const submit = () => {
    edits.touch(...TEXT_FIELDS);
    if (Object.keys(problems).length === 0 && changed) saver.save.mutate({ config: changes });
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
    <SettingsForm
      label="When and how fast texts are sent"
      testId="messaging-sending"
      canEdit={canEdit}
      saver={saver}
      dirty={changed}
      // Not "Save": the section holds other forms with buttons of their own.
      submitLabel="Apply sending settings"
      savedText="Saved. Texts waiting to go out follow these settings."
      onSubmit={submit}
      onCancel={() => {
        clear();
        saver.reset();
      }}
    >
      <SwitchField
        name="sms_enabled"
        label="Text clients"
        helper="Confirmations, reminders and notices of changes go to clients who can get texts. When off, none are sent."
        checked={values.texting}
        onChange={(checked) => set('texting', checked)}
        disabled={!canEdit}
      />

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
    </SettingsForm>
  );
}
