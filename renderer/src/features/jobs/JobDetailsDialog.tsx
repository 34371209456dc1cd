// One job: who, where, what, when, crew, equipment, price, notes, weather, confirmation, outcome,
// photos and history, with the actions its status allows. The actions' forms open in place.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import SmsIcon from '@mui/icons-material/SmsOutlined';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Link,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Notification } from '../../../../shared/schemas/notifications';
import { clockTime } from '../../../../shared/time/clock';
import { useApi, useContractEvent } from '../../api/context';
import {
  AddPhotosForm,
  CancelForm,
  CompleteForm,
  DuplicateForm,
  RescheduleForm,
  type ActionProps,
} from './JobActionForms';
import {
  clientAddress,
  clientLabel,
  dateLabel,
  formatMoney,
  instantLabel,
  jobDateKey,
  readError,
  type ClientChoice,
  type ClientRecord,
  type Job,
} from './jobModel';
import { phoneText } from '../messages/messageModel';
import { describeAuditEntry } from '../records/audit';
import { useAuditNames } from '../records/HistoryTab';
import { PhotoThumbnails } from './Photos';
import { STATUS_COLORS, STATUS_LABELS } from './statusLabels';
import { useClient, useJob, useLookups, useTimeZone, type Lookups } from './useJobData';

type Step = 'details' | 'complete' | 'cancel' | 'reschedule' | 'duplicate' | 'photos';

const STEP_TITLES: Record<Exclude<Step, 'details'>, string> = {
  complete: 'Complete job',
  cancel: 'Cancel job',
  reschedule: 'Reschedule job',
  duplicate: 'Duplicate job',
  photos: 'Add photos',
};

const STEP_FORMS: Record<Exclude<Step, 'details'>, (props: ActionProps) => ReactNode> = {
  complete: CompleteForm,
  cancel: CancelForm,
  reschedule: RescheduleForm,
  duplicate: DuplicateForm,
  photos: AddPhotosForm,
};

/**
 * Keeps the open job current: read again when the dialog opens over a cached copy (a client's text
 * reply or another desktop may have changed it since), and whenever the board says it changed.
 */
function useFreshJob(appointmentId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const queryKey = ['appointments.get', { id: appointmentId }];
    if (queryClient.getQueryState(queryKey)?.status === 'success') {
      void queryClient.invalidateQueries({ queryKey, exact: true });
    }
  }, [queryClient, appointmentId]);
  useContractEvent('board.changed', ({ appointment_ids }) => {
    if (appointment_ids.includes(appointmentId)) {
      void queryClient.invalidateQueries({
        queryKey: ['appointments.get', { id: appointmentId }],
        exact: true,
      });
    }
  });
}

