// The Messages page: texts sent to clients (or waiting to go) and the replies they sent back, how
// texting stands (not set up, the last problem, what waits), and "Check now" to send what is due and
// fetch delivery reports and replies at once.
import { Alert, AlertTitle, Box, Button, Chip, Stack, Tab, Tabs, Typography } from '@mui/material';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { pages } from '../../app/pages';
import { visuallyHidden } from '../../components/visuallyHidden';
import { useSession } from '../auth/useSession';
import { instantLabel } from '../jobs/jobModel';
import { useTimeZone } from '../jobs/useJobData';
import { checkSummary, isStatusFilter, plural, type StatusFilter } from './messageModel';
import { RepliesTab } from './RepliesTab';
import { SentTab } from './SentTab';
import {
  useCheckNow,
  useMessagingRefresh,
  useMessagingStatus,
  useUnreadCount,
} from './useMessaging';
import { CheckNowButton } from '../../components/CheckNowButton';

const messagesPage = pages.find((p) => p.path === '/notifications');

type TabName = 'sent' | 'replies';

export function MessagesPage() {
  const session = useSession().data?.session;
  const canDispatch = session?.permissions.includes('dispatch') ?? false;
  const canManage = session?.permissions.includes('settings.manage') ?? false;
  const timeZone = useTimeZone();
  useMessagingRefresh();
  const status = useMessagingStatus();
  const unread = useUnreadCount();
  const checkNow = useCheckNow();
  // The tab and the filter live in the address, so going back to the page returns to them.
  const [params, setParams] = useSearchParams();
  const tab: TabName = params.get('tab') === 'replies' ? 'replies' : 'sent';
  const statusParam = params.get('status');
  const filter: StatusFilter = isStatusFilter(statusParam) ? statusParam : 'all';
  const setParam = (name: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  // Until the status is known, the empty lists say how to set texting up rather than promise texts.
  const configured = status.data?.configured ?? false;
  const openSettings = canManage ? (
    <Button color="inherit" size="small" component={RouterLink} to="/settings?section=messaging">
      Open Settings
    </Button>
  ) : undefined;

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 1280 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {messagesPage?.title ?? 'Messages'}
        </Typography>
        {canDispatch && (
          <CheckNowButton pending={checkNow.isPending} onClick={() => checkNow.mutate()} />
        )}
      </Stack>
      <Typography color="text.secondary">{messagesPage?.purpose}</Typography>
      <Stack spacing={1.5} sx={{ mt: 1, mb: 2 }}>
        {status.isError && (
          <Alert severity="error" data-testid="messaging-status-error">
            How texting stands could not be read: {status.error.message}
          </Alert>
        )}
        {status.data && !status.data.configured && (
          <Alert
            severity="warning"
            data-testid="messaging-not-configured"
            action={
              <Button
                color="inherit"
                size="small"
                component={RouterLink}
                to="/settings?section=messaging"
              >
                Open Settings
              </Button>
            }
          >
            <AlertTitle>Texting is not set up</AlertTitle>
            {canManage
              ? 'Connect your Twilio account in Settings → Text messages. Until then no text goes out; confirmations and reminders wait.'
              : 'An owner or admin connects the Twilio account in Settings → Text messages. Until then no text goes out; confirmations and reminders wait.'}
          </Alert>
        )}
        {status.data?.configured && !status.data.enabled && (
          <Alert severity="info" action={openSettings} data-testid="messaging-off">
            Texts to clients are switched off in Settings → Text messages: nothing is sent until
            they are switched on again.
          </Alert>
        )}
        {status.data?.configured && status.data.last_error && (
          <Alert severity="warning" action={openSettings} data-testid="messaging-last-error">
            <AlertTitle>The last send did not go through</AlertTitle>
            {status.data.last_error}
            {status.data.last_error_at && ` (${instantLabel(status.data.last_error_at, timeZone)})`}
          </Alert>
        )}
        {status.data?.configured && (
          <Typography variant="body2" color="text.secondary" data-testid="messaging-status">
            {[
              status.data.from_number
                ? `Texts come from ${status.data.from_number}`
                : 'Texts come from your Twilio Messaging Service',
              status.data.pending > 0
                ? `${plural(status.data.pending, 'message waits', 'messages wait')} to go out`
                : 'nothing waiting',
              status.data.failed_recently > 0
                ? `${plural(status.data.failed_recently, 'message', 'messages')} failed in the last 7 days`
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        )}
        {checkNow.isError && (
          <Alert severity="error" onClose={() => checkNow.reset()}>
            Could not check now: {checkNow.error.message}
          </Alert>
        )}
        {checkNow.data && (
          <Alert
            severity={checkNow.data.error ? 'warning' : 'info'}
            onClose={() => checkNow.reset()}
            data-testid="messaging-check-result"
          >
            {checkSummary(checkNow.data)}
            {checkNow.data.error && ` The check ran into a problem: ${checkNow.data.error}`}
          </Alert>
        )}
      </Stack>
      <Tabs
        value={tab}
        onChange={(_event, next: TabName) => setParam('tab', next === 'sent' ? null : next)}
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab value="sent" label="Sent" />
        <Tab
          value="replies"
          label={
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <span>Replies</span>
              {unread ? (
                <Chip
                  size="small"
                  color="primary"
                  data-testid="unread-count"
                  label={
                    <>
                      {unread}
                      <span style={visuallyHidden}> unread</span>
                    </>
                  }
                />
              ) : null}
            </Stack>
          }
        />
      </Tabs>
      {tab === 'sent' ? (
        <SentTab
          configured={configured}
          canDispatch={canDispatch}
          timeZone={timeZone}
          filter={filter}
          onFilter={(next) => setParam('status', next === 'all' ? null : next)}
        />
      ) : (
        <RepliesTab configured={configured} timeZone={timeZone} />
      )}
    </Box>
  );
}
