// Settings → Database → Where the data is: on this computer or a server (shown without its
// credentials), and — while on a server — the copy left on this computer: switch back to it, or
// remove it for good (each after a confirmation naming the folder and the date of the copy).
import { Alert, Box, Button, DialogContentText, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DatabaseStatus } from '../../../../../shared/contract';
import { useApi } from '../../../api/context';
import { ConfirmDialog } from '../form/ConfirmDialog';
import { Fact, Facts } from '../form/Facts';
import { bytesText, databaseStatusKey, dateTimeText } from './shared';

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
      <Facts>
        <Fact label="The data is" testId="database-server">
          {status.kind === 'embedded' ? 'On this computer' : `On the server ${status.server}`}
        </Fact>
        {status.kind === 'uri' && <Fact label="Its address is kept in">{status.secretStore}</Fact>}
      </Facts>
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
        <ConfirmDialog
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
        </ConfirmDialog>
      )}
      {copy && (
        <ConfirmDialog
          open={confirm === 'remove'}
          title="Remove the copy on this computer?"
          action="Remove the copy"
          color="error"
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
        </ConfirmDialog>
      )}
    </Stack>
  );
}
