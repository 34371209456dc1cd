// The first-run wizard, shown while the database has no user: welcome (or demo data), where the
// data lives, the owner's account, the business and its hours, then a summary that creates it all
// (auth.createOwner), signs the owner in and opens the board. Back and Next keep what was typed.
import { Alert, Box, Button, CircularProgress, LinearProgress, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ConnectionTest, DatabaseChoice, Output } from '../../../../shared/contract';
import { ApiError } from '../../../../shared/contract/result';
import { useApi, useTransport } from '../../api/context';
import { fieldErrors } from '../auth/fieldErrors';
import { DEMO_ACCOUNTS_KEY, SESSION_KEY } from '../auth/useSession';
import { BusinessStep } from './BusinessStep';
import { DatabaseStep } from './DatabaseStep';
import { FinishStep } from './FinishStep';
import { HoursStep } from './HoursStep';
import {
  businessInput,
  checkBusiness,
  checkHours,
  checkOwner,
  checkUri,
  emptyWizardForm,
  ownerInput,
  weeklyHoursOf,
  wizardPath,
  type FieldErrors,
  type WizardForm,
} from './model';
import { OwnerStep } from './OwnerStep';
import { WelcomeStep } from './WelcomeStep';
import { WizardFrame } from './WizardFrame';

export const SETUP_STATUS_KEY = ['setup.status'] as const;

const STEPS = ['Welcome', 'Your data', 'Owner account', 'Business', 'Hours', 'Finish'] as const;
const HEADINGS = [
  'Welcome to ServicePro Dispatch',
  'Where your data lives',
  'Your owner account',
  'Your business',
  'Opening hours',
  'Check and finish',
];
const [WELCOME, DATA, OWNER, BUSINESS, HOURS, FINISH] = [0, 1, 2, 3, 4, 5] as const;

/** Which step a field path belongs to. */
const STEP_OF_PREFIX: [string, number][] = [
  ['database.', DATA],
  ['owner.', OWNER],
  ['business.', BUSINESS],
  ['hours.', HOURS],
];
const stepOf = (path: string) => STEP_OF_PREFIX.find(([prefix]) => path.startsWith(prefix))?.[1];

/** The earliest step with a field to correct. */
const firstStepOf = (errors: FieldErrors) =>
  Object.keys(errors)
    .map(stepOf)
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b)[0];

/** Each step's own check of what it holds. */
const CHECKS: Partial<Record<number, (form: WizardForm) => FieldErrors>> = {
  [OWNER]: (f) => checkOwner(f.owner),
  [BUSINESS]: (f) => checkBusiness(f.business),
  [HOURS]: (f) => checkHours(f.hours),
};

/** Puts the keyboard on the first field marked invalid, once it is drawn. */
function focusFirstInvalid() {
  requestAnimationFrame(() => {
    document
      .querySelector<HTMLElement>('[data-testid="setup-wizard"] [aria-invalid="true"]')
      ?.focus();
  });
}

type Created = Output<'auth.createOwner'>;

