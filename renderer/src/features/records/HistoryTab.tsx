// A record's History tab: every recorded change, newest first, as sentences.
import { Alert, List, ListItem, ListItemText, Skeleton } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { EmptyState } from '../../components/EmptyState';
import { useSession } from '../auth/useSession';
import { describeAuditEntry, type AuditNames } from './audit';
import { recordApi, recordKeys, type RecordAreaName } from './recordApi';

/**
 * Who is who in the audit log. users.list is for owners and admins; for everyone else the
 * signed-in user still reads "You" and the others "Someone".
 */
export function useAuditNames(refs?: Record<string, string>): AuditNames {
  const api = useApi();
  const session = useSession().data?.session;
  const allowed = session?.permissions.includes('users.manage') ?? false;
  const users = useQuery({
    queryKey: ['users.list', { includeInactive: true }],
    queryFn: () => api.users.list({ includeInactive: true }),
    enabled: allowed,
  });
  const names: Record<string, string> = {};
  for (const u of users.data ?? []) names[u.user_id] = `${u.first_name} ${u.last_name}`;
  return { users: names, currentUserId: session?.user.user_id, refs };
}

const when = (at: Date) =>
  at.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

export function HistoryTab({
  area,
  id,
  refs,
}: {
  area: RecordAreaName;
  id: string;
  refs?: Record<string, string>;
}) {
  const api = useApi();
  const names = useAuditNames(refs);
  const history = useQuery({
    queryKey: recordKeys.history(area, id),
    queryFn: () => recordApi(api, area).history({ id }),
  });
  if (history.error) {
    return <Alert severity="error">Could not load the history: {history.error.message}</Alert>;
  }
  if (!history.data) return <Skeleton variant="rounded" height={160} />;
  if (!history.data.length) {
    return <EmptyState title="No history yet">Changes show here as they are made.</EmptyState>;
  }
  return (
    <List dense data-testid="history">
      {history.data.map((entry, i) => (
        <ListItem key={`${new Date(entry.timestamp).getTime()}-${i}`} divider>
          <ListItemText
            primary={describeAuditEntry(area, entry, names)}
            secondary={when(new Date(entry.timestamp))}
          />
        </ListItem>
      ))}
    </List>
  );
}
