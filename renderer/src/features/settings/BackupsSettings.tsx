// Settings → Backups: backups of the database on this computer — the daily automatic ones and how
// the last went, "Back up now", and each backup with Restore… (after a confirmation naming its
// date) and, for manual ones, Delete. With the data on another server, it says where to look.
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupItem, BackupsStatus } from '../../../../shared/contract/channels/backups';
import { useApi } from '../../api/context';
import { LoadFailed } from '../../components/LoadFailed';
import { visuallyHidden } from '../../components/visuallyHidden';
import { DeleteDialog, RestoreDialog } from './backups/BackupDialogs';
import { backupSize, backupTime, backupsKey, countOf, kindLabel } from './backups/format';
import { Waiting } from './form/Waiting';
import type { SettingsSectionProps } from './SettingsPage';

function AutomaticSummary({ status, timeZone }: { status: BackupsStatus; timeZone: string }) {
  return (
    <Stack spacing={1} data-testid="backups-automatic">
      <Typography variant="body2">
        {status.last_automatic_at
          ? `Last automatic backup: ${backupTime(status.last_automatic_at, timeZone)}.`
          : 'No automatic backup yet: one is made within the hour while the app is running.'}{' '}
        The app backs up the database once a day and keeps the newest {status.keep_automatic}{' '}
        automatic backups. Manual backups are kept until you delete them.
      </Typography>
      {status.last_failure && (
        <Alert severity="error" data-testid="backups-last-failure">
          The automatic backup of {backupTime(status.last_failure.at, timeZone)} failed:{' '}
          {status.last_failure.message} The app tries again within the hour; use Back up now to try
          at once.
        </Alert>
      )}
      {status.folder && (
        <Typography variant="body2" color="text.secondary">
          Backups are saved in <code>{status.folder}</code>. Copy that folder elsewhere (another
          disk, a cloud drive) to keep them safe if this computer is lost.
        </Typography>
      )}
    </Stack>
  );
}

function BackupRow({
  item,
  timeZone,
  busy,
  onRestore,
  onDelete,
}: {
  item: BackupItem;
  timeZone: string;
  busy: boolean;
  onRestore: (item: BackupItem) => void;
  onDelete: (item: BackupItem) => void;
}) {
  const when = backupTime(item.created_at, timeZone);
  return (
    <TableRow data-testid="backup-row" data-file={item.file} data-kind={item.kind}>
      <TableCell>
        <Tooltip title={item.file}>
          <span>{when}</span>
        </Tooltip>
      </TableCell>
      <TableCell>
        {kindLabel[item.kind]}
        {item.damaged && (
          <Chip size="small" color="error" label="Damaged" sx={{ ml: 1 }} variant="outlined" />
        )}
        {item.damaged && item.problem && (
          <Typography variant="caption" color="error" component="div">
            {item.problem}
          </Typography>
        )}
      </TableCell>
      <TableCell align="right">{backupSize(item.bytes)}</TableCell>
      <TableCell align="right">{countOf(item, 'clients')}</TableCell>
      <TableCell align="right">{countOf(item, 'appointments')}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {!item.damaged && (
          <Button
            size="small"
            disabled={busy}
            onClick={() => onRestore(item)}
            aria-label={`Restore the backup of ${when}`}
          >
            Restore…
          </Button>
        )}
        {item.kind !== 'automatic' && (
          <Button
            size="small"
            color="error"
            disabled={busy}
            onClick={() => onDelete(item)}
            aria-label={`Delete the backup of ${when}`}
          >
            Delete
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}

function BackupList({
  items,
  timeZone,
  busy,
  onRestore,
  onDelete,
}: {
  items: BackupItem[];
  timeZone: string;
  busy: boolean;
  onRestore: (item: BackupItem) => void;
  onDelete: (item: BackupItem) => void;
}) {
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" role="status" data-testid="backups-empty">
        No backups yet. Click Back up now to make one; the app also makes one every day while it
        runs.
      </Typography>
    );
  }
  return (
    <TableContainer>
      <Table size="small" aria-label="Backups" data-testid="backups-list">
        <TableHead>
          <TableRow>
            <TableCell>Made</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell align="right">Clients</TableCell>
            <TableCell align="right">Jobs</TableCell>
            <TableCell align="right">
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <BackupRow
              key={item.file}
              item={item}
              timeZone={timeZone}
              busy={busy}
              onRestore={onRestore}
              onDelete={onDelete}
            />
          ))}
        </TableBody>
      </Table>
      <Typography variant="caption" color="text.secondary">
        Counts cover every business in the database on this computer (deleted records left out).
      </Typography>
    </TableContainer>
  );
}

