// The job dialogs (new job, job details with edit / status / reschedule / duplicate / photos),
// opened from anywhere under <JobDialogsProvider> with useJobDialogs().
import { Alert, Button, Snackbar } from '@mui/material';
import {
  createContext,
  lazy,
  Suspense,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  addMinutes,
  type ClientChoice,
  type Job,
  type JobFormValues,
  valuesOfJob,
} from './jobModel';
import { localDateOf } from '../../../../shared/time';
import { useTimeZone } from './useJobData';

// Loaded when a dialog first opens, not with the board.
const JobDetailsDialog = lazy(async () => ({
  default: (await import('./JobDetailsDialog')).JobDetailsDialog,
}));
const JobFormDialog = lazy(async () => ({
  default: (await import('./JobFormDialog')).JobFormDialog,
}));

export interface NewJobPrefill {
  /** 'YYYY-MM-DD' */
  date?: string;
  /** 'HH:mm' */
  start?: string;
  staff_ids?: string[];
  /** Preselects the client (e.g. from a client's page). */
  client?: ClientChoice;
}

export interface JobDialogs {
  /** Opens the new-job dialog, optionally prefilled (the board's day, a lane's person and time). */
  openNew(prefill?: NewJobPrefill): void;
  /** Opens one job: its details, edit, status actions, reschedule, duplicate, photos. */
  openJob(appointmentId: string): void;
}

const JobDialogsContext = createContext<JobDialogs | null>(null);

export function useJobDialogs(): JobDialogs {
  const value = useContext(JobDialogsContext);
  if (!value) throw new Error('useJobDialogs() needs a <JobDialogsProvider> above it.');
  return value;
}

type Open =
  | { kind: 'new'; values: JobFormValues }
  | { kind: 'job'; appointmentId: string }
  | { kind: 'edit'; job: Job; client: ClientChoice }
  | null;

interface Notice {
  key: number;
  message: string;
  action?: { label: string; onClick: () => void };
}

const DEFAULT_START = '09:00';

function newJobValues(prefill: NewJobPrefill, today: string): JobFormValues {
  const start = prefill.start ?? DEFAULT_START;
  return {
    client: prefill.client ?? null,
    service_id: '',
    date: prefill.date ?? today,
    start,
    end: addMinutes(start, 60),
    staff_ids: prefill.staff_ids ?? [],
    equipment_ids: [],
    notes: '',
    custom_price: '',
    discount: '',
    repeat: 'none',
    repeat_end: 'count',
    repeat_count: '8',
    repeat_until: '',
  };
}

export function JobDialogsProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open>(null);
  /** Bumped on every open, so a dialog opened again starts afresh. */
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const timeZone = useTimeZone();

  const value = useMemo<JobDialogs>(
    () => ({
      openNew: (prefill = {}) => {
        setGeneration((g) => g + 1);
        setOpen({ kind: 'new', values: newJobValues(prefill, localDateOf(new Date(), timeZone)) });
      },
      openJob: (appointmentId) => {
        setGeneration((g) => g + 1);
        setOpen({ kind: 'job', appointmentId });
      },
    }),
    [timeZone],
  );

  const notify = (message: string, action?: Notice['action']) =>
    setNotice({ key: Date.now(), message, ...(action ? { action } : {}) });
  const close = () => setOpen(null);

  // Inside an open job dialog the notice is rendered in the dialog: a modal hides everything
  // outside it from assistive technology (and the notice's button from everyone).
  const snackbar = (
    <Snackbar
      key={notice?.key}
      open={notice !== null}
      autoHideDuration={5000}
      onClose={(_, reason) => {
        if (reason !== 'clickaway') setNotice(null);
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      <Alert
        severity="success"
        variant="filled"
        data-testid="job-snackbar"
        role="status"
        closeText="Dismiss"
        onClose={() => setNotice(null)}
        action={
          notice?.action ? (
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                notice.action?.onClick();
                setNotice(null);
              }}
            >
              {notice.action.label}
            </Button>
          ) : undefined
        }
      >
        {notice?.message}
      </Alert>
    </Snackbar>
  );

  return (
    <JobDialogsContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        {open?.kind === 'new' && (
          <JobFormDialog
            key={generation}
            target={{ mode: 'new', values: open.values }}
            onClose={close}
            onSaved={(message) => {
              close();
              notify(message);
            }}
          />
        )}
        {open?.kind === 'edit' && (
          <JobFormDialog
            key={generation}
            target={{ mode: 'edit', job: open.job, values: valuesOfJob(open.job, open.client) }}
            onClose={() => value.openJob(open.job.appointment_id)}
            onSaved={(message) => {
              value.openJob(open.job.appointment_id);
              notify(message);
            }}
          />
        )}
        {open?.kind === 'job' && (
          <JobDetailsDialog
            key={`${generation}-${open.appointmentId}`}
            appointmentId={open.appointmentId}
            onClose={close}
            onEdit={(job, client) => {
              setGeneration((g) => g + 1);
              setOpen({ kind: 'edit', job, client });
            }}
            onOpenJob={value.openJob}
            notify={notify}
            notice={snackbar}
          />
        )}
      </Suspense>
      {open?.kind === 'job' ? null : snackbar}
    </JobDialogsContext.Provider>
  );
}
