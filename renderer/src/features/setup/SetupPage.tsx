// /setup: owners and admins run the setup again, prefilled — the business profile, its hours and
// where the data lives — and save with business.update on the version they started from. The owner
// account step is not repeated; moving the data to another server is Settings → Database's job.
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { Output } from '../../../../shared/contract';
import { ApiError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import { fieldErrors } from '../auth/fieldErrors';
import { SESSION_KEY, useSession } from '../auth/useSession';
import { BUSINESS_KEY, useBusiness } from '../settings/business';
import { BusinessStep } from './BusinessStep';
import type { SetupDatabase } from './DatabaseStep';
import { Summary } from './FinishStep';
import { HoursStep } from './HoursStep';
import {
  businessInput,
  checkBusiness,
  checkHours,
  hoursFormOf,
  weeklyHoursOf,
  type BusinessForm,
  type FieldErrors,
  type HoursForm,
} from './model';
import { SETUP_STATUS_KEY } from './SetupWizard';
import { WizardFrame } from './WizardFrame';

type BusinessDoc = Output<'business.get'>;

const STEPS = ['Business', 'Hours', 'Your data', 'Save'] as const;
const HEADINGS = ['Your business', 'Opening hours', 'Where your data lives', 'Check and save'];
const [BUSINESS, HOURS, DATA, SAVE] = [0, 1, 2, 3] as const;

interface RerunForm {
  business: BusinessForm;
  hours: HoursForm;
}

const formOf = (b: BusinessDoc): RerunForm => ({
  business: {
    name: b.name,
    vertical: b.vertical,
    phone: b.phone,
    email: b.email,
    address: b.address,
    timezone: b.timezone,
  },
  hours: hoursFormOf(b.config.business_hours),
});

const PROFILE_FIELDS = ['name', 'vertical', 'phone', 'email', 'address', 'timezone'] as const;

/** business.update's paths ('changes.config.business_hours.monday.end') as the form's. */
const formPath = (path: string) =>
  path.replace(/^changes\.config\.business_hours\./, 'hours.').replace(/^changes\./, 'business.');

function databaseWords(database: SetupDatabase | null): string {
  if (!database) return 'In the database in use';
  return database.kind === 'embedded' ? 'On this computer' : `On ${database.server}`;
}

function Rerun({ business, database }: { business: BusinessDoc; database: SetupDatabase | null }) {
  const api = useApi();
  const queryClient = useQueryClient();
  /** The business as this run started from it: saving is refused if it changed since. */
  const [base, setBase] = useState(business);
  const [form, setForm] = useState(() => formOf(business));
  const [step, setStep] = useState<number>(BUSINESS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const startOver = (latest: BusinessDoc) => {
    setBase(latest);
    setForm(formOf(latest));
    setConflict(null);
    setErrors({});
    setStep(BUSINESS);
  };

  const changes = () => {
    const was = formOf(base);
    const profile = Object.fromEntries(
      PROFILE_FIELDS.filter((f) => form.business[f] !== was.business[f]).map((f) => [
        f,
        businessInput(form.business)[f],
      ]),
    );
    const hours = weeklyHoursOf(form.hours);
    const hoursChanged = JSON.stringify(hours) !== JSON.stringify(weeklyHoursOf(was.hours));
    return { ...profile, ...(hoursChanged && { config: { business_hours: hours } }) };
  };

  const save = useMutation({
    mutationFn: () => api.business.update({ version: base.version, changes: changes() }),
    onMutate: () => setConflict(null),
    onSuccess: async (next) => {
      queryClient.setQueryData(BUSINESS_KEY, next);
      setBase(next);
      setForm(formOf(next));
      setSaved(true);
      // The header shows the business's name, and the board its time zone.
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.kind === 'conflict') {
        setConflict(error.message);
        await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
        return;
      }
      const byField = Object.fromEntries(
        Object.entries(fieldErrors(error)).map(([p, m]) => [formPath(p), m]),
      );
      setErrors(byField);
      if (Object.keys(byField).some((p) => p.startsWith('business.'))) setStep(BUSINESS);
      else if (Object.keys(byField).some((p) => p.startsWith('hours.'))) setStep(HOURS);
    },
  });

  const check = (s: number, f: RerunForm): FieldErrors =>
    s === BUSINESS ? checkBusiness(f.business) : s === HOURS ? checkHours(f.hours) : {};

  const update = <K extends keyof RerunForm>(part: K, value: RerunForm[K]) => {
    const next = { ...form, [part]: value };
    setForm(next);
    setSaved(false);
    if (Object.keys(errors).some((p) => p.startsWith(`${part}.`))) {
      setErrors(check(part === 'business' ? BUSINESS : HOURS, next));
    }
  };

  const next = () => {
    const found = check(step, form);
    if (Object.keys(found).length) {
      setErrors(found);
      return;
    }
    if (step === SAVE) {
      if (Object.keys(changes()).length) save.mutate();
      else setSaved(true);
      return;
    }
    setStep(step + 1);
  };

  const back = (
    <Button onClick={() => setStep(step - 1)} disabled={save.isPending}>
      Back
    </Button>
  );
  let body;
  if (step === BUSINESS) {
    body = (
      <BusinessStep value={form.business} onChange={(v) => update('business', v)} errors={errors} />
    );
  } else if (step === HOURS) {
    body = <HoursStep value={form.hours} onChange={(v) => update('hours', v)} errors={errors} />;
  } else if (step === DATA) {
    body = (
      <>
        <Typography data-testid="setup-database-in-use">
          {databaseWords(database)}.
          {database?.fromEnvironment &&
            ' The app was started with a MONGODB_URI setting, which chooses the database.'}
        </Typography>
        <Typography color="text.secondary">
          Your business&apos;s data is in this database. To move it to another server, or back to
          this computer, use Settings → Database: it copies your data and then switches.
        </Typography>
        <Box>
          <Button component={RouterLink} to="/settings?section=database">
            Open Settings
          </Button>
        </Box>
      </>
    );
  } else {
    body = (
      <>
        <Summary business={form.business} hours={form.hours} database={databaseWords(database)} />
        {save.isPending && <CircularProgress aria-label="Saving" />}
        {conflict && (
          <Alert
            severity="warning"
            data-testid="conflict"
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  const latest = queryClient.getQueryData<BusinessDoc>(BUSINESS_KEY);
                  if (latest) startOver(latest);
                }}
              >
                Start from the latest
              </Button>
            }
          >
            {conflict}
          </Alert>
        )}
        {save.error && !conflict && !Object.keys(errors).length && (
          <Alert severity="error">{save.error.message}</Alert>
        )}
        {saved && (
          <Alert
            severity="success"
            data-testid="setup-saved"
            action={
              <Button color="inherit" size="small" component={RouterLink} to="/board">
                Open the board
              </Button>
            }
          >
            Saved. The board, the calendar and the reports use these details now.
          </Alert>
        )}
      </>
    );
  }
  const withErrors = new Set<number>([
    ...(Object.keys(errors).some((p) => p.startsWith('business.')) ? [BUSINESS] : []),
    ...(Object.keys(errors).some((p) => p.startsWith('hours.')) ? [HOURS] : []),
  ]);
  return (
    <WizardFrame
      title="Business setup"
      steps={STEPS}
      active={step}
      withErrors={withErrors}
      heading={HEADINGS[step] ?? ''}
      onSubmit={next}
      actions={
        <>
          {step > BUSINESS && back}
          <Button type="submit" variant="contained" disabled={save.isPending}>
            {step === SAVE ? (save.isPending ? 'Saving…' : 'Save') : 'Next'}
          </Button>
        </>
      }
    >
      {body}
    </WizardFrame>
  );
}

export function SetupPage() {
  const api = useApi();
  const session = useSession().data?.session;
  const canEdit = session?.permissions.includes('settings.manage') ?? false;
  const business = useBusiness();
  const status = useQuery({
    queryKey: SETUP_STATUS_KEY,
    queryFn: () => api.setup.status(),
    enabled: canEdit,
  });

  let body;
  if (!canEdit) {
    body = (
      <Alert severity="info" sx={{ m: 3 }}>
        Only owners and admins can change the business setup. Ask one of them to change it.
      </Alert>
    );
  } else if (business.isPending || status.isPending) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }}>
        <CircularProgress aria-label="Loading the business setup" />
      </Box>
    );
  } else if (business.isError || status.isError) {
    const error = business.error ?? status.error;
    body = (
      <Alert
        severity="error"
        sx={{ m: 3 }}
        action={
          <Button
            color="inherit"
            size="small"
            onClick={() => {
              void business.refetch();
              void status.refetch();
            }}
          >
            Try again
          </Button>
        }
      >
        The business setup could not be loaded: {error?.message}
      </Alert>
    );
  } else {
    body = <Rerun business={business.data} database={status.data.database} />;
  }
  return <Stack sx={{ flexGrow: 1 }}>{body}</Stack>;
}
