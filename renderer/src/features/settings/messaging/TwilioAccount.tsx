// Settings → Text messages → Twilio account: how texting stands, and (for owners and admins) the
// account, how requests are signed (auth token or API key) and the sender. The secret goes to the
// OS keychain through messaging.setCredentials and is never shown again.
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Input } from '../../../../../shared/contract';
import {
  messagingCredentialsSchema,
  type MessagingStatus,
} from '../../../../../shared/contract/channels/messaging';
import { toE164 } from '../../../../../shared/messaging/phone';
import { useApi, useContractEvent } from '../../../api/context';
import { fieldErrors } from '../../auth/fieldErrors';
import { BUSINESS_KEY } from '../business';
import { useDirtyForm } from '../form/dirty';
import { Fact, Facts } from '../form/Facts';
import { Waiting } from '../form/Waiting';
import type { SettingsSectionProps } from '../SettingsPage';
import { MessagingStatusSummary, senderOf } from './MessagingStatusSummary';
import { messagingStatusKey } from './queryKeys';

type SignIn = 'auth_token' | 'api_key';
type Sender = 'service' | 'number';
type Field = 'account_sid' | 'api_key_sid' | 'secret' | 'messaging_service_sid' | 'from_number';

interface Typed {
  account_sid: string;
  sign_in: SignIn;
  api_key_sid: string;
  sender: Sender;
  messaging_service_sid: string;
  from_number: string;
}

const typedOf = (status: MessagingStatus): Typed => ({
  account_sid: status.account_sid ?? '',
  sign_in: status.api_key_sid ? 'api_key' : 'auth_token',
  api_key_sid: status.api_key_sid ?? '',
  // A phone number is what most small businesses start with; a stored service wins.
  sender: status.messaging_service_sid ? 'service' : 'number',
  messaging_service_sid: status.messaging_service_sid ?? '',
  from_number: status.from_number ?? '',
});

const secretName = (signIn: SignIn) => (signIn === 'api_key' ? 'API key secret' : 'auth token');

/**
 * Why the stored secret cannot be kept for what is typed (null: it can, or none is stored): a
 * secret belongs to one account and one way of signing in.
 */
function staleSecretReason(values: Typed, status: MessagingStatus): string | null {
  if (!status.has_secret) return null;
  const storedSignIn: SignIn = status.api_key_sid ? 'api_key' : 'auth_token';
  if (values.account_sid.trim() !== (status.account_sid ?? '')) {
    return `Enter the ${secretName(values.sign_in)} of this account: the stored one belongs to ${status.account_sid ?? 'another account'}.`;
  }
  if (values.sign_in !== storedSignIn) {
    return `Enter the ${secretName(values.sign_in)}: the stored secret is the ${secretName(storedSignIn)}.`;
  }
  if (values.sign_in === 'api_key' && values.api_key_sid.trim() !== (status.api_key_sid ?? '')) {
    return 'Enter the secret of this API key: the stored one belongs to another key.';
  }
  return null;
}

const EMPTY: Record<Field, string> = {
  account_sid: 'Enter the Account SID from the Twilio Console (it starts with AC).',
  api_key_sid: 'Enter the API key SID (it starts with SK), or sign in with the auth token.',
  secret: '',
  messaging_service_sid: 'Enter the Messaging Service SID (it starts with MG).',
  from_number: 'Enter the Twilio number texts come from, e.g. +1 205-555-0123.',
};

/** The call's input, and what is wrong with it before it is sent (the core makes the same checks). */
function inputOf(
  values: Typed,
  secret: string,
  status: MessagingStatus,
): { input: Input<'messaging.setCredentials'>; problems: Partial<Record<Field, string>> } {
  const fromNumber = values.from_number.trim();
  const input = {
    account_sid: values.account_sid.trim(),
    api_key_sid: values.sign_in === 'api_key' ? values.api_key_sid.trim() : null,
    secret: secret.trim() === '' ? null : secret.trim(),
    messaging_service_sid: values.sender === 'service' ? values.messaging_service_sid.trim() : null,
    // Twilio wants E.164; a number it cannot be is left as typed for the check to refuse.
    from_number: values.sender === 'number' ? (toE164(fromNumber) ?? fromNumber) : null,
  };
  const problems: Partial<Record<Field, string>> = {};
  const checked = messagingCredentialsSchema.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = issue.path[0] as Field | undefined;
      if (field && !problems[field]) problems[field] = issue.message;
    }
  }
  for (const field of [
    'account_sid',
    'api_key_sid',
    'messaging_service_sid',
    'from_number',
  ] as const) {
    if (input[field] === '') problems[field] = EMPTY[field];
  }
  if (input.from_number && !problems.from_number && !toE164(fromNumber)) {
    problems.from_number = 'Enter the number in full, with its country code: e.g. +1 205-555-0123.';
  }
  if (input.secret === null && !problems.secret) {
    const stale = staleSecretReason(values, status);
    if (!status.has_secret) problems.secret = `Enter the ${secretName(values.sign_in)}.`;
    else if (stale) problems.secret = stale;
  }
  return { input, problems };
}