function BackupsManager({ timeZone }: { timeZone: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: backupsKey, queryFn: () => api.backups.list() });
  const [done, setDone] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupItem | null>(null);
  const [deleting, setDeleting] = useState<BackupItem | null>(null);

  const create = useMutation({
    mutationFn: () => api.backups.create(),
    onMutate: () => setDone(null),
    onSuccess: (item) =>
      setDone(`Backed up: the data as of ${backupTime(item.created_at, timeZone)}.`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const restore = useMutation({
    mutationFn: (item: BackupItem) => api.backups.restore({ file: item.file }),
    onMutate: () => setDone(null),
    onSuccess: async ({ restored }) => {
      setRestoring(null);
      setDone(
        `Restored the backup of ${backupTime(restored.created_at, timeZone)}. The data as it was just before is kept as a "Before restore" backup.`,
      );
      // Every cached answer came from the data that was replaced.
      await queryClient.invalidateQueries();
    },
    onError: () => queryClient.invalidateQueries({ queryKey: backupsKey }),
  });
  const remove = useMutation({
    mutationFn: (item: BackupItem) => api.backups.remove({ file: item.file }),
    onMutate: () => setDone(null),
    onSuccess: () => {
      setDeleting(null);
      setDone('The backup was deleted.');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: backupsKey }),
  });

  if (status.isPending) return <Waiting label="Looking for backups" />;
  if (status.isError) {
    return (
      <LoadFailed what="The backups" error={status.error} onRetry={() => void status.refetch()} />
    );
  }
  if (!status.data.available) {
    return (
      <Alert severity="info" data-testid="backups-unavailable">
        The app makes backups only of the database on this computer. {status.data.reason}
      </Alert>
    );
  }

  const busy = create.isPending || restore.isPending || remove.isPending;
  return (
    <Stack spacing={2.5} data-testid="backups">
      <AutomaticSummary status={status.data} timeZone={timeZone} />
      <Stack
        direction="row"
        spacing={1.5}
        sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        useFlexGap
      >
        <Button
          variant="contained"
          disabled={busy}
          onClick={() => create.mutate()}
          startIcon={create.isPending ? <CircularProgress size={16} color="inherit" /> : undefined}
        >
          {create.isPending ? 'Backing up…' : 'Back up now'}
        </Button>
        <Typography variant="body2" color="text.secondary" role="status" data-testid="backups-done">
          {create.isPending
            ? 'Backing up the whole database; this takes a few seconds for a large one.'
            : (done ?? '')}
        </Typography>
      </Stack>
      {create.error && (
        <Alert severity="error" data-testid="backups-error">
          {create.error.message}
        </Alert>
      )}
      <BackupList
        items={status.data.items}
        timeZone={timeZone}
        busy={busy}
        onRestore={(item) => {
          restore.reset();
          setRestoring(item);
        }}
        onDelete={(item) => {
          remove.reset();
          setDeleting(item);
        }}
      />
      <RestoreDialog
        item={restoring}
        timeZone={timeZone}
        pending={restore.isPending}
        error={restore.error?.message ?? null}
        onCancel={() => setRestoring(null)}
        onConfirm={(item) => restore.mutate(item)}
      />
      <DeleteDialog
        item={deleting}
        timeZone={timeZone}
        pending={remove.isPending}
        error={remove.error?.message ?? null}
        onCancel={() => setDeleting(null)}
        onConfirm={(item) => remove.mutate(item)}
      />
    </Stack>
  );
}

export function BackupsSettings({ business, canEdit }: SettingsSectionProps) {
  if (!canEdit) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="backups-read-only">
        Only owners and admins can make and restore backups.
      </Typography>
    );
  }
  return <BackupsManager timeZone={business.timezone} />;
}
