// A data move's progress: the phase in words, a bar for the collection being worked on, and which
// collection of how many it is.
import { Box, LinearProgress, Stack, Typography } from '@mui/material';
import type { DataProgress } from '../../../../../shared/contract';

const PHASES: Record<DataProgress['phase'], string> = {
  checking: 'Checking',
  copying: 'Copying',
  verifying: 'Checking counts',
  switching: 'Switching to the server',
  cleaning_up: 'Removing what was written',
  done: 'Done',
  failed: 'Stopped',
};

/** "Copying appointments: 400 of 1,949 (collection 2 of 17)". */
export function progressText(p: DataProgress, verb?: string): string {
  const phase = p.phase === 'copying' && verb ? verb : PHASES[p.phase];
  if (!p.collection) return `${phase}…`;
  const where = p.steps ? ` (collection ${p.step} of ${p.steps})` : '';
  return `${phase} ${p.collection}: ${p.done.toLocaleString()} of ${p.total.toLocaleString()}${where}`;
}

export function ProgressView({
  progress,
  label,
  verb,
}: {
  progress: DataProgress | null;
  /** The bar's accessible name: "Copy progress". */
  label: string;
  /** What `copying` is called for this operation: "Exporting", "Importing". */
  verb?: string;
}) {
  const determinate = progress?.collection && progress.total > 0;
  const value = determinate ? Math.min(100, (progress.done / progress.total) * 100) : undefined;
  return (
    <Stack spacing={0.75} data-testid="data-progress" data-phase={progress?.phase ?? 'starting'}>
      <LinearProgress
        aria-label={label}
        variant={determinate ? 'determinate' : 'indeterminate'}
        value={value}
      />
      <Box>
        <Typography variant="body2" color="text.secondary" role="status">
          {progress ? progressText(progress, verb) : 'Starting…'}
        </Typography>
      </Box>
    </Stack>
  );
}