/** The status query, refreshed when the business's texts change. */
export function useMessagingStatus(businessId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  useContractEvent('messaging.changed', (event) => {
    if (event.business_id === businessId) {
      void queryClient.invalidateQueries({ queryKey: messagingStatusKey });
    }
  });
  return useQuery({ queryKey: messagingStatusKey, queryFn: () => api.messaging.status() });
}

function DisconnectDialog({
  open,
  secretLabel,
  pending,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  secretLabel: string;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby={titleId}
      data-testid="messaging-disconnect-dialog"
    >
      <DialogTitle id={titleId}>Disconnect Twilio?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The {secretLabel} is removed from this computer&apos;s keychain and the account from the
          settings. No texts go out until an account is connected again; texts waiting stay in the
          queue.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button color="error" variant="contained" disabled={pending} onClick={onConfirm}>
          Disconnect
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function CredentialsForm({ status }: { status: MessagingStatus }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const signInLabelId = useId();
  const senderLabelId = useId();
  /** What was typed, over the stored account: a refreshed status does not undo it. */
  const [edits, setEdits] = useState<Partial<Typed>>({});
  const [secret, setSecret] = useState('');
  /** Problems show after Save; each goes once its field is changed. */
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const storedValues = typedOf(status);
  const values: Typed = { ...storedValues, ...edits };
  const dirty =
    secret !== '' ||
    (Object.keys(values) as (keyof Typed)[]).some((k) => values[k] !== storedValues[k]);
  useDirtyForm(dirty);
  const { input, problems } = inputOf(values, secret, status);
  const stale = staleSecretReason(values, status);
  const keychain = status.keychain_available;

  const stored = async (next: MessagingStatus, message: string) => {
    queryClient.setQueryData(messagingStatusKey, next);
    setEdits({});
    setSecret('');
    setErrors({});
    setDone(message);
    // The account and sender are business settings: a new version of the business.
    await queryClient.invalidateQueries({ queryKey: BUSINESS_KEY });
  };
  const connect = useMutation({
    mutationFn: (credentials: Input<'messaging.setCredentials'>) =>
      api.messaging.setCredentials(credentials),
    onMutate: () => setDone(null),
    onSuccess: (next) =>
      stored(
        next,
        next.configured
          ? 'Saved. Send a test message to check that texts reach a phone.'
          : 'Saved, but texts cannot go out yet: see what is missing above.',
      ),
    onError: (error) => {
      const byPath = fieldErrors(error);
      const byField: Partial<Record<Field, string>> = {};
      for (const field of Object.keys(EMPTY) as Field[]) {
        const message = byPath[field];
        if (!message) continue;
        // "One of the two" is reported on from_number: show it on the sender field there is.
        const shown =
          field === 'from_number' && values.sender === 'service' ? 'messaging_service_sid' : field;
        byField[shown] ??= message;
      }
      setErrors(byField);
    },
  });
  const disconnect = useMutation({
    mutationFn: () => api.messaging.removeCredentials(),
    onMutate: () => setDone(null),
    onSuccess: async (next) => {
      setConfirming(false);
      await stored(next, 'Disconnected. No texts go out until an account is connected again.');
    },
    onError: () => setConfirming(false),
  });

  const set = <K extends keyof Typed>(field: K, value: Typed[K]) => {
    setEdits({ ...edits, [field]: value });
    setDone(null);
    if (field in errors) setErrors({ ...errors, [field]: undefined });
  };
  const submit = () => {
    setErrors(problems);
    if (Object.keys(problems).length === 0) connect.mutate(input);
  };

  const connected = Boolean(status.account_sid);
  const secretLabel = values.sign_in === 'api_key' ? 'API key secret' : 'Auth token';
  const formErrorOf = (error: Error | null) =>
    error && Object.keys(fieldErrors(error)).length === 0 ? error.message : null;
  const formError = formErrorOf(connect.error) ?? formErrorOf(disconnect.error);
  const secretHelper = !keychain
    ? 'Cannot be stored on this computer: it has no keychain the app can use (see above).'
    : status.has_secret && !stale
      ? `Stored in this computer's keychain. Leave empty to keep it, or enter a new ${secretName(values.sign_in)} to replace it.`
      : "Kept in this computer's keychain, never in the database; it is not shown again.";
  const field = (name: Exclude<Field, 'secret'>, label: string, helper: string) => (
    <TextField
      name={name}
      label={label}
      value={values[name]}
      onChange={(e) => set(name, e.target.value)}
      error={Boolean(errors[name])}
      helperText={errors[name] ?? helper}
      fullWidth
      sx={{ maxWidth: 520 }}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' } }}
    />
  );

  return (
    <Stack
      component="form"
      noValidate
      aria-label="Twilio account"
      data-testid="messaging-account"
      spacing={2}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {!keychain && (
        <Alert severity="warning" data-testid="messaging-keychain-unavailable">
          This computer has no keychain the app can use, so the auth token or API key secret cannot
          be stored here, and without it no texts go out from this computer. The app keeps secrets
          only in the operating system&apos;s keychain (Keychain on macOS, Credential Manager on
          Windows, a Secret Service such as GNOME Keyring on Linux), never in the database. Install
          or unlock it, then restart the app.
        </Alert>
      )}
      {field(
        'account_sid',
        'Account SID',
        'On the Twilio Console’s home page: AC followed by 32 letters and digits.',
      )}

      <FormControl>
        <FormLabel id={signInLabelId}>Sign in with</FormLabel>
        <RadioGroup
          row
          aria-labelledby={signInLabelId}
          name="sign_in"
          value={values.sign_in}
          onChange={(e) => set('sign_in', e.target.value as SignIn)}
        >
          <FormControlLabel
            value="auth_token"
            control={<Radio size="small" />}
            label="The account's auth token"
          />
          <FormControlLabel value="api_key" control={<Radio size="small" />} label="An API key" />
        </RadioGroup>
      </FormControl>
      {values.sign_in === 'api_key' &&
        field(
          'api_key_sid',
          'API key SID',
          'SK followed by 32 letters and digits. A key can be revoked without changing the account’s auth token.',
        )}
      <TextField
        name="secret"
        label={secretLabel}
        type="password"
        value={secret}
        onChange={(e) => {
          setSecret(e.target.value);
          setDone(null);
          if (errors.secret) setErrors({ ...errors, secret: undefined });
        }}
        disabled={!keychain}
        required={!status.has_secret || Boolean(stale)}
        error={Boolean(errors.secret)}
        helperText={errors.secret ?? secretHelper}
        autoComplete="new-password"
        fullWidth
        sx={{ maxWidth: 520 }}
        slotProps={{ htmlInput: { spellCheck: false } }}
        data-testid="messaging-secret"
        data-stored={String(status.has_secret)}
      />

      <FormControl>
        <FormLabel id={senderLabelId}>Send from</FormLabel>
        <RadioGroup
          row
          aria-labelledby={senderLabelId}
          name="sender"
          value={values.sender}
          onChange={(e) => set('sender', e.target.value as Sender)}
        >
          <FormControlLabel
            value="number"
            control={<Radio size="small" />}
            label="A phone number"
          />
          <FormControlLabel
            value="service"
            control={<Radio size="small" />}
            label="A Messaging Service"
          />
        </RadioGroup>
      </FormControl>
      {values.sender === 'service'
        ? field(
            'messaging_service_sid',
            'Messaging Service SID',
            'MG followed by 32 letters and digits; the service picks the number each text comes from.',
          )
        : field(
            'from_number',
            'Sender phone number',
            'A number of this Twilio account that can send texts, e.g. +1 205-555-0123.',
          )}

      {formError && <Alert severity="error">{formError}</Alert>}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Button
          type="submit"
          variant="contained"
          disabled={connect.isPending || disconnect.isPending || (!keychain && !status.has_secret)}
          startIcon={connect.isPending ? <CircularProgress size={16} /> : undefined}
        >
          {connected ? 'Update Twilio account' : 'Connect Twilio'}
        </Button>
        {(connected || status.has_secret) && (
          <Button
            color="error"
            disabled={connect.isPending || disconnect.isPending}
            onClick={() => setConfirming(true)}
          >
            Disconnect
          </Button>
        )}
        <Typography variant="body2" color="text.secondary" role="status">
          {done ?? (dirty ? 'Unsaved changes.' : '')}
        </Typography>
      </Stack>
      <DisconnectDialog
        open={confirming}
        secretLabel={secretName(status.api_key_sid ? 'api_key' : 'auth_token')}
        pending={disconnect.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => disconnect.mutate()}
      />
    </Stack>
  );
}

/** What a person who cannot change the account reads about it. */
function AccountReadOnly({ status }: { status: MessagingStatus }) {
  if (!status.account_sid) return null;
  const sender = senderOf(status);
  return (
    <Facts testId="messaging-account-read-only">
      <Fact label="Account SID">{status.account_sid}</Fact>
      <Fact label="Signs in with">
        {status.api_key_sid ? `API key ${status.api_key_sid}` : 'The auth token'}
      </Fact>
      <Fact label="Sends from">{sender ?? 'Not set'}</Fact>
    </Facts>
  );
}

export function TwilioAccount({ business, canEdit }: SettingsSectionProps) {
  const status = useMessagingStatus(business.business_id);
  if (status.isPending) return <Waiting label="Checking the Twilio account" />;
  if (status.isError) {
    return (
      <Alert
        severity="error"
        data-testid="messaging-status-error"
        action={
          <Button color="inherit" size="small" onClick={() => void status.refetch()}>
            Try again
          </Button>
        }
      >
        Could not tell how texting stands: {status.error.message}
        <br />
        The templates and sending settings below can still be changed.
      </Alert>
    );
  }
  return (
    <Stack spacing={2.5}>
      <MessagingStatusSummary status={status.data} timeZone={business.timezone} canEdit={canEdit} />
      {canEdit ? (
        <CredentialsForm status={status.data} />
      ) : (
        <AccountReadOnly status={status.data} />
      )}
    </Stack>
  );
}
