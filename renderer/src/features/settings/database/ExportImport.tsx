// Settings → Database → Export and import: the business's data to a new folder of JSON files, and
// an export folder's business into this database. The folder comes from the desktop app's folder
// dialog, or is typed in browser mode (the app runs on this same computer). Both show progress and
// end with the counts, or with what was wrong (an import names the file and the document).
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Output } from '../../../../../shared/contract';
import { useApi } from '../../../api/context';
import { ProgressView } from './ProgressView';
import {
  countText,
  dataFoldersKey,
  dateTimeText,
  desktopFolderPicker,
  folderProblems,
  stoppedWaiting,
  type FolderProblem,
} from './shared';
import { useDataProgress } from './useDataProgress';

type Purpose = 'export' | 'import';

function problemText(p: FolderProblem): string {
  const where = p.document
    ? `${p.file}, document ${p.document}${p.line ? ` (line ${p.line})` : ''}`
    : p.line
      ? `${p.file}, line ${p.line}`
      : p.file;
  return `${where}: ${p.message}`;
}

function Refusal({ error }: { error: Error }) {
  const problems = folderProblems(error);
  if (problems.length < 2) return <>{error.message}</>;
  return (
    <>
      Nothing was imported. The folder is not as the export wrote it:
      <Box component="ul" sx={{ my: 0.5, pl: 2.5 }}>
        {problems.map((p, i) => (
          <li key={i}>{problemText(p)}</li>
        ))}
      </Box>
      Export the business again and import that folder.
    </>
  );
}

const TEXT: Record<
  Purpose,
  {
    label: string;
    field: string;
    helper: string;
    button: string;
    pick: string;
    progress: string;
    verb: string;
    about: string;
  }
> = {
  export: {
    label: 'Export',
    field: 'Export to the folder',
    helper: 'A new or empty folder on the computer the app runs on, written as a full path.',
    button: 'Export',
    pick: 'Export…',
    progress: 'Export progress',
    verb: 'Exporting',
    about:
      'Export writes every record of the business — clients, jobs, staff, texts, photos, the history of changes — into a new folder: manifest.json and one JSON file per collection. Keep it as an archive, or import it into another database.',
  },
  import: {
    label: 'Import',
    field: 'Import the folder',
    helper: 'The folder an export made (it holds manifest.json), written as a full path.',
    button: 'Import',
    pick: 'Import…',
    progress: 'Import progress',
    verb: 'Importing',
    about:
      "Import reads a folder an export made and adds its business to this database, with its people's sign-ins. The whole folder is checked first; nothing is imported if any of it is wrong, or if this database already has that business.",
  },
};

function successText(
  purpose: Purpose,
  value: Output<'data.export'> | Output<'data.import'>,
): string {
  const documents = countText(value.documents, 'document');
  const collections = countText(value.collections.length, 'collection');
  if (purpose === 'export') {
    const exported = value as Output<'data.export'>;
    return `Exported ${documents} of ${exported.business.name} in ${collections} to ${exported.folder}, and read them back to check.`;
  }
  const imported = value as Output<'data.import'>;
  return `Imported ${imported.business.name} (exported ${dateTimeText(imported.exported_at)}): ${documents} in ${collections}, every count and checksum checked. Its people can sign in to this database now.`;
}

function FolderRun({
  purpose,
  typed,
  suggested,
  busy,
  onBusy,
}: {
  purpose: Purpose;
  typed: boolean;
  /** Where an export goes unless changed. */
  suggested: string;
  /** The other run is going: one at a time. */
  busy: boolean;
  onBusy(busy: boolean): void;
}) {
  const api = useApi();
  const text = TEXT[purpose];
  const { state, begin } = useDataProgress();
  const [typedFolder, setTypedFolder] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (folder: string): Promise<Output<'data.export'> | Output<'data.import'>> => {
      const input = { folder, operation_id: begin() };
      return purpose === 'export' ? api.data.export(input) : api.data.import(input);
    },
    onMutate: () => onBusy(true),
    onSettled: () => onBusy(false),
  });
  const folder = typedFolder ?? (purpose === 'export' ? suggested : '');
  const start = (chosen: string) => {
    setPickError(null);
    run.mutate(chosen);
  };
  const pickAndRun = async () => {
    const picker = desktopFolderPicker();
    if (!picker) return;
    setPickError(null);
    const chosen = await picker({
      purpose,
      defaultPath: purpose === 'export' && suggested ? suggested : undefined,
    });
    if (!chosen.ok) setPickError(chosen.error.message);
    else if (chosen.value.path) start(chosen.value.path);
  };

  // The browser may stop waiting for a long run: its last progress event says how it ended.
  const waiting = run.isError && stoppedWaiting(run.error);
  const outcome = state.outcome;
  const working = run.isPending || (waiting && !outcome);
  const disabled = busy || working;

  return (
    <Stack
      spacing={1.5}
      component="section"
      aria-label={text.label}
      data-testid={`database-${purpose}`}
    >
      <Typography variant="body2">{text.about}</Typography>
      {typed ? (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}
        >
          <TextField
            label={text.field}
            name={`${purpose}_folder`}
            value={folder}
            onChange={(e) => setTypedFolder(e.target.value)}
            helperText={text.helper}
            sx={{ flex: '1 1 420px', maxWidth: 640 }}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <Button
            variant="outlined"
            disabled={disabled || !folder.trim()}
            onClick={() => start(folder.trim())}
            sx={{ mt: 1 }}
          >
            {text.button}
          </Button>
        </Stack>
      ) : (
        <Box>
          <Button variant="outlined" disabled={disabled} onClick={() => void pickAndRun()}>
            {text.pick}
          </Button>
        </Box>
      )}
      {working && <ProgressView progress={state.latest} label={text.progress} verb={text.verb} />}
      {run.data && (
        <Alert severity="success" data-testid={`database-${purpose}-done`}>
          {successText(purpose, run.data)}
        </Alert>
      )}
      {run.isError && !waiting && (
        <Alert severity="error" data-testid={`database-${purpose}-error`}>
          <Refusal error={run.error} />
        </Alert>
      )}
      {waiting && outcome && (
        <Alert
          severity={outcome.phase === 'failed' ? 'error' : 'success'}
          data-testid={`database-${purpose}-${outcome.phase === 'failed' ? 'error' : 'done'}`}
        >
          {outcome.message}
        </Alert>
      )}
      {pickError && <Alert severity="error">{pickError}</Alert>}
    </Stack>
  );
}

export function ExportImport() {
  const api = useApi();
  const folders = useQuery({ queryKey: dataFoldersKey, queryFn: () => api.data.folders() });
  const [running, setRunning] = useState<Purpose | null>(null);
  // The core decides: browser mode takes typed folders; the desktop app only picked ones.
  const typed = folders.data?.typedFolders ?? !desktopFolderPicker();
  const suggested = folders.data?.suggestedExportFolder ?? '';
  return (
    <Stack spacing={2.5} data-testid="database-export-import">
      {(['export', 'import'] as const).map((purpose) => (
        <FolderRun
          key={purpose}
          purpose={purpose}
          typed={typed}
          suggested={suggested}
          busy={running !== null && running !== purpose}
          onBusy={(busy) => setRunning(busy ? purpose : null)}
        />
      ))}
      {folders.isError && (
        <Alert severity="warning">
          The suggested export folder could not be worked out: {folders.error.message}
        </Alert>
      )}
    </Stack>
  );
}
