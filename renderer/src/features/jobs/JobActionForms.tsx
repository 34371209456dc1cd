// The job dialog's steps that change a job: complete (with photos), cancel, reschedule, duplicate,
// and add photos to a completed job. Each is a form inside the job dialog; "Back" returns to the
// job, a refusal says why and keeps what was typed.
import {
  Alert,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  DialogActions,
  DialogContent,
  DialogContentText,
  FormControlLabel,
  InputAdornment,
  Stack,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { clockTime, isDateKey, minutesOf, toUtcInstant } from '../../../../shared/time';
import { useApi } from '../../api/context';
import {
  addMinutes,
  dateLabel,
  instantOfInput,
  isTime,
  jobDateKey,
  localInputValue,
  moneyText,
  nextWeek,
  parseMoney,
  readError,
  type Job,
  type Refusal,
} from './jobModel';
import { PhotoFilesField, usePhotoFiles } from './Photos';
import { CrewPicker } from './Pickers';
import { RuleRefusal } from './RuleRefusal';
import type { Lookups } from './useJobData';

export interface ActionProps {
  job: Job;
  lookups: Lookups;
  timeZone: string;
  onBack: () => void;
  /** The change is saved: a sentence for the snackbar; `openId` opens that job next. */
  onDone: (message: string, next?: { openId?: string; offerOpen?: string }) => void;
}

const timeInput = { inputLabel: { shrink: true }, htmlInput: { step: 900 } } as const;
const shrink = { inputLabel: { shrink: true } } as const;
/** Validation paths of jobs.setStatus ('change.amount_charged') → the field showing it. */
const STATUS_FIELDS = [
  'actual_start_time',
  'actual_end_time',
  'amount_charged',
  'completion_notes',
  'reason',
];
const changeField = (path: string) => {
  const field = path.replace(/^change\./, '');
  return STATUS_FIELDS.includes(field) ? field : undefined;
};
/** Validation paths of jobs.reschedule and jobs.duplicate → the field showing it. */
const TIME_FIELDS = ['scheduled_date', 'start', 'end', 'staff_ids'];
const timeField = (path: string) => {
  const field = path.split('.')[0] ?? '';
  return TIME_FIELDS.includes(field) ? field : undefined;
};

function ActionForm({
  testId,
  intro,
  children,
  submitLabel,
  busy,
  onSubmit,
  onBack,
  backLabel = 'Back',
  extraActions,
}: {
  testId: string;
  intro?: ReactNode;
  children: ReactNode;
  submitLabel: string;
  busy: boolean;
  onSubmit: () => void;
  onBack: () => void;
  backLabel?: string;
  extraActions?: ReactNode;
}) {
  return (
    <form
      noValidate
      data-testid={testId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (!busy) onSubmit();
      }}
    >
      <DialogContent dividers>
        {intro && <DialogContentText sx={{ mb: 2 }}>{intro}</DialogContentText>}
        <Stack spacing={2}>{children}</Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onBack}>{backLabel}</Button>
        {extraActions}
        <Button
          type="submit"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </form>
  );
}

const photoCount = (n: number) => `${n} ${n === 1 ? 'photo' : 'photos'}`;