export function SetupWizard() {
  const api = useApi();
  const transport = useTransport();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [step, setStep] = useState<number>(WELCOME);
  const [form, setForm] = useState(emptyWizardForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [test, setTest] = useState<ConnectionTest | null>(null);
  /** The businesses a chosen database already had: this desk joins them by signing in. */
  const [joined, setJoined] = useState<string[] | null>(null);
  /** Set up, but the sample data failed: said before the board opens. */
  const [notice, setNotice] = useState<string | null>(null);
  /** Someone else finished setup first (another window or desk). */
  const [alreadySetUp, setAlreadySetUp] = useState<string | null>(null);

  const status = useQuery({
    queryKey: SETUP_STATUS_KEY,
    queryFn: () => api.setup.status(),
    retry: false,
  });
  // A server chosen on an earlier run of the wizard stays chosen (its URI is not shown again).
  const [seeded, setSeeded] = useState(false);
  if (!seeded && status.data) {
    setSeeded(true);
    if (status.data.database?.kind === 'uri') {
      setForm((f) => ({ ...f, database: { ...f.database, choice: 'uri' } }));
    }
  }
  const database = status.data?.database ?? null;

  /** Changes one part of the form; an error shown for that part follows the typing. */
  const update = <K extends keyof WizardForm>(part: K, value: WizardForm[K]) => {
    const next = { ...form, [part]: value };
    setForm(next);
    const prefix = `${part}.`;
    if (!Object.keys(errors).some((p) => p.startsWith(prefix))) return;
    const check = CHECKS[stepOf(prefix) ?? -1];
    const kept = Object.fromEntries(Object.entries(errors).filter(([p]) => !p.startsWith(prefix)));
    setErrors(
      check
        ? { ...kept, ...check(next) }
        : part === 'database'
          ? { ...kept, ...checkUri(next.database.uri) }
          : kept,
    );
  };

  const goTo = (target: number) => {
    setStep(target);
    focusFirstInvalid();
  };

  const enterApp = async () => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
    await navigate('/board');
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  };

  const demo = useMutation({
    mutationFn: () => api.auth.loadDemo(),
    onSuccess: (accounts) => {
      queryClient.setQueryData(DEMO_ACCOUNTS_KEY, accounts);
      return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });

  const testDatabase = useMutation({
    mutationFn: (uri: string) => api.setup.testDatabase({ uri }),
    onMutate: () => setTest(null),
    onSuccess: setTest,
  });

  const useDatabase = useMutation({
    mutationFn: (choice: DatabaseChoice) => api.setup.useDatabase(choice),
    onSuccess: (result) => {
      queryClient.setQueryData(SETUP_STATUS_KEY, {
        needsSetup: result.needsSetup,
        database: result.database,
      });
      if (result.test) setTest(result.test);
      if (!result.needsSetup) setJoined(result.existingBusinesses);
      else goTo(OWNER);
    },
    onError: (error) => {
      const byField = fieldErrors(error);
      if (byField.uri) setErrors({ ...errors, 'database.uri': byField.uri });
    },
  });

  const create = useMutation({
    mutationFn: () =>
      api.auth.createOwner({
        business: {
          ...businessInput(form.business),
          config: { business_hours: weeklyHoursOf(form.hours) },
        },
        owner: ownerInput(form.owner),
        sample_data: form.sampleData,
      }),
    onSuccess: async (created: Created) => {
      transport.setResumeToken(created.resume_token);
      if (created.sample_data && !created.sample_data.added) setNotice(created.sample_data.message);
      else await enterApp();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.kind === 'forbidden') {
        setAlreadySetUp(error.message);
        return;
      }
      const byField = Object.fromEntries(
        Object.entries(fieldErrors(error)).map(([path, message]) => [wizardPath(path), message]),
      );
      const first = firstStepOf(byField);
      if (first !== undefined) {
        setErrors(byField);
        goTo(first);
      }
    },
  });

  const busy = demo.isPending || useDatabase.isPending || create.isPending;

  const next = () => {
    if (busy) return;
    const check = CHECKS[step];
    const found = check ? check(form) : {};
    if (Object.keys(found).length) {
      setErrors({ ...errors, ...found });
      focusFirstInvalid();
      return;
    }
    if (step === DATA) return chooseDatabase();
    if (step === FINISH) {
      const all = {
        ...checkOwner(form.owner),
        ...checkBusiness(form.business),
        ...checkHours(form.hours),
      };
      const first = firstStepOf(all);
      if (first !== undefined) {
        setErrors(all);
        goTo(first);
        return;
      }
      create.mutate();
      return;
    }
    goTo(step + 1);
  };

  const chooseDatabase = () => {
    // Still asking which database is in use (or asking failed: the step says so).
    if (!database) return;
    if (database.fromEnvironment) return goTo(OWNER);
    const { choice, uri } = form.database;
    if (choice === 'embedded') {
      if (database.kind === 'embedded') return goTo(OWNER);
      return useDatabase.mutate({ kind: 'embedded' });
    }
    // Left empty while a server chosen earlier is in use: keep it.
    if (uri.trim() === '' && database.kind === 'uri') return goTo(OWNER);
    const problems = checkUri(uri);
    if (Object.keys(problems).length) {
      setErrors({ ...errors, ...problems });
      focusFirstInvalid();
      return;
    }
    useDatabase.mutate({ kind: 'uri', uri: uri.trim() });
  };

  const runTest = () => {
    const problems = checkUri(form.database.uri);
    if (Object.keys(problems).length) {
      setErrors({ ...errors, ...problems });
      focusFirstInvalid();
      return;
    }
    testDatabase.mutate(form.database.uri.trim());
  };

  const withErrors = new Set(
    Object.keys(errors)
      .map(stepOf)
      .filter((s): s is number => s !== undefined),
  );
  const back = (
    <Button onClick={() => goTo(step - 1)} disabled={busy}>
      Back
    </Button>
  );
  const submitLabel = (idle: string, pending: string, isPending: boolean, ready = true) => (
    <Button
      type="submit"
      variant="contained"
      disabled={busy || !ready}
      startIcon={isPending ? <CircularProgress size={16} color="inherit" /> : undefined}
    >
      {isPending ? pending : idle}
    </Button>
  );

  const signInInstead = (message: string) => (
    <Alert severity="info" data-testid="setup-sign-in-instead">
      {message}
    </Alert>
  );

  let body;
  let actions;
  if (alreadySetUp) {
    body = signInInstead(alreadySetUp);
    actions = (
      <Button variant="contained" onClick={() => void enterApp()}>
        Go to sign-in
      </Button>
    );
  } else if (notice) {
    body = (
      <Alert severity="warning" data-testid="setup-notice">
        {notice}
      </Alert>
    );
    actions = (
      <Button variant="contained" onClick={() => void enterApp()}>
        Open the board
      </Button>
    );
  } else if (step === WELCOME) {
    body = <WelcomeStep demoError={demo.error?.message ?? null} />;
    actions = (
      <>
        <Button
          variant="outlined"
          onClick={() => demo.mutate()}
          disabled={busy}
          startIcon={demo.isPending ? <CircularProgress size={16} /> : undefined}
        >
          {demo.isPending ? 'Loading demo data…' : 'Just exploring? Load demo data'}
        </Button>
        <Box sx={{ flexGrow: 1 }} />
        {submitLabel('Set up my business', 'Set up my business', false)}
      </>
    );
  } else if (step === DATA) {
    if (joined) {
      body = signInInstead(
        joined.length
          ? `This database already has ${joined.join(', ')}: sign in with your account.`
          : 'This database already has its users: sign in with your account.',
      );
      actions = (
        <Button variant="contained" onClick={() => void enterApp()}>
          Go to sign-in
        </Button>
      );
    } else {
      body = status.isError ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => status.refetch()}>
              Try again
            </Button>
          }
        >
          Could not check which database is in use: {status.error.message}
        </Alert>
      ) : !database ? (
        <CircularProgress aria-label="Checking the database" />
      ) : (
        <>
          <DatabaseStep
            value={form.database}
            onChange={(value) => update('database', value)}
            errors={errors}
            database={database}
            test={test}
            testing={testDatabase.isPending}
            onTest={runTest}
            busy={useDatabase.isPending}
          />
          {database.kind === 'uri' && !database.fromEnvironment && (
            <Typography variant="body2" color="text.secondary">
              Now using {database.server}. Leave the URI empty to keep it.
            </Typography>
          )}
          {testDatabase.error && <Alert severity="error">{testDatabase.error.message}</Alert>}
          {useDatabase.isPending && (
            <Box role="status">
              <LinearProgress />
              <Typography variant="body2" sx={{ mt: 1 }}>
                {form.database.choice === 'uri'
                  ? 'Testing the server and switching to it…'
                  : 'Switching to the database on this computer…'}
              </Typography>
            </Box>
          )}
          {useDatabase.error && !errors['database.uri'] && (
            <Alert severity="error">{useDatabase.error.message}</Alert>
          )}
        </>
      );
      actions = (
        <>
          {back}
          {submitLabel('Next', 'Switching…', useDatabase.isPending, database !== null)}
        </>
      );
    }
  } else if (step === OWNER) {
    body = <OwnerStep value={form.owner} onChange={(v) => update('owner', v)} errors={errors} />;
  } else if (step === BUSINESS) {
    body = (
      <BusinessStep value={form.business} onChange={(v) => update('business', v)} errors={errors} />
    );
  } else if (step === HOURS) {
    body = <HoursStep value={form.hours} onChange={(v) => update('hours', v)} errors={errors} />;
  } else {
    body = (
      <>
        <FinishStep
          business={form.business}
          hours={form.hours}
          owner={form.owner}
          database={database?.server ?? 'On this computer'}
          sampleData={form.sampleData}
          onSampleData={(sampleData) => setForm({ ...form, sampleData })}
          disabled={busy}
        />
        {create.isPending && (
          <Box role="status">
            <LinearProgress />
            <Typography variant="body2" sx={{ mt: 1 }}>
              {form.sampleData
                ? 'Creating your business and its sample data…'
                : 'Creating your business…'}
            </Typography>
          </Box>
        )}
        {create.error && !withErrors.size && <Alert severity="error">{create.error.message}</Alert>}
      </>
    );
    actions = (
      <>
        {back}
        {submitLabel('Create my business', 'Creating…', create.isPending)}
      </>
    );
  }
  actions ??= (
    <>
      {back}
      {submitLabel('Next', 'Next', false)}
    </>
  );

  return (
    <WizardFrame
      title="Set up ServicePro Dispatch"
      steps={STEPS}
      active={step}
      withErrors={withErrors}
      heading={HEADINGS[step] ?? ''}
      onSubmit={next}
      actions={actions}
    >
      {Object.keys(errors).some((p) => stepOf(p) === step) && (
        <Alert severity="error" data-testid="setup-step-errors">
          Some fields need a change before going on: see the messages under them.
        </Alert>
      )}
      {body}
    </WizardFrame>
  );
}
