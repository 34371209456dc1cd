// Settings → Database → Where the data is: on this computer or a server (shown without its
// credentials), and — while on a server — the copy left on this computer: switch back to it, or
// remove it for good (each after a confirmation naming the folder and the date of the copy).
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import type { DatabaseStatus } from '../../../../../shared/contract';
import { useApi } from '../../../api/context';
import { bytesText, databaseStatusKey, dateTimeText } from './shared';

function Confirm({
  open,
  title,
  children,
  action,
  danger,
  pending,
  error,
  onCancel,
  onConfirm,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  action: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onCancel(): void;
  onConfirm(): void;
  testId: string;
}) {
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          {children}
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color={danger ? 'error' : 'primary'}
          disabled={pending}
          startIcon={pending ? <CircularProgress size={16} /> : undefined}
          onClick={onConfirm}
        >
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function WhereData({ status }: { status: DatabaseStatus }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'switch' | 'remove' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const copy = status.embeddedCopy;
  const copiedWhen = copy?.copiedAt ? dateTimeText(copy.copiedAt) : null;

  const useLocal = useMutation({
    mutationFn: () => api.database.useEmbedded(),
    onMutate: () => setDone(null),
    onSuccess: async (result) => {
      setConfirm(null);
      queryClient.setQueryData(databaseStatusKey, result.status);
      setDone('Switched: the app uses the database on this computer now.');
      // Every page's data now comes from this computer.
      await queryClient.invalidateQueries();
    },
  });
  const remove = useMutation({
    mutationFn: (folder: string) => api.database.removeEmbeddedCopy({ folder }),
    onMutate: () => setDone(null),
    onSuccess: (result) => {
      setConfirm(null);
      queryClient.setQueryData(databaseStatusKey, result.status);
      setDone(`Removed ${result.removed} (${bytesText(result.bytes)}).`);
    },
  });

  return (
    <Stack spacing={1.5} data-testid="database-where">
      <Box
        component="dl"
        sx={{
          m: 0,
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: 2,
          rowGap: 0.5,
          typography: 'body2',
        }}
      >
        <Box component="dt" sx={{ color: 'text.secondary' }}>
          The data is
        </Box>
        <Box component="dd" sx={{ m: 0 }} data-testid="database-server">
          {status.kind === 'embedded' ? 'On this computer' : `On the server ${status.server}`}
        </Box>
        {status.kind === 'uri' && (
          <>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              Its address is kept in
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {status.secretStore}
            </Box>
          </>
        )}
      </Box>
      {status.environmentDecides && (
        <Alert severity="info" data-testid="database-environment">
          The MONGODB_URI environment variable chose this database when the app started, so it
          cannot be switched here. Start the app without it to choose the database in Settings.
        </Alert>
      )}
      {copy && (
        <Alert severity="info" data-testid="database-embedded-copy">
          A copy of the data remains on this computer in {copy.folder} ({bytesText(copy.bytes)})
          {copiedWhen ? `, as it was when it was copied on ${copiedWhen}` : ''}. Changes made on the
          server since are not in it.
        </Alert>
      )}
      {copy && !status.environmentDecides && (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button variant="outlined" onClick={() => setConfirm('switch')}>
            Use the database on this computer
          </Button>
          <Button color="error" onClick={() => setConfirm('remove')}>
            Remove the copy on this computer
          </Button>
        </Stack>
      )}
      {copy && status.environmentDecides && (
        <Box>
          <Button color="error" onClick={() => setConfirm('remove')}>
            Remove the copy on this computer
          </Button>
        </Box>
      )}
      <Typography variant="body2" color="text.secondary" role="status">
        {done ?? ''}
      </Typography>

      {copy && (
        <Confirm
          open={confirm === 'switch'}
          title="Use the database on this computer?"
          action="Switch now"
          pending={useLocal.isPending}
          error={useLocal.error?.message ?? null}
          onCancel={() => setConfirm(null)}
          onConfirm={() => useLocal.mutate()}
          testId="database-use-local-dialog"
        >
          <DialogContentText>
            The app switches now, for everyone on this computer, to the data in {copy.folder}
            {copiedWhen ? ` as it was on ${copiedWhen}` : ''}. Changes made on {status.server} since
            then are not in it; they stay on the server.
          </DialogContentText>
        </Confirm>
      )}
      {copy && (
        <Confirm
          open={confirm === 'remove'}
          title="Remove the copy on this computer?"
          action="Remove the copy"
          danger
          pending={remove.isPending}
          error={remove.error?.message ?? null}
          onCancel={() => setConfirm(null)}
          onConfirm={() => remove.mutate(copy.folder)}
          testId="database-remove-copy-dialog"
        >
          <DialogContentText>
            This deletes the folder {copy.folder} ({bytesText(copy.bytes)})
            {copiedWhen ? `, the copy made on ${copiedWhen},` : ''} and everything in it, for every
            business it holds. It cannot be undone. The data on {status.server} is not touched.
          </DialogContentText>
        </Confirm>
      )}
    </Stack>
  );
}
