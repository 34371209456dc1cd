// The Messages page's Sent tab: every text sent to clients or waiting to go, newest first, filtered
// by status and paged, with what the carrier reported and "Send again" for the ones that failed.
import ReplayIcon from '@mui/icons-material/Replay';
import SmsIcon from '@mui/icons-material/SmsOutlined';
import {
  Alert,
  Box,
  Button,
  Chip,
  Link,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { PagingFooter, usePaging } from './paging';
import { LoadFailed } from '../../components/LoadFailed';
import { Link as RouterLink } from 'react-router-dom';
import type { Notification } from '../../../../shared/schemas/notifications';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { instantLabel } from '../jobs/jobModel';
import {
  canRetry,
  deliveryText,
  KIND_LABELS,
  phoneText,
  plural,
  retriesText,
  STATUS_COLORS,
  STATUS_FILTERS,
  STATUS_LABELS,
  type StatusFilter,
} from './messageModel';
import { useClientNames, useRetry, useSentMessages } from './useMessaging';

const messagesPage = pages.find((p) => p.path === '/notifications');

/** What "Send again" did: how many went back in the queue, and why the others could not. */
interface RetryOutcome {
  queued: number;
  refused: { notification_id: string; message: string }[];
}

function RetryAlert({ outcome, onClose }: { outcome: RetryOutcome; onClose: () => void }) {
  const { queued, refused } = outcome;
  return (
    <Alert
      severity={refused.length === 0 ? 'success' : queued === 0 ? 'error' : 'warning'}
      onClose={onClose}
      data-testid="retry-result"
    >
      {queued > 0
        ? `${plural(queued, 'message goes', 'messages go')} out again with the next send.`
        : 'Nothing was sent again.'}
      {refused.map((r) => (
        <Typography key={r.notification_id} variant="body2" data-testid="retry-refusal">
          {r.message}
        </Typography>
      ))}
    </Alert>
  );
}

function When({ message, timeZone }: { message: Notification; timeZone: string }) {
  if (message.sent_at) return <>{instantLabel(message.sent_at, timeZone)}</>;
  if (message.status === 'pending' || message.status === 'sending') {
    return (
      <>
        {message.send_after
          ? `Waits until ${instantLabel(message.send_after, timeZone)}`
          : 'Waiting to be sent'}
      </>
    );
  }
  return (
    <Box component="span" sx={{ color: 'text.secondary' }}>
      Queued {instantLabel(message.created_at, timeZone)}
    </Box>
  );
}

function Recipient({ message, name }: { message: Notification; name: string | undefined }) {
  const phone = message.recipient_phone ? phoneText(message.recipient_phone) : null;
  if (!message.client_id) return <>{phone ?? '—'}</>;
  return (
    <>
      <Link component={RouterLink} to={`/clients/${message.client_id}`}>
        {name ?? phone ?? 'The client'}
      </Link>
      {name && phone && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="div"
          sx={{ whiteSpace: 'nowrap' }}
        >
          {phone}
        </Typography>
      )}
    </>
  );
}

