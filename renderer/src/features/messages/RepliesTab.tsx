// The Messages page's Replies tab: texts clients sent back, newest first, with what the app did with
// each (confirmed a job, asked for another time, opted out…); unread ones stand out until marked read.
import DoneAllIcon from '@mui/icons-material/DoneAll';
import MarkChatReadIcon from '@mui/icons-material/MarkChatReadOutlined';
import ReplyIcon from '@mui/icons-material/ReplyOutlined';
import {
  Alert,
  Button,
  Chip,
  FormControlLabel,
  Link,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { PagingFooter, usePaging } from './paging';
import { LoadFailed } from '../../components/LoadFailed';
import { Link as RouterLink } from 'react-router-dom';
import type { InboundMessage } from '../../../../shared/contract/channels/messaging';
import { EmptyState } from '../../components/EmptyState';
import { visuallyHidden } from '../../components/visuallyHidden';
import { instantLabel } from '../jobs/jobModel';
import { HANDLED_COLORS, HANDLED_LABELS, phoneText } from './messageModel';
import { useMarkRead, useReplies } from './useMessaging';

function From({ reply }: { reply: InboundMessage }) {
  const phone = phoneText(reply.from);
  if (!reply.client_id) return <>{phone}</>;
  return (
    <>
      <Link component={RouterLink} to={`/clients/${reply.client_id}`}>
        {reply.client_name ?? phone}
      </Link>
      {reply.client_name && (
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

export function RepliesTab({ configured, timeZone }: { configured: boolean; timeZone: string }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const paging = usePaging();
  const replies = useReplies({ unread: unreadOnly, limit: paging.limit, offset: paging.offset });
  const markRead = useMarkRead();
  const items = useMemo(() => replies.data?.items ?? [], [replies.data]);
  const unreadShown = items.filter((r) => r.read_at === null).map((r) => r.inbound_id);

  const total = replies.data?.total;
  // Marking read empties the last page of "unread only": show the last page there is.
  // (Set while rendering, as React advises for state that follows a query's answer.)
  paging.keepInRange(total);

  let body;
  if (replies.isPending) {
    body = <Skeleton variant="rounded" height={240} aria-label="Loading the replies" />;
  } else if (replies.isError) {
    body = (
      <LoadFailed what="The replies" error={replies.error} onRetry={() => void replies.refetch()} />
    );
  } else if (replies.data.total === 0) {
    body = unreadOnly ? (
      <EmptyState icon={<MarkChatReadIcon />} title="All replies are read.">
        Turn off “Only unread” to see earlier replies.
      </EmptyState>
    ) : (
      <EmptyState icon={<ReplyIcon />} title="No replies yet.">
        {configured
          ? 'When a client answers a text (C to confirm, R for another time, or anything else), it shows here and confirmations reach the board on their own.'
          : 'Connect Twilio in Settings → Text messages; replies from clients then show here.'}
      </EmptyState>
    );
  } else {
    body = (
      <Paper variant="outlined">
        <Table size="small" aria-label="Replies from clients" data-testid="replies">
          <TableHead>
            <TableRow>
              <TableCell>From</TableCell>
              <TableCell>Message</TableCell>
              <TableCell>Received</TableCell>
              <TableCell>What happened</TableCell>
              <TableCell aria-label="Actions" />
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map((reply) => {
              const unread = reply.read_at === null;
              return (
                <TableRow
                  key={reply.inbound_id}
                  data-testid="reply"
                  data-inbound-id={reply.inbound_id}
                  data-handled-as={reply.handled_as}
                  data-unread={unread}
                  sx={unread ? { '& td': { fontWeight: 600 } } : undefined}
                >
                  <TableCell>
                    <From reply={reply} />
                    {unread && <span style={visuallyHidden}> (unread)</span>}
                  </TableCell>
                  <TableCell sx={{ minWidth: 200 }}>{reply.body}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {instantLabel(reply.received_at, timeZone)}
                  </TableCell>
                  <TableCell sx={{ minWidth: 200 }}>
                    <Chip
                      size="small"
                      label={HANDLED_LABELS[reply.handled_as]}
                      color={HANDLED_COLORS[reply.handled_as]}
                      data-testid="reply-handled"
                    />
                    <Typography variant="body2" data-testid="reply-note" sx={{ mt: 0.5 }}>
                      {reply.note}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">
                    {unread && (
                      <Button
                        size="small"
                        disabled={markRead.isPending}
                        onClick={() => markRead.mutate([reply.inbound_id])}
                        sx={{ whiteSpace: 'nowrap' }}
                      >
                        Mark read
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        <PagingFooter paging={paging} total={replies.data.total} />
      </Paper>
    );
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <FormControlLabel
          label="Only unread"
          control={
            <Switch
              checked={unreadOnly}
              onChange={(event) => {
                setUnreadOnly(event.target.checked);
                paging.setPage(0);
              }}
            />
          }
        />
        <Button
          variant="outlined"
          size="small"
          startIcon={<DoneAllIcon />}
          disabled={unreadShown.length === 0 || markRead.isPending}
          onClick={() => markRead.mutate(unreadShown)}
        >
          Mark all shown read
        </Button>
      </Stack>
      {markRead.isError && (
        <Alert severity="error" onClose={() => markRead.reset()}>
          The replies could not be marked read: {markRead.error.message}
        </Alert>
      )}
      {body}
    </Stack>
  );
}
