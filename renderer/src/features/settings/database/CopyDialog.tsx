// "Copy my data and switch": a guided dialog — the server is tested, the business's data is copied
// with a progress bar per collection, every collection's count and checksum is checked on the
// server, and the app switches to it without a restart. Any failure says what happened and what
// to do; the app then stays on this computer with nothing left on the server.
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
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import type { DataPhase, Output } from '../../../../../shared/contract';
import { useApi } from '../../../api/context';
import { ProgressView } from './ProgressView';
import { countText, stoppedWaiting } from './shared';
import { useDataProgress } from './useDataProgress';

const STEPS = ['Test the server', 'Copy the data', 'Check the counts', 'Switch'];

/** Which step a phase of the work belongs to. */
const STEP_OF: Partial<Record<DataPhase, number>> = {
  checking: 0,
  copying: 1,
  verifying: 2,
  switching: 3,
};

/** The server's address without its user name and password. */
export function serverOf(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return 'the server';
  }
}

type Copied = Output<'database.copyTo'>;

export function CopyDialog({
  open,
  uri,
  businessName,
  onClose,
}: {
  open: boolean;
  uri: string;
  businessName: string;
  onClose(): void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const titleId = useId();
  const { state, begin, reset } = useDataProgress();
  const server = serverOf(uri);

  const test = useMutation({ mutationFn: () => api.database.test({ uri }) });
  const copy = useMutation({
    mutationFn: () => api.database.copyTo({ uri, operation_id: begin() }),
    // Every page's data now comes from the server.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const { mutate: runTest, reset: resetTest } = test;
  const { reset: resetCopy } = copy;

  useEffect(() => {
    if (!open) return;
    resetCopy();
    reset();
    runTest();
  }, [open, uri, runTest, resetCopy, reset]);

  // The browser may stop waiting for a long copy: its last progress event says how it ended.
  const waitingOnEvents = copy.isError && stoppedWaiting(copy.error);
  const outcome = state.outcome;
  useEffect(() => {
    if (waitingOnEvents && outcome?.phase === 'done') void queryClient.invalidateQueries();
  }, [waitingOnEvents, outcome, queryClient]);

  const copied: Copied | null = copy.data ?? null;
  const switched = copied !== null || (waitingOnEvents && outcome?.phase === 'done');
  const failure =
    copy.isError && !waitingOnEvents
      ? copy.error.message
      : waitingOnEvents && outcome?.phase === 'failed'
        ? (outcome.message ?? 'The copy failed.')
        : null;
  const copying = copy.isPending || (waitingOnEvents && !outcome);
  const testFailed = test.data && !test.data.ok ? test.data.message : null;
  const testError = test.isError ? test.error.message : null;

  let active = 0;
  if (switched) active = 4;
  else if (copying || failure) active = STEP_OF[state.reached ?? 'checking'] ?? 0;
  else if (test.data?.ok) active = 1;
  const failedStep = testFailed || testError ? 0 : failure ? active : -1;

  const close = () => {
    if (copying) return;
    resetTest();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      data-testid="database-copy-dialog"
    >
      <DialogTitle id={titleId}>Copy my data and switch</DialogTitle>
      <DialogContent>
        <Stepper activeStep={active} alternativeLabel sx={{ mb: 3 }}>
          {STEPS.map((label, index) => (
            <Step key={label} completed={index < active}>
              <StepLabel error={index === failedStep}>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>

        {test.isPending && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <CircularProgress size={18} aria-label="Testing the server" />
            <Typography variant="body2">Testing {server}…</Typography>
          </Stack>
        )}
        {(testFailed || testError) && (
          <Alert severity="error" data-testid="database-copy-error">
            {testFailed ?? testError} Nothing was copied; the app still uses the database on this
            computer.
          </Alert>
        )}

        {test.data?.ok && !copying && !switched && !failure && (
          <Stack spacing={1.5}>
            <Alert severity="success">{test.data.message}</Alert>
            <DialogContentText>
              {businessName}&apos;s data is copied to {server}, and every collection is counted and
              checked there. Meanwhile the app pauses for everyone on this computer. Then it
              switches to the server, without a restart.
            </DialogContentText>
            <DialogContentText>
              The database on this computer is kept as it is until you remove it. If anything fails,
              nothing is left on the server and the app stays on this computer.
            </DialogContentText>
          </Stack>
        )}

        {copying && <ProgressView progress={state.latest} label="Copy progress" verb="Copying" />}

        {failure && (
          <Alert severity="error" data-testid="database-copy-error">
            {failure}
          </Alert>
        )}

        {switched && (
          <Stack spacing={2} data-testid="database-copy-done">
            <Alert severity="success">
              {copied
                ? `Switched: the app uses ${copied.server} now. ${countText(copied.documents, 'document')} copied, and every count and checksum checked out.`
                : (outcome?.message ?? 'Switched.')}
            </Alert>
            <Typography variant="body2" color="text.secondary">
              The copy on this computer is kept until you remove it under Settings → Database.
            </Typography>
            {copied && (
              <Box sx={{ maxHeight: 240, overflow: 'auto' }}>
                <Table size="small" aria-label="Documents copied per collection">
                  <TableHead>
                    <TableRow>
                      <TableCell>Collection</TableCell>
                      <TableCell align="right">Documents</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {copied.collections
                      .filter((c) => c.count > 0)
                      .map((c) => (
                        <TableRow key={c.collection}>
                          <TableCell>{c.collection}</TableCell>
                          <TableCell align="right">{c.count.toLocaleString()}</TableCell>
                        </TableRow>
                      ))}
                  </TableBody>
                </Table>
              </Box>
            )}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        {!switched && (
          <Button onClick={close} disabled={copying}>
            {failure || testFailed || testError ? 'Close' : 'Cancel'}
          </Button>
        )}
        {test.data?.ok && !switched && !failure && (
          <Button
            variant="contained"
            disabled={copying}
            startIcon={copying ? <CircularProgress size={16} /> : undefined}
            onClick={() => copy.mutate()}
          >
            Copy and switch
          </Button>
        )}
        {switched && (
          <Button variant="contained" onClick={close}>
            Done
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