export function JobDetailsDialog({
  appointmentId,
  onClose,
  onEdit,
  onOpenJob,
  notify,
  notice,
}: {
  appointmentId: string;
  onClose: () => void;
  onEdit: (job: Job, client: ClientChoice) => void;
  onOpenJob: (appointmentId: string) => void;
  notify: (message: string, action?: { label: string; onClick: () => void }) => void;
  /** The success notice, shown inside the dialog while it is open. */
  notice: ReactNode;
}) {
  const titleId = useId();
  const job = useJob(appointmentId);
  useFreshJob(appointmentId);
  const client = useClient(job.data?.client_id);
  const lookups = useLookups();
  const timeZone = useTimeZone();
  const [step, setStep] = useState<Step>('details');

  const loaded = job.data && client.data && lookups.data ? job.data : null;
  const failure = job.error ?? client.error ?? lookups.error;
  const heading =
    step !== 'details'
      ? STEP_TITLES[step]
      : loaded && client.data && lookups.data
        ? `${clientLabel(client.data)} · ${lookups.data.serviceName(loaded.service_id)}`
        : 'Job';

  const StepForm = step === 'details' ? null : STEP_FORMS[step];

  return (
    <Dialog
      open
      onClose={(_, reason) => {
        // Esc inside a step returns to the job; from the job it closes the dialog.
        if (reason === 'escapeKeyDown' && step !== 'details') setStep('details');
        else onClose();
      }}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
      data-testid="job-dialog"
    >
      <DialogTitle id={titleId} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Box component="span" sx={{ flexGrow: 1 }}>
          {heading}
        </Box>
        {loaded && (
          <Chip
            label={STATUS_LABELS[loaded.status]}
            color={STATUS_COLORS[loaded.status]}
            size="small"
            data-testid="job-status-chip"
            data-status={loaded.status}
          />
        )}
      </DialogTitle>
      {loaded && client.data && lookups.data ? (
        StepForm ? (
          <StepForm
            job={loaded}
            lookups={lookups.data}
            timeZone={timeZone}
            onBack={() => setStep('details')}
            onDone={(message, next) => {
              setStep('details');
              if (next?.openId) onOpenJob(next.openId);
              const offer = next?.offerOpen;
              notify(
                message,
                offer ? { label: 'Open', onClick: () => onOpenJob(offer) } : undefined,
              );
            }}
          />
        ) : (
          <Details
            job={loaded}
            client={client.data}
            lookups={lookups.data}
            timeZone={timeZone}
            onStep={setStep}
            onClose={onClose}
            onEdit={() => onEdit(loaded, client.data)}
            onOpenJob={onOpenJob}
            notify={notify}
          />
        )
      ) : (
        <>
          <DialogContent>
            {failure ? (
              <Alert
                severity="error"
                action={
                  <Button
                    color="inherit"
                    onClick={() => {
                      void job.refetch();
                      void client.refetch();
                      lookups.retry();
                    }}
                  >
                    Try again
                  </Button>
                }
              >
                The job could not be loaded: {failure.message}
              </Alert>
            ) : (
              <Box sx={{ display: 'grid', placeItems: 'center', py: 6 }}>
                <CircularProgress aria-label="Loading the job" />
              </Box>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      )}
      {notice}
    </Dialog>
  );
}

function Field({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

/**
 * The job's history, newest first, in the same sentences as a record's History tab ("Tammy Reeves
 * moved the job from 9:00 AM to 11:00 AM"); the last five unless the dispatcher asks for all.
 */
function History({ job, timeZone, lookups }: { job: Job; timeZone: string; lookups: Lookups }) {
  const names = useAuditNames(lookups.names);
  const [all, setAll] = useState(false);
  const entries = [...job.audit_log].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
  const shown = all ? entries : entries.slice(0, 5);
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No changes recorded yet.
      </Typography>
    );
  }
  return (
    <>
      <List dense disablePadding data-testid="job-history">
        {shown.map((entry, i) => (
          <ListItem key={i} disableGutters data-testid="history-entry">
            <ListItemText
              primary={describeAuditEntry('appointments', entry, names)}
              secondary={instantLabel(entry.timestamp, timeZone)}
            />
          </ListItem>
        ))}
      </List>
      {entries.length > shown.length && (
        <Button size="small" onClick={() => setAll(true)}>
          Show all {entries.length}
        </Button>
      )}
    </>
  );
}

/** Where the client stands: confirmed by text, told of the job, or neither yet. */
function Confirmation({ job, timeZone }: { job: Job; timeZone: string }) {
  const by = job.client_notification_method
    ? ` by ${job.client_notification_method.toUpperCase()}`
    : '';
  if (job.client_confirmed_at) {
    return (
      <Box
        component="span"
        data-confirmation="confirmed"
        sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
      >
        <CheckCircleIcon color="success" sx={{ fontSize: 16 }} aria-hidden />
        Confirmed by the client {instantLabel(job.client_confirmed_at, timeZone)}
      </Box>
    );
  }
  if (job.client_notified_at) {
    return (
      <span data-confirmation="notified">
        Notified {instantLabel(job.client_notified_at, timeZone)}
        {by}, not confirmed yet
      </span>
    );
  }
  return <span data-confirmation="none">Not notified yet</span>;
}

interface OnMyWayOutcome {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

/** What became of an "on my way" text the moment it was queued. */
function onMyWayOutcome(sent: Notification, timeZone: string, now: Date): OnMyWayOutcome {
  const to = sent.recipient_phone ? ` to ${phoneText(sent.recipient_phone)}` : '';
  switch (sent.status) {
    case 'sent':
      return { severity: 'success', text: `"On my way" sent${to}.` };
    case 'pending':
    case 'sending':
      return sent.send_after && sent.send_after.getTime() > now.getTime() + 60_000
        ? {
            severity: 'info',
            text: `"On my way" is queued${to}: it goes out ${instantLabel(sent.send_after, timeZone)}, after quiet hours.`,
          }
        : { severity: 'success', text: `"On my way" is on its way${to}: it goes out in a moment.` };
    case 'opted_out':
      return { severity: 'warning', text: 'Not sent: the client opted out of texts.' };
    default:
      return {
        severity: 'error',
        text: `Not sent${sent.failure_reason ? `: ${sent.failure_reason}` : '.'}`,
      };
  }
}

function Details({
  job,
  client,
  lookups,
  timeZone,
  onStep,
  onClose,
  onEdit,
  onOpenJob,
  notify,
}: {
  job: Job;
  client: ClientRecord;
  lookups: Lookups;
  timeZone: string;
  onStep: (step: Step) => void;
  onClose: () => void;
  onEdit: () => void;
  onOpenJob: (id: string) => void;
  notify: (message: string) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [starting, setStarting] = useState(false);
  /** Set by a start made here: once the job shows as in progress, "Complete" takes the focus. */
  const startedHere = useRef(false);
  const completeButton = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [texting, setTexting] = useState(false);
  const [texted, setTexted] = useState<OnMyWayOutcome | null>(null);
  const currency = job.currency;

  const onMyWay = async () => {
    setTexting(true);
    setTexted(null);
    try {
      const sent = await api.messaging.onMyWay({ appointment_id: job.appointment_id });
      setTexted(onMyWayOutcome(sent, timeZone, new Date()));
      void queryClient.invalidateQueries({ queryKey: ['notifications.list'] });
    } catch (error) {
      setTexted({
        severity: 'error',
        text: readError(error).message ?? 'The "on my way" text could not be sent.',
      });
    } finally {
      setTexting(false);
    }
  };

  const start = async () => {
    setStarting(true);
    setProblem(null);
    // Set before the call: the job may show as in progress (the core's change event) before the
    // call's own answer is handled.
    startedHere.current = true;
    try {
      await api.jobs.setStatus({
        appointment_id: job.appointment_id,
        version: job.version,
        change: { status: 'in_progress' },
      });
      void queryClient.invalidateQueries();
      notify('Job started.');
    } catch (error) {
      startedHere.current = false;
      setProblem(readError(error).message ?? 'The job could not be started.');
    } finally {
      setStarting(false);
    }
  };

  // "Start job" goes away once the job is in progress, and the keyboard focus with it (out of the
  // dialog, where Escape no longer closes it): the next step takes it instead.
  useEffect(() => {
    if (job.status !== 'in_progress' || !startedHere.current) return;
    startedHere.current = false;
    completeButton.current?.focus();
  }, [job.status]);

  const weather = job.weather_data_at_time;
  const crew = job.assigned_staff_ids.map(lookups.staffName);
  const equipment = job.assigned_equipment_ids.map(lookups.equipmentName);

  return (
    <>
      <DialogContent dividers>
        <Stack spacing={2}>
          {job.reschedule_requested_at &&
            (job.status === 'scheduled' || job.status === 'in_progress') && (
              <Alert severity="warning" data-testid="job-reschedule-requested">
                <AlertTitle>Client asked for another time</AlertTitle>
                They answered a text on {instantLabel(job.reschedule_requested_at, timeZone)} asking
                to move this job. Call them to agree a time, then reschedule it.
              </Alert>
            )}
          <Box
            sx={{
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
              gap: 2,
            }}
          >
            <Field label="Client" testId="job-client">
              {clientLabel(client)}
              {client.phone ? ` · ${phoneText(client.phone)}` : ''}
            </Field>
            <Field label="Address" testId="job-address">
              {clientAddress(client)}
            </Field>
            <Field label="Service" testId="job-service">
              {lookups.serviceName(job.service_id)}
            </Field>
            <Field label="When" testId="job-when">
              {dateLabel(jobDateKey(job))}, {clockTime(job.scheduled_start_time)} –{' '}
              {clockTime(job.scheduled_end_time)}
            </Field>
            <Field label="Crew" testId="job-crew">
              {crew.length ? crew.join(', ') : 'Nobody yet: waiting in the unassigned queue'}
            </Field>
            <Field label="Equipment" testId="job-equipment">
              {equipment.length ? equipment.join(', ') : 'None'}
            </Field>
            <Field label="Price" testId="job-price">
              <Box component="span" sx={{ display: 'block' }}>
                Service {formatMoney(job.service_price, currency)}
                {job.custom_price !== null &&
                  ` · custom price ${formatMoney(job.custom_price, currency)}`}
                {job.discount > 0 && ` · discount −${formatMoney(job.discount, currency)}`}
              </Box>
              <Box component="strong" data-testid="job-total">
                Total {formatMoney(job.total_price, currency)}
              </Box>
            </Field>
            <Field label="Client confirmation" testId="job-confirmation">
              <Confirmation job={job} timeZone={timeZone} />
            </Field>
            {weather && (
              <Field label="Weather forecast" testId="job-weather">
                {weather.condition.replace(/_/g, ' ')}, {Math.round(weather.temp_high_fahrenheit)}°/
                {Math.round(weather.temp_low_fahrenheit)}°F, rain {weather.rain_percent}%, wind{' '}
                {Math.round(weather.wind_speed_mph)} mph
              </Field>
            )}
            {job.series_id && (
              <Field label="Repeats" testId="job-series">
                {job.series_frequency === 'biweekly'
                  ? 'Every 2 weeks'
                  : job.series_frequency === 'monthly'
                    ? 'Monthly'
                    : 'Weekly'}
              </Field>
            )}
            {job.rescheduled_from_appointment_id && (
              <Field label="Rescheduled from" testId="job-rescheduled-from">
                <Link
                  component="button"
                  type="button"
                  onClick={() => onOpenJob(job.rescheduled_from_appointment_id ?? '')}
                >
                  {job.rescheduled_from_datetime
                    ? instantLabel(job.rescheduled_from_datetime, timeZone)
                    : 'the earlier job'}
                </Link>
                {job.was_rescheduled_due_to_weather && ' (due to weather)'}
              </Field>
            )}
            {job.status === 'canceled' && (
              <Field label="Canceled because" testId="job-cancel-reason">
                {job.cancellation_reason}
              </Field>
            )}
          </Box>
          {job.notes && (
            <Field label="Notes" testId="job-notes">
              <Box component="span" sx={{ whiteSpace: 'pre-wrap' }}>
                {job.notes}
              </Box>
            </Field>
          )}
          {(job.status === 'completed' || job.status === 'in_progress') && (
            <>
              <Divider />
              <Box
                sx={{
                  display: 'grid',
                  gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
                  gap: 2,
                }}
                data-testid="job-completion"
              >
                {job.actual_start_time && (
                  <Field label="Started">{instantLabel(job.actual_start_time, timeZone)}</Field>
                )}
                {job.actual_end_time && (
                  <Field label="Finished">
                    {instantLabel(job.actual_end_time, timeZone)}
                    {job.actual_duration_minutes !== null &&
                      ` (${job.actual_duration_minutes} min)`}
                  </Field>
                )}
                {job.amount_charged !== null && (
                  <Field label="Amount charged" testId="job-amount-charged">
                    {formatMoney(job.amount_charged, currency)}
                  </Field>
                )}
                {job.completion_notes && (
                  <Field label="Completion notes">{job.completion_notes}</Field>
                )}
              </Box>
            </>
          )}
          {job.completion_photos.length > 0 && (
            <Box>
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
                Photos
              </Typography>
              <PhotoThumbnails job={job} />
            </Box>
          )}
          <Divider />
          <Box>
            <Typography variant="subtitle2" component="h3">
              History
            </Typography>
            <History job={job} timeZone={timeZone} lookups={lookups} />
          </Box>
          {problem && (
            <Alert severity="error" data-testid="action-error">
              {problem}
            </Alert>
          )}
          {texted && (
            <Alert
              severity={texted.severity}
              onClose={() => setTexted(null)}
              data-testid="on-my-way-result"
            >
              {texted.text}
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 0.5 }}>
        {job.status === 'scheduled' && (
          <>
            <Button onClick={onEdit} autoFocus>
              Edit
            </Button>
            <Button onClick={() => onStep('reschedule')}>Reschedule</Button>
            <Button onClick={() => onStep('duplicate')}>Duplicate</Button>
            <Button color="error" onClick={() => onStep('cancel')}>
              Cancel job
            </Button>
            {/* Busy, not disabled, while it saves: see "On my way". */}
            <Button
              onClick={() => {
                if (!starting) void start();
              }}
              aria-disabled={starting}
              aria-busy={starting}
            >
              Start job
            </Button>
          </>
        )}
        {job.status === 'in_progress' && (
          <Button color="error" onClick={() => onStep('cancel')}>
            Cancel job
          </Button>
        )}
        {(job.status === 'scheduled' || job.status === 'in_progress') && (
          // Busy, not disabled, while the text goes: a disabled button loses the keyboard focus,
          // which would leave the dialog (and Escape would no longer close it).
          <Button
            startIcon={texting ? <CircularProgress size={16} /> : <SmsIcon />}
            onClick={() => {
              if (!texting) void onMyWay();
            }}
            aria-disabled={texting}
            aria-busy={texting}
          >
            On my way
          </Button>
        )}
        {(job.status === 'scheduled' || job.status === 'in_progress') && (
          <Button
            ref={completeButton}
            variant="contained"
            onClick={() => onStep('complete')}
            autoFocus={job.status === 'in_progress'}
          >
            Complete
          </Button>
        )}
        {job.status === 'completed' && (
          <Button variant="contained" onClick={() => onStep('photos')} autoFocus>
            Add photos
          </Button>
        )}
        <Box sx={{ flexGrow: 1 }} />
        <Button
          onClick={onClose}
          autoFocus={job.status === 'canceled' || job.status === 'rescheduled'}
        >
          Close
        </Button>
      </DialogActions>
    </>
  );
}