export function SentTab({
  configured,
  canDispatch,
  timeZone,
  filter,
  onFilter,
}: {
  /** Twilio is connected: an empty log means nothing was due yet, not that nothing can go. */
  configured: boolean;
  canDispatch: boolean;
  timeZone: string;
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
}) {
  const paging = usePaging();
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  const input = {
    ...(filter === 'all' ? {} : { status: filter }),
    limit: paging.limit,
    offset: paging.offset,
  };
  const list = useSentMessages(input);
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const names = useClientNames(
    useMemo(() => items.flatMap((n) => (n.client_id ? [n.client_id] : [])), [items]),
  );
  const retry = useRetry();
  const total = list.data?.total;
  // The page emptied under us (messages moved to another status): show the last one there is.
  // (Set while rendering, as React advises for state that follows a query's answer.)
  paging.keepInRange(total);

  const sendAgain = (message: Notification) => {
    setOutcome(null);
    retry.mutate([message.notification_id], { onSuccess: setOutcome });
  };

  let body;
  if (list.isPending) {
    body = <Skeleton variant="rounded" height={240} aria-label="Loading the messages" />;
  } else if (list.isError) {
    body = (
      <LoadFailed what="The messages" error={list.error} onRetry={() => void list.refetch()} />
    );
  } else if (list.data.total === 0 && filter !== 'all') {
    const label = STATUS_FILTERS.find((f) => f.value === filter)?.label ?? filter;
    body = (
      <EmptyState icon={<SmsIcon />} title={`No ${label.toLowerCase()} messages.`}>
        Choose All to see every message sent to clients.
      </EmptyState>
    );
  } else if (list.data.total === 0) {
    body = configured ? (
      <EmptyState icon={<SmsIcon />} title="No messages yet.">
        Messages appear here once jobs are booked: a confirmation when a job is scheduled, a
        reminder before it, and “on my way” when you send it from a job on the board.
      </EmptyState>
    ) : (
      <EmptyState icon={<SmsIcon />} title="No messages yet.">
        {messagesPage?.nextStep}
      </EmptyState>
    );
  } else {
    body = (
      <Paper variant="outlined">
        <Table size="small" aria-label="Messages sent to clients" data-testid="sent-messages">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Client</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Message</TableCell>
              <TableCell>Status</TableCell>
              {canDispatch && <TableCell aria-label="Actions" />}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((n) => {
              const delivery = deliveryText(n);
              const retries = retriesText(n.retry_count);
              return (
                <TableRow
                  key={n.notification_id}
                  data-testid="sent-message"
                  data-notification-id={n.notification_id}
                  data-status={n.status}
                  data-type={n.type}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <When message={n} timeZone={timeZone} />
                  </TableCell>
                  <TableCell>
                    <Recipient
                      message={n}
                      name={n.client_id ? names.get(n.client_id) : undefined}
                    />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{KIND_LABELS[n.type]}</TableCell>
                  <TableCell sx={{ minWidth: 240 }}>{n.message}</TableCell>
                  <TableCell sx={{ minWidth: 160 }}>
                    <Chip
                      size="small"
                      label={STATUS_LABELS[n.status]}
                      color={STATUS_COLORS[n.status]}
                      data-testid="message-status"
                    />
                    {delivery && (
                      <Typography variant="body2" data-testid="message-delivery" sx={{ mt: 0.5 }}>
                        {delivery}
                      </Typography>
                    )}
                    {retries && (
                      <Typography
                        variant="caption"
                        color="text.secondary"
                        component="div"
                        data-testid="message-retries"
                      >
                        {retries}
                      </Typography>
                    )}
                  </TableCell>
                  {canDispatch && (
                    <TableCell align="right">
                      {canRetry(n) && (
                        <Button
                          size="small"
                          startIcon={<ReplayIcon />}
                          disabled={retry.isPending}
                          onClick={() => sendAgain(n)}
                          sx={{ whiteSpace: 'nowrap' }}
                        >
                          Send again
                        </Button>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        <PagingFooter paging={paging} total={list.data.total} />
      </Paper>
    );
  }

  return (
    <Stack spacing={2}>
      <StatusFilterBar filter={filter} onFilter={onFilter} onPage={paging.setPage} />
      {retry.isError && (
        <Alert severity="error" onClose={() => retry.reset()}>
          The message could not be sent again: {retry.error.message}
        </Alert>
      )}
      {outcome && <RetryAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {body}
    </Stack>
  );
}

function StatusFilterBar({
  filter,
  onFilter,
  onPage,
}: {
  filter: StatusFilter;
  onFilter: (filter: StatusFilter) => void;
  onPage: (page: number) => void;
}) {
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={filter}
      aria-label="Show messages that are"
      onChange={(_event, next: StatusFilter | null) => {
        if (!next) return;
        onFilter(next);
        onPage(0);
      }}
    >
      {STATUS_FILTERS.map((f) => (
        <ToggleButton key={f.value} value={f.value}>
          {f.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
