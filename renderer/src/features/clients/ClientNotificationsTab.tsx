// The messages sent (or waiting) to one client, newest first.
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

const LIMIT = 100;

const words = (text: string) => text.replace(/_/g, ' ');

export function ClientNotificationsTab({ clientId }: { clientId: string }) {
  const api = useApi();
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
            <TableCell>Message</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data.items.map((n) => (
            <TableRow key={n.notification_id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {(n.sent_at ?? n.created_at).toLocaleString('en-US', {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                })}
              </TableCell>
              <TableCell>{words(n.type)}</TableCell>
              <TableCell>{n.channel.toUpperCase()}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={words(n.status)}
                  color={
                    n.status === 'sent' ? 'success' : n.status === 'pending' ? 'info' : 'error'
                  }
                />
              </TableCell>
              <TableCell>{n.message}</TableCell>
            </TableRow>
          ))}
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
