// The new-job form, also used to edit a job: client, service (which fills duration, price and
// equipment), day and times, crew, equipment, price, notes, and for a new job how it repeats.
// The core's scheduling rules have the last word; what they say shows above the buttons and
// nothing typed is lost.
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  FormControl,
  FormControlLabel,
  FormLabel,
  InputAdornment,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isDateKey, minutesOf } from '../../../../shared/time';
import type { Input } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import { ClientPicker } from './ClientPicker';
import {
  addMinutes,
  changesOf,
  checkForm,
  customPriceOf,
  discountOf,
  formatMoney,
  isTime,
  readError,
  REPEAT_LABELS,
  seriesPlan,
  seriesPreview,
  totalOf,
  type ClientChoice,
  type FieldErrors,
  type FormField,
  type Job,
  type JobFormValues,
  type Refusal,
  type RepeatChoice,
} from './jobModel';
import { CrewPicker, EquipmentPicker } from './Pickers';
import { RuleRefusal } from './RuleRefusal';
import { useLookups, type Lookups } from './useJobData';

const FIELD_LABELS: Record<FormField, string> = {
  client: 'Client',
  service_id: 'Service',
  date: 'Day',
  start: 'Start',
  end: 'End',
  staff_ids: 'Crew',
  equipment_ids: 'Equipment',
  notes: 'Notes',
  custom_price: 'Custom price',
  discount: 'Discount',
  repeat: 'Repeat',
  repeat_end: 'Ends',
  repeat_count: 'Visits',
  repeat_until: 'Last date',
};

const timeInput = { inputLabel: { shrink: true }, htmlInput: { step: 900 } } as const;
const dateInput = { inputLabel: { shrink: true } } as const;

export type JobFormTarget =
  { mode: 'new'; values: JobFormValues } | { mode: 'edit'; job: Job; values: JobFormValues };

export function JobFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: JobFormTarget;
  onClose: () => void;
  /** After a save: a short sentence for the snackbar, and the first job written. */
  onSaved: (message: string, job: Job | undefined) => void;
}) {
  const titleId = useId();
  const lookups = useLookups();
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md">
      <DialogTitle id={titleId}>{target.mode === 'new' ? 'New job' : 'Edit job'}</DialogTitle>
      {lookups.data ? (
        <JobForm target={target} lookups={lookups.data} onClose={onClose} onSaved={onSaved} />
      ) : (
        <DialogContent>
          {lookups.error ? (
            <Alert
              severity="error"
              action={
                <Button color="inherit" onClick={lookups.retry}>
                  Try again
                </Button>
              }
            >
              Services, staff and equipment could not be loaded: {lookups.error.message}
            </Alert>
          ) : (
            <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }}>
              <CircularProgress aria-label="Loading services, staff and equipment" />
            </Box>
          )}
        </DialogContent>
      )}
    </Dialog>
  );
}

