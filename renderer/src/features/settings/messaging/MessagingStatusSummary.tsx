// How texting stands, in words: connected or not (and what is missing), the last problem sending
// with its time, and the outbox's waiting and failed counts.
import { Alert, Box, Chip, Link, Stack, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { MessagingStatus } from '../../../../../shared/contract/channels/messaging';
import { displayPhone } from '../../../../../shared/messaging/phone';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where texts come from, as a person reads it. */
export function senderOf(status: MessagingStatus): string | null {
  if (status.messaging_service_sid) return `Messaging Service ${status.messaging_service_sid}`;
  if (status.from_number) return displayPhone(status.from_number);
  return null;
}

/** What is missing before texts can go out, or how they go out. */
function stateOf(status: MessagingStatus, canEdit: boolean): string {
  const fix = canEdit ? '' : ' Ask an owner or an admin to set it up.';
  if (!status.account_sid) {
    return `No Twilio account is connected, so no texts are sent.${canEdit ? ' Enter the account below to start texting clients.' : fix}`;
  }
  if (!status.has_secret) {
    return `The ${status.api_key_sid ? 'API key secret' : 'auth token'} is not in this computer's keychain, so no texts are sent from here.${canEdit ? ' Enter it below.' : fix}`;
  }
  const sender = senderOf(status);
  if (!sender) {
    return `No sender is set, so no texts are sent.${canEdit ? ' Enter the Messaging Service or phone number texts come from below.' : fix}`;
  }
  if (!status.configured) return `Texts cannot go out yet.${fix}`;
  if (!status.enabled) {
    return `Texts would go out from ${sender}, but they are switched off under "When and how fast".`;
  }
  return `Texts go out from ${sender} through account ${status.account_sid}.`;
}

export function MessagingStatusSummary({
  status,
  timeZone,
  canEdit,
}: {
  status: MessagingStatus;
  /** The business's: the last problem's time is told on its clock. */
  timeZone: string;
  canEdit: boolean;
}) {
  const connected = status.configured;
  return (
    <Stack spacing={1} data-testid="messaging-status" data-connected={String(connected)}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Chip
          size="small"
          color={connected ? 'success' : 'default'}
          variant={connected ? 'filled' : 'outlined'}
          label={connected ? 'Connected' : 'Not connected'}
        />
        <Typography variant="body2" role="status" data-testid="messaging-status-text">
          {stateOf(status, canEdit)}
        </Typography>
      </Stack>
      {status.last_error && (
        <Alert severity="error" data-testid="messaging-last-error">
          Last problem sending
          {status.last_error_at
            ? `, ${status.last_error_at.toLocaleString('en-US', {
                dateStyle: 'medium',
                timeStyle: 'short',
                timeZone,
              })}`
            : ''}
          : {status.last_error}
        </Alert>
      )}
      <Box data-testid="messaging-outbox">
        <Typography variant="body2" color="text.secondary">
          {status.pending === 0
            ? 'No texts waiting to be sent.'
            : `${plural(status.pending, 'text is', 'texts are')} waiting to be sent (for their time, quiet hours, a retry or the pace).`}{' '}
          {status.failed_recently === 0 ? (
            'None failed in the last 7 days.'
          ) : (
            <>
              {plural(status.failed_recently, 'text', 'texts')} failed in the last 7 days: see{' '}
              <Link component={RouterLink} to="/notifications">
                Notifications
              </Link>{' '}
              for which and why.
            </>
          )}
        </Typography>
      </Box>
    </Stack>
  );
}