export function CompleteForm({ job, timeZone, onBack, onDone }: ActionProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const photos = usePhotoFiles();
  const [start, setStart] = useState(() =>
    localInputValue(
      job.actual_start_time ?? toUtcInstant(jobDateKey(job), job.scheduled_start_time, timeZone),
      timeZone,
    ),
  );
  const [end, setEnd] = useState(() => {
    const started =
      job.actual_start_time ?? toUtcInstant(jobDateKey(job), job.scheduled_start_time, timeZone);
    const now = new Date();
    // A job closed out ahead of time (e.g. entered from paper) ends at its scheduled length.
    const fallback = new Date(started.getTime() + job.estimated_duration_minutes * 60_000);
    return localInputValue(now.getTime() > started.getTime() ? now : fallback, timeZone);
  });
  const [amount, setAmount] = useState(moneyText(job.total_price));
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Set once the core has completed the job, when only photos are left to send. */
  const [completed, setCompleted] = useState<Job | null>(null);

  const submit = async () => {
    const found: Record<string, string> = {};
    const startAt = instantOfInput(start, timeZone);
    const endAt = instantOfInput(end, timeZone);
    const charged = parseMoney(amount);
    if (!startAt) found.actual_start_time = 'Enter when the crew started.';
    if (!endAt) found.actual_end_time = 'Enter when the crew finished.';
    else if (startAt && endAt.getTime() < startAt.getTime()) {
      found.actual_end_time = 'Must not be before the start.';
    }
    if (charged === null) found.amount_charged = 'Enter the amount charged (0 if nothing).';
    else if (typeof charged === 'object') found.amount_charged = charged.error;
    setErrors(found);
    if (Object.keys(found).length || !startAt || !endAt || typeof charged !== 'number') return;
    if (photos.reading) {
      setProblem('Wait until the photos are read.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      let done = completed;
      if (!done) {
        const { appointment } = await api.jobs.setStatus({
          appointment_id: job.appointment_id,
          version: job.version,
          change: {
            status: 'completed',
            actual_start_time: startAt,
            actual_end_time: endAt,
            amount_charged: charged,
            ...(notes.trim() ? { completion_notes: notes.trim() } : {}),
          },
        });
        done = appointment;
        setCompleted(appointment);
      }
      const sent = await photos.upload(done);
      void queryClient.invalidateQueries();
      if (sent.failed > 0) {
        setCompleted(sent.job);
        setProblem(
          `The job is completed, but ${photoCount(sent.failed)} could not be saved (see below). Try again, or close and add them later.`,
        );
        return;
      }
      onDone(sent.sent ? `Job completed with ${photoCount(sent.sent)}.` : 'Job completed.');
    } catch (error) {
      const read = readError(error, changeField);
      setErrors(read.fields);
      setProblem(read.message ?? read.refusal?.message ?? null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionForm
      testId="complete-form"
      submitLabel={completed ? 'Try the photos again' : 'Complete job'}
      busy={busy}
      onSubmit={() => void submit()}
      onBack={completed ? () => onDone('Job completed.') : onBack}
      backLabel={completed ? 'Close' : 'Back'}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label="Started"
          type="datetime-local"
          value={start}
          onChange={(e) => setStart(e.target.value)}
          required
          autoFocus
          disabled={Boolean(completed)}
          error={Boolean(errors.actual_start_time)}
          helperText={errors.actual_start_time ?? ' '}
          slotProps={timeInput}
          sx={{ flex: 1 }}
        />
        <TextField
          label="Finished"
          type="datetime-local"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
          required
          disabled={Boolean(completed)}
          error={Boolean(errors.actual_end_time)}
          helperText={errors.actual_end_time ?? ' '}
          slotProps={timeInput}
          sx={{ flex: 1 }}
        />
      </Stack>
      <TextField
        label="Amount charged"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        required
        disabled={Boolean(completed)}
        error={Boolean(errors.amount_charged)}
        helperText={errors.amount_charged ?? `The job's total is ${moneyText(job.total_price)}.`}
        slotProps={{
          input: { startAdornment: <InputAdornment position="start">$</InputAdornment> },
          htmlInput: { inputMode: 'decimal' },
        }}
      />
      <TextField
        label="Completion notes"
        multiline
        minRows={2}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        disabled={Boolean(completed)}
        error={Boolean(errors.completion_notes)}
        helperText={errors.completion_notes ?? 'What was done, anything the office should know.'}
      />
      <PhotoFilesField photos={photos} disabled={busy} />
      {problem && (
        <Alert severity={completed ? 'warning' : 'error'} data-testid="action-error">
          {problem}
        </Alert>
      )}
    </ActionForm>
  );
}

export const CANCEL_REASONS = ['Weather', 'Client request', 'Crew unavailable', 'Other'] as const;

export function CancelForm({ job, onBack, onDone }: ActionProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const reasonRef = useRef<HTMLInputElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!reason.trim()) {
      setError('Say why the job is canceled.');
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.jobs.setStatus({
        appointment_id: job.appointment_id,
        version: job.version,
        change: { status: 'canceled', reason: reason.trim() },
      });
      void queryClient.invalidateQueries();
      onDone('Job canceled.');
    } catch (e) {
      const read = readError(e, changeField);
      setError(read.fields.reason ?? null);
      setProblem(read.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ActionForm
      testId="cancel-form"
      intro="The job stays in the history as canceled, with the reason."
      submitLabel="Cancel job"
      busy={busy}
      onSubmit={() => void submit()}
      onBack={onBack}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ flexWrap: 'wrap' }}
        role="group"
        aria-label="Common reasons"
      >
        {CANCEL_REASONS.map((r) => (
          <Chip
            key={r}
            label={r}
            clickable
            color={reason === r ? 'primary' : 'default'}
            variant={reason === r ? 'filled' : 'outlined'}
            onClick={() => {
              setError(null);
              if (r === 'Other') {
                setReason('');
                reasonRef.current?.focus();
              } else {
                setReason(r);
              }
            }}
          />
        ))}
      </Stack>
      <TextField
        label="Reason"
        required
        autoFocus
        inputRef={reasonRef}
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
        error={Boolean(error)}
        helperText={error ?? 'Pick a common reason or type your own.'}
      />
      {problem && (
        <Alert severity="error" data-testid="action-error">
          {problem}
        </Alert>
      )}
    </ActionForm>
  );
}

function useTimes(job: Job, date0: string) {
  const [date, setDate] = useState(date0);
  const [start, setStart] = useState(job.scheduled_start_time);
  const [end, setEnd] = useState(job.scheduled_end_time);
  const changeStart = (next: string) => {
    const length = isTime(start) && isTime(end) ? minutesOf(end) - minutesOf(start) : 0;
    setStart(next);
    if (isTime(next) && length > 0) setEnd(addMinutes(next, length));
  };
  const errors: Record<string, string> = {};
  if (!isDateKey(date)) errors.date = 'Pick the day.';
  if (!isTime(start)) errors.start = 'Enter the start time.';
  if (!isTime(end)) errors.end = 'Enter the end time.';
  else if (isTime(start) && minutesOf(end) <= minutesOf(start))
    errors.end = 'Must be after the start.';
  return { date, setDate, start, changeStart, end, setEnd, errors };
}

function TimeFields({
  times,
  shown,
  withEnd = true,
}: {
  times: ReturnType<typeof useTimes>;
  /** Errors are shown once the dispatcher tried to save. */
  shown: Record<string, string>;
  withEnd?: boolean;
}) {
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <TextField
        label="Day"
        type="date"
        required
        autoFocus
        value={times.date}
        onChange={(e) => times.setDate(e.target.value)}
        error={Boolean(shown.date)}
        helperText={shown.date ?? ' '}
        slotProps={shrink}
        sx={{ flex: 1 }}
      />
      <TextField
        label="Start"
        type="time"
        required
        value={times.start}
        onChange={(e) => times.changeStart(e.target.value)}
        error={Boolean(shown.start)}
        helperText={shown.start ?? ' '}
        slotProps={timeInput}
        sx={{ flex: 1 }}
      />
      {withEnd && (
        <TextField
          label="End"
          type="time"
          required
          value={times.end}
          onChange={(e) => times.setEnd(e.target.value)}
          error={Boolean(shown.end)}
          helperText={shown.end ?? ' '}
          slotProps={timeInput}
          sx={{ flex: 1 }}
        />
      )}
    </Stack>
  );
}

