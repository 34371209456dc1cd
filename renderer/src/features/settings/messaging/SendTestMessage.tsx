// Settings → Text messages → Send a test message: texts a phone now (messaging.sendTest) to check
// the account and sender, and says what Twilio answered.
import { Alert, Button, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output } from '../../../../../shared/contract';
import { displayPhone, toE164 } from '../../../../../shared/messaging/phone';
import { useApi } from '../../../api/context';
import { fieldErrors } from '../../auth/fieldErrors';
import type { SettingsSectionProps } from '../SettingsPage';
import { messagingStatusKey } from './queryKeys';
import { useMessagingStatus } from './TwilioAccount';

type Sent = Output<'messaging.sendTest'> & { to: string };

export function SendTestMessage({ business }: SettingsSectionProps) {
  const api = useApi();
  const queryClient = useQueryClient();
  const status = useMessagingStatus(business.business_id);
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const send = useMutation({
    mutationFn: async (to: string): Promise<Sent> => ({
      ...(await api.messaging.sendTest({ to })),
      to,
    }),
    onError: (error) => setProblem(fieldErrors(error).to ?? null),
    // The outbox's counts and the last problem change either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: messagingStatusKey }),
  });

  const configured = status.data?.configured ?? false;
  const submit = () => {
    const to = toE164(phone);
    if (!to) {
      setProblem(
        phone.trim() === ''
          ? 'Enter the mobile number to text, e.g. (205) 555-0123.'
          : 'That is not a phone number: enter 10 digits, or + and the country code.',
      );
      return;
    }
    send.mutate(to);
  };
  const sendError = send.error && !fieldErrors(send.error).to ? send.error.message : null;

  return (
    <Stack
      component="form"
      noValidate
      aria-label="Send a test message"
      data-testid="messaging-test"
      spacing={1.5}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack
        direction="row"
        spacing={1}
        useFlexGap
        sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
      >
        <TextField
          name="to"
          label="Mobile number to text"
          type="tel"
          size="small"
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            setProblem(null);
            send.reset();
          }}
          disabled={!configured}
          error={Boolean(problem)}
          helperText={
            problem ??
            (configured
              ? 'Your own phone, e.g. (205) 555-0123. Quiet hours do not apply to a test.'
              : 'Connect the Twilio account above first.')
          }
          autoComplete="tel"
          sx={{ minWidth: 300 }}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={!configured || send.isPending}
          startIcon={send.isPending ? <CircularProgress size={16} /> : undefined}
          sx={{ mt: 0.25 }}
        >
          Send test message
        </Button>
      </Stack>
      {send.isSuccess && (
        <Alert severity="success" data-testid="messaging-test-result" role="status">
          Twilio took the message to {displayPhone(send.data.to)}: its status is “
          {send.data.provider_status}”, sent as{' '}
          {send.data.segments === 1 ? '1 segment' : `${send.data.segments} segments`}.
          <Typography variant="caption" component="p" color="text.secondary">
            Message SID {send.data.provider_message_sid}. If no text arrives, look the message up in
            the Twilio Console’s messaging logs.
          </Typography>
        </Alert>
      )}
      {sendError && (
        <Alert severity="error" data-testid="messaging-test-error">
          The test message was not sent: {sendError}
        </Alert>
      )}
    </Stack>
  );
}