function JobForm({
  target,
  lookups,
  onClose,
  onSaved,
}: {
  target: JobFormTarget;
  lookups: Lookups;
  onClose: () => void;
  onSaved: (message: string, job: Job | undefined) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const ids = useId();
  const job = target.mode === 'edit' ? target.job : null;
  const [values, setValues] = useState<JobFormValues>(target.values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [scope, setScope] = useState<'one' | 'following'>('one');
  // What the core said sits below the fields: bring it into view when it changes.
  const verdict = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal || problem) verdict.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal, problem]);

  const set = <K extends FormField>(field: K, value: JobFormValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const service = lookups.services.find((s) => s.service_id === values.service_id);
  // An edited job keeps the price it was booked at until its service changes.
  const servicePrice =
    job && job.service_id === values.service_id ? job.service_price : (service?.default_price ?? 0);
  const currency = job?.currency ?? service?.currency ?? 'USD';
  const total = totalOf(servicePrice, customPriceOf(values), discountOf(values));
  const serviceOptions =
    job && !lookups.activeServices.some((s) => s.service_id === job.service_id)
      ? [
          ...lookups.activeServices,
          ...lookups.services.filter((s) => s.service_id === job.service_id),
        ]
      : lookups.activeServices;

  const chooseService = (serviceId: string) => {
    const chosen = lookups.services.find((s) => s.service_id === serviceId);
    setValues((v) => ({
      ...v,
      service_id: serviceId,
      ...(chosen && isTime(v.start)
        ? { end: addMinutes(v.start, chosen.default_duration_minutes) }
        : {}),
      ...(chosen ? { equipment_ids: [...chosen.requires_equipment_ids] } : {}),
    }));
    setErrors(({ service_id: _s, end: _e, equipment_ids: _q, ...rest }) => rest);
  };

  const changeStart = (start: string) => {
    setValues((v) => {
      // Moving the start keeps the job's length.
      const length =
        isTime(v.start) && isTime(v.end) ? minutesOf(v.end) - minutesOf(v.start) : null;
      return {
        ...v,
        start,
        ...(isTime(start) && length !== null && length > 0
          ? { end: addMinutes(start, length) }
          : {}),
      };
    });
    setErrors(({ start: _s, end: _e, ...rest }) => rest);
  };

  const frequency = target.mode === 'new' && values.repeat !== 'none' ? values.repeat : null;
  const plan =
    frequency && isDateKey(values.date)
      ? seriesPlan(
          values.date,
          frequency,
          values.repeat_end,
          values.repeat_count,
          values.repeat_until,
        )
      : null;

  const send = async (overrideWarnings: boolean) => {
    const found = checkForm(values, target.mode === 'new');
    setErrors(found);
    const wrong = Object.keys(found) as FormField[];
    if (wrong.length > 0) {
      setProblem(`Check ${wrong.map((f) => FIELD_LABELS[f]).join(', ')}.`);
      return;
    }
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    try {
      let message: string;
      let first: Job | undefined;
      if (target.mode === 'new') {
        const input: Input<'jobs.create'> = {
          client_id: values.client?.client_id ?? '',
          service_id: values.service_id,
          scheduled_date: values.date,
          start: values.start,
          end: values.end,
          staff_ids: values.staff_ids,
          equipment_ids: values.equipment_ids,
          override_warnings: overrideWarnings,
        };
        if (values.notes.trim()) input.notes = values.notes.trim();
        const custom = customPriceOf(values);
        if (custom !== null) input.custom_price = custom;
        if (discountOf(values) > 0) input.discount = discountOf(values);
        if (values.repeat !== 'none') {
          input.repeat =
            values.repeat_end === 'count'
              ? { frequency: values.repeat, count: Number(values.repeat_count) }
              : { frequency: values.repeat, until: values.repeat_until };
        }
        const result = await api.jobs.create(input);
        first = result.appointments[0];
        const n = result.appointments.length;
        const where = values.staff_ids.length ? '' : ' in the unassigned queue';
        message = n > 1 ? `${n} visits created${where}.` : `Job created${where}.`;
      } else {
        const edited = target.job;
        const changes = changesOf(edited, values);
        if (Object.keys(changes).length === 0) {
          onSaved('Nothing changed.', edited);
          return;
        }
        const result = await api.jobs.update({
          appointment_id: edited.appointment_id,
          version: edited.version,
          scope: edited.series_id ? scope : 'one',
          changes,
          override_warnings: overrideWarnings,
        });
        first = result.appointments.find((a) => a.appointment_id === edited.appointment_id);
        const n = result.appointments.length;
        message = n > 1 ? `${n} jobs of the series changed.` : 'Job saved.';
      }
      void queryClient.invalidateQueries();
      onSaved(message, first);
    } catch (error) {
      const read = readError(error);
      setErrors(read.fields as FieldErrors);
      setRefusal(read.refusal);
      setProblem(read.message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) void send(false);
  };
  // Ctrl+Enter sends from the notes too, where Enter starts a new line.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!busy) void send(false);
    }
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="job-form">
      <DialogContent dividers>
        <Stack spacing={2.5}>
          <ClientPicker
            value={values.client}
            onChange={(client: ClientChoice | null) => set('client', client)}
            error={errors.client}
            autoFocus
          />
          <TextField
            select
            label="Service"
            required
            value={values.service_id}
            onChange={(e) => chooseService(e.target.value)}
            error={Boolean(errors.service_id)}
            helperText={
              errors.service_id ??
              (service
                ? `${service.default_duration_minutes} min · ${formatMoney(service.default_price, service.currency)}`
                : lookups.activeServices.length === 0
                  ? 'No active services: add one under Services first.'
                  : 'Fills the length, price and equipment.')
            }
            slotProps={{
              select: {
                renderValue: (id) => lookups.services.find((s) => s.service_id === id)?.name ?? '',
              },
            }}
            data-testid="service-select"
          >
            {serviceOptions.map((s) => (
              <MenuItem key={s.service_id} value={s.service_id}>
                {s.name} — {s.default_duration_minutes} min,{' '}
                {formatMoney(s.default_price, s.currency)}
                {s.is_active ? '' : ' (no longer offered)'}
              </MenuItem>
            ))}
          </TextField>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label="Day"
              type="date"
              required
              value={values.date}
              onChange={(e) => set('date', e.target.value)}
              error={Boolean(errors.date)}
              helperText={errors.date ?? ' '}
              slotProps={dateInput}
              sx={{ flex: 1 }}
            />
            <TextField
              label="Start"
              type="time"
              required
              value={values.start}
              onChange={(e) => changeStart(e.target.value)}
              error={Boolean(errors.start)}
              helperText={errors.start ?? ' '}
              slotProps={timeInput}
              sx={{ flex: 1 }}
            />
            <TextField
              label="End"
              type="time"
              required
              value={values.end}
              onChange={(e) => set('end', e.target.value)}
              error={Boolean(errors.end)}
              helperText={
                errors.end ??
                (isTime(values.start) &&
                isTime(values.end) &&
                minutesOf(values.end) > minutesOf(values.start)
                  ? `${minutesOf(values.end) - minutesOf(values.start)} min`
                  : ' ')
              }
              slotProps={timeInput}
              sx={{ flex: 1 }}
            />
          </Stack>
          <CrewPicker
            staff={lookups.activeStaff}
            known={lookups.staff}
            value={values.staff_ids}
            onChange={(staffIds) => set('staff_ids', staffIds)}
            error={errors.staff_ids}
          />
          <EquipmentPicker
            equipment={lookups.usableEquipment}
            known={lookups.equipment}
            value={values.equipment_ids}
            onChange={(equipmentIds) => set('equipment_ids', equipmentIds)}
            error={errors.equipment_ids}
          />
          <Divider />
          <Stack
            direction={{ xs: 'column', sm: 'row' }}
            spacing={2}
            sx={{ alignItems: { sm: 'flex-start' } }}
          >
            <Box sx={{ flex: 1, pt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                Service price
              </Typography>
              <Typography data-testid="service-price">
                {service || job ? formatMoney(servicePrice, currency) : '—'}
              </Typography>
            </Box>
            <TextField
              label="Custom price"
              value={values.custom_price}
              onChange={(e) => set('custom_price', e.target.value)}
              error={Boolean(errors.custom_price)}
              helperText={errors.custom_price ?? 'Replaces the service price.'}
              slotProps={{
                input: { startAdornment: <InputAdornment position="start">$</InputAdornment> },
                htmlInput: { inputMode: 'decimal' },
              }}
              sx={{ flex: 1 }}
            />
            <TextField
              label="Discount"
              value={values.discount}
              onChange={(e) => set('discount', e.target.value)}
              error={Boolean(errors.discount)}
              helperText={errors.discount ?? 'An amount off.'}
              slotProps={{
                input: { startAdornment: <InputAdornment position="start">$</InputAdornment> },
                htmlInput: { inputMode: 'decimal' },
              }}
              sx={{ flex: 1 }}
            />
            <Box sx={{ flex: 1, pt: 1 }}>
              <Typography variant="body2" color="text.secondary">
                Total
              </Typography>
              <Typography
                variant="h6"
                component="p"
                data-testid="job-total"
                aria-live="polite"
                aria-label={`Total ${formatMoney(total, currency)}`}
              >
                {formatMoney(total, currency)}
              </Typography>
            </Box>
          </Stack>
          {target.mode === 'new' && (
            <>
              <Divider />
              <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
                <TextField
                  select
                  label="Repeat"
                  value={values.repeat}
                  onChange={(e) => set('repeat', e.target.value as RepeatChoice)}
                  sx={{ minWidth: 200 }}
                  data-testid="repeat-select"
                >
                  {(Object.keys(REPEAT_LABELS) as RepeatChoice[]).map((r) => (
                    <MenuItem key={r} value={r}>
                      {REPEAT_LABELS[r]}
                    </MenuItem>
                  ))}
                </TextField>
                {values.repeat !== 'none' && (
                  <FormControl component="fieldset">
                    <FormLabel component="legend" id={`${ids}-ends`} sx={{ fontSize: 12 }}>
                      Ends
                    </FormLabel>
                    <RadioGroup
                      aria-labelledby={`${ids}-ends`}
                      value={values.repeat_end}
                      onChange={(e) => set('repeat_end', e.target.value as 'count' | 'until')}
                    >
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                        <FormControlLabel value="count" control={<Radio />} label="After" />
                        <TextField
                          size="small"
                          type="number"
                          label="Visits"
                          value={values.repeat_count}
                          onChange={(e) => {
                            set('repeat_count', e.target.value);
                            set('repeat_end', 'count');
                          }}
                          error={Boolean(errors.repeat_count)}
                          helperText={errors.repeat_count}
                          slotProps={{ htmlInput: { min: 2, max: 52 } }}
                          sx={{ width: 110 }}
                        />
                        <Typography variant="body2">times</Typography>
                      </Stack>
                      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mt: 1 }}>
                        <FormControlLabel value="until" control={<Radio />} label="On" />
                        <TextField
                          size="small"
                          type="date"
                          label="Last date"
                          value={values.repeat_until}
                          onChange={(e) => {
                            set('repeat_until', e.target.value);
                            set('repeat_end', 'until');
                          }}
                          error={Boolean(errors.repeat_until)}
                          helperText={errors.repeat_until}
                          slotProps={dateInput}
                        />
                      </Stack>
                    </RadioGroup>
                  </FormControl>
                )}
              </Stack>
              {plan && frequency && (
                <Typography
                  variant="body2"
                  data-testid="repeat-preview"
                  aria-live="polite"
                  color={plan.error ? 'error' : 'text.primary'}
                >
                  {plan.error ? plan.error.message : seriesPreview(plan.dates, frequency)}
                </Typography>
              )}
            </>
          )}
          <TextField
            label="Notes"
            multiline
            minRows={2}
            value={values.notes}
            onChange={(e) => set('notes', e.target.value)}
            error={Boolean(errors.notes)}
            helperText={errors.notes ?? 'Gate codes, pets, what the client asked for.'}
          />
          {job?.series_id && (
            <FormControl component="fieldset">
              <FormLabel component="legend" id={`${ids}-scope`}>
                This job repeats. Apply the changes to
              </FormLabel>
              <RadioGroup
                row
                aria-labelledby={`${ids}-scope`}
                value={scope}
                onChange={(e) => setScope(e.target.value as 'one' | 'following')}
                data-testid="edit-scope"
              >
                <FormControlLabel value="one" control={<Radio />} label="This job only" />
                <FormControlLabel
                  value="following"
                  control={<Radio />}
                  label="This and following jobs"
                />
              </RadioGroup>
            </FormControl>
          )}
          {(refusal || problem) && (
            <Stack spacing={2} ref={verdict}>
              {refusal && (
                <RuleRefusal
                  refusal={refusal}
                  anywayLabel={target.mode === 'new' ? 'Create anyway' : 'Save anyway'}
                  onAnyway={() => void send(true)}
                  busy={busy}
                />
              )}
              {problem && (
                <Alert severity="error" data-testid="job-form-error">
                  {problem}
                </Alert>
              )}
            </Stack>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          {target.mode === 'new' ? 'Create job' : 'Save changes'}
        </Button>
      </DialogActions>
    </form>
  );
}