/** Sends a rules-checked call; keeps the refusal or warnings to show, and retries with the override. */
function useRuledCall<T>(call: (override: boolean) => Promise<T>, onSuccess: (result: T) => void) {
  const queryClient = useQueryClient();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const send = async (override: boolean) => {
    setBusy(true);
    setRefusal(null);
    setProblem(null);
    setFields({});
    try {
      const result = await call(override);
      void queryClient.invalidateQueries();
      onSuccess(result);
    } catch (error) {
      const read = readError(error, timeField);
      setRefusal(read.refusal);
      setProblem(read.message);
      setFields(read.fields);
    } finally {
      setBusy(false);
    }
  };
  return { send, refusal, problem, fields, busy };
}

export function RescheduleForm({ job, lookups, onBack, onDone }: ActionProps) {
  const api = useApi();
  const times = useTimes(job, jobDateKey(job));
  const [crew, setCrew] = useState<string[]>(job.assigned_staff_ids);
  const [weather, setWeather] = useState(false);
  const [tried, setTried] = useState(false);
  const call = useRuledCall(
    (override) =>
      api.jobs.reschedule({
        appointment_id: job.appointment_id,
        version: job.version,
        scheduled_date: times.date,
        start: times.start,
        end: times.end,
        staff_ids: crew,
        due_to_weather: weather,
        override_warnings: override,
      }),
    ({ appointment }) =>
      onDone(
        `Rescheduled to ${dateLabel(jobDateKey(appointment))}, ${clockTime(appointment.scheduled_start_time)}.`,
        { openId: appointment.appointment_id },
      ),
  );
  const shown = tried ? { ...times.errors, ...mapDayFields(call.fields) } : {};
  const submit = () => {
    setTried(true);
    if (Object.keys(times.errors).length === 0) void call.send(false);
  };
  return (
    <ActionForm
      testId="reschedule-form"
      intro={`A new job is booked at the new time and linked to this one, which is kept as rescheduled (was ${dateLabel(jobDateKey(job))}, ${clockTime(job.scheduled_start_time)}).`}
      submitLabel="Reschedule"
      busy={call.busy}
      onSubmit={submit}
      onBack={onBack}
    >
      <TimeFields times={times} shown={shown} />
      <CrewPicker
        staff={lookups.activeStaff}
        known={lookups.staff}
        value={crew}
        onChange={setCrew}
        error={shown.staff_ids}
      />
      <FormControlLabel
        control={<Checkbox checked={weather} onChange={(e) => setWeather(e.target.checked)} />}
        label="Due to weather"
      />
      <CallOutcome call={call} anywayLabel="Reschedule anyway" />
    </ActionForm>
  );
}

