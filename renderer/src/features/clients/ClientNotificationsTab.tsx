// The messages sent (or waiting) to one client, newest first, with what the carrier reported.
import {
  Alert,
  Chip,
  Paper,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { EmptyState } from '../../components/EmptyState';
import { instantLabel } from '../jobs/jobModel';
import { useTimeZone } from '../jobs/useJobData';
import {
  deliveryLabel,
  KIND_LABELS,
  retriesText,
  STATUS_COLORS,
  STATUS_LABELS,
} from '../messages/messageModel';
import { useMessagingRefresh } from '../messages/useMessaging';

const LIMIT = 100;

export function ClientNotificationsTab({ clientId }: { clientId: string }) {
  const api = useApi();
  const timeZone = useTimeZone();
  useMessagingRefresh();
  const input = { client_id: clientId, limit: LIMIT };
  const list = useQuery({
    queryKey: ['notifications.list', input],
    queryFn: () => api.notifications.list(input),
  });
  if (list.error) {
    return <Alert severity="error">Could not load the messages: {list.error.message}</Alert>;
  }
  if (!list.data) return <Skeleton variant="rounded" height={160} />;
  if (!list.data.items.length) {
    return (
      <EmptyState title="No messages sent yet">
        Confirmations and reminders sent to this client show here.
      </EmptyState>
    );
  }
  return (
    <Paper variant="outlined" data-testid="client-notifications">
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell>By</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Delivery</TableCell>
            <TableCell>Why not</TableCell>
            <TableCell>Message</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data.items.map((n) => {
            const retries = retriesText(n.retry_count);
            return (
              <TableRow
                key={n.notification_id}
                data-testid="client-notification"
                data-status={n.status}
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {n.sent_at
                    ? instantLabel(n.sent_at, timeZone)
                    : n.status === 'pending' && n.send_after
                      ? `Waits until ${instantLabel(n.send_after, timeZone)}`
                      : instantLabel(n.created_at, timeZone)}
                </TableCell>
                <TableCell>{KIND_LABELS[n.type]}</TableCell>
                <TableCell>{n.channel.toUpperCase()}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={STATUS_LABELS[n.status]}
                    color={STATUS_COLORS[n.status]}
                  />
                  {retries && ` ${retries}`}
                </TableCell>
                <TableCell data-testid="notification-delivery">{deliveryLabel(n)}</TableCell>
                <TableCell data-testid="notification-failure">{n.failure_reason ?? ''}</TableCell>
                <TableCell>{n.message}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {list.data.total > LIMIT && (
        <Alert severity="info">
          The latest {LIMIT} of {list.data.total} messages are shown.
        </Alert>
      )}
    </Paper>
  );
}
