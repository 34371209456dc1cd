// The job dialogs (new job, job details with edit / status / reschedule / duplicate / photos),
// opened from anywhere under <JobDialogsProvider> with useJobDialogs().
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export interface NewJobPrefill {
  /** 'YYYY-MM-DD' */
  date?: string;
  /** 'HH:mm' */
  start?: string;
  staff_ids?: string[];
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

type Open = { kind: 'new'; prefill: NewJobPrefill } | { kind: 'job'; appointmentId: string } | null;

// SKELETON — the dialogs themselves are being built.
export function JobDialogsProvider({ children }: { children: ReactNode }) {
  const [, setOpen] = useState<Open>(null);
  const value = useMemo<JobDialogs>(
    () => ({
      openNew: (prefill = {}) => setOpen({ kind: 'new', prefill }),
      openJob: (appointmentId) => setOpen({ kind: 'job', appointmentId }),
    }),
    [],
  );
  return <JobDialogsContext.Provider value={value}>{children}</JobDialogsContext.Provider>;
}