/** Why a rule-checked request did not go through: a refusal (maybe with "… anyway"), or a problem. */
function CallOutcome({
  call,
  anywayLabel,
}: {
  call: ReturnType<typeof useRuledCall>;
  anywayLabel: string;
}) {
  return (
    <>
      {call.refusal && (
        <RuleRefusal
          refusal={call.refusal}
          anywayLabel={anywayLabel}
          onAnyway={() => void call.send(true)}
          busy={call.busy}
        />
      )}
      {call.problem && (
        <Alert severity="error" data-testid="action-error">
          {call.problem}
        </Alert>
      )}
    </>
  );
}

/** The reschedule and duplicate requests name the day 'scheduled_date' and the crew 'staff_ids'. */
function mapDayFields(fields: Record<string, string>): Record<string, string> {
  const { scheduled_date: date, ...rest } = fields;
  return date ? { ...rest, date } : rest;
}

export function DuplicateForm({ job, lookups, onBack, onDone }: ActionProps) {
  const api = useApi();
  const times = useTimes(job, nextWeek(jobDateKey(job)));
  const [crew, setCrew] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const call = useRuledCall(
    (override) =>
      api.jobs.duplicate({
        appointment_id: job.appointment_id,
        scheduled_date: times.date,
        start: times.start,
        staff_ids: crew,
        override_warnings: override,
      }),
    ({ appointment }) =>
      onDone(
        `Copied to ${dateLabel(jobDateKey(appointment))}, ${clockTime(appointment.scheduled_start_time)}${appointment.assigned_staff_ids.length ? '' : ', in the unassigned queue'}.`,
        { offerOpen: appointment.appointment_id },
      ),
  );
  const { end: _end, ...timeErrors } = times.errors;
  const shown = tried ? { ...timeErrors, ...mapDayFields(call.fields) } : {};
  const submit = () => {
    setTried(true);
    if (Object.keys(timeErrors).length === 0) void call.send(false);
  };
  return (
    <ActionForm
      testId="duplicate-form"
      intro="A copy of this job (client, service, price, equipment and notes) on another day. It keeps its length."
      submitLabel="Duplicate"
      busy={call.busy}
      onSubmit={submit}
      onBack={onBack}
    >
      <TimeFields times={times} shown={shown} withEnd={false} />
      <CrewPicker
        staff={lookups.activeStaff}
        value={crew}
        onChange={setCrew}
        error={shown.staff_ids}
      />
      <CallOutcome call={call} anywayLabel="Duplicate anyway" />
    </ActionForm>
  );
}

export function AddPhotosForm({ job, onBack, onDone }: ActionProps) {
  const queryClient = useQueryClient();
  const photos = usePhotoFiles();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Each saved photo makes a new version of the job; a retry must name the latest.
  const [current, setCurrent] = useState(job);
  const submit = async () => {
    if (photos.reading) {
      setProblem('Wait until the photos are read.');
      return;
    }
    if (photos.pending === 0) {
      setProblem('Choose at least one photo.');
      return;
    }
    setBusy(true);
    setProblem(null);
    const sent = await photos.upload(current);
    setCurrent(sent.job);
    setBusy(false);
    void queryClient.invalidateQueries();
    if (sent.failed) {
      setProblem(`${photoCount(sent.failed)} could not be saved (see below).`);
      return;
    }
    onDone(`${photoCount(sent.sent)} added.`);
  };
  return (
    <ActionForm
      testId="photos-form"
      submitLabel="Upload"
      busy={busy}
      onSubmit={() => void submit()}
      onBack={onBack}
    >
      <PhotoFilesField photos={photos} disabled={busy} />
      {problem && (
        <Alert severity="error" data-testid="action-error">
          {problem}
        </Alert>
      )}
    </ActionForm>
  );
}
