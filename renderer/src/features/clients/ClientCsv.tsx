// Moving the client list in and out as CSV: "Import CSV" (choose a file, check the column mapping
// and every row's problems in a preview, then import all at once through clients.importCommit) and
// "Export CSV" (the list as it is searched and filtered now, downloaded as a file).
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { memo, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import {
  clientImportFields,
  type ClientImportField,
  type ImportMapping,
} from '../../../../shared/contract/channels/imports';
import type { Output } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import type { ShownList } from '../records/RecordListPage';
import { recordKeys } from '../records/recordApi';

type Preview = Output<'clients.importPreview'>;

const fieldLabel = (field: string) =>
  (field.charAt(0).toUpperCase() + field.slice(1)).replace(/_/g, ' ');

const IGNORE = '';

function plural(count: number, one: string, many = `${one}s`) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

interface ChosenFile {
  name: string;
  csv: string;
  /** Changes with every file chosen, so the preview of one file is never taken for another's. */
  key: number;
}

function MappingSelects({
  preview,
  mapping,
  onChange,
}: {
  preview: Preview;
  mapping: ImportMapping;
  onChange: (header: string, field: ClientImportField | null) => void;
}) {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
        gap: 1.5,
      }}
      data-testid="import-mapping"
    >
      {preview.headers.map((header, i) => (
        <TextField
          key={`${header}-${i}`}
          select
          size="small"
          label={header || `Column ${i + 1}`}
          value={mapping[header] ?? IGNORE}
          onChange={(e) =>
            onChange(
              header,
              e.target.value === IGNORE ? null : (e.target.value as ClientImportField),
            )
          }
          slotProps={{ htmlInput: { 'data-testid': `map-${header}` } }}
        >
          <MenuItem value={IGNORE}>
            <em>Ignore</em>
          </MenuItem>
          {clientImportFields.map((field) => (
            <MenuItem key={field} value={field}>
              {fieldLabel(field)}
            </MenuItem>
          ))}
        </TextField>
      ))}
    </Box>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const fields = clientImportFields.filter((f) =>
    preview.rows.some((r) => r.values[f] !== undefined),
  );
  return (
    <TableContainer sx={{ maxHeight: 260, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label="Import preview" data-testid="import-preview">
        <TableHead>
          <TableRow>
            <TableCell>Line</TableCell>
            <TableCell />
            {fields.map((f) => (
              <TableCell key={f}>{fieldLabel(f)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.rows.map((row) => (
            <TableRow key={row.row}>
              <TableCell>{row.row}</TableCell>
              <TableCell>
                {!row.valid && <Chip size="small" color="error" label="Error" />}
                {row.duplicate && <Chip size="small" color="warning" label="Duplicate" />}
              </TableCell>
              {fields.map((f) => (
                <TableCell key={f}>{String(row.values[f] ?? '')}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ErrorReport({ preview }: { preview: Preview }) {
  if (!preview.errors.length) return null;
  return (
    <TableContainer sx={{ maxHeight: 220, border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label="Row errors" data-testid="import-errors">
        <TableHead>
          <TableRow>
            <TableCell>Line</TableCell>
            <TableCell>Field</TableCell>
            <TableCell>Problem</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {preview.errors.map((error, i) => (
            <TableRow key={`${error.row}-${error.field}-${i}`} data-testid="import-error">
              <TableCell>{error.row}</TableCell>
              <TableCell>
                {error.field ? fieldLabel(error.field) : 'Row'}
                {error.column &&
                error.column.toLowerCase() !== fieldLabel(error.field).toLowerCase()
                  ? ` (${error.column})`
                  : ''}
              </TableCell>
              <TableCell>{error.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  /** The mapping chosen; null follows the suggested one. */
  const [chosen, setChosen] = useState<ImportMapping | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [skipDuplicates, setSkipDuplicates] = useState(false);

  const preview = useQuery({
    queryKey: ['clients.importPreview', { file: file?.key, mapping: chosen }],
    queryFn: () =>
      api.clients.importPreview({ csv: file?.csv ?? '', ...(chosen ? { mapping: chosen } : {}) }),
    enabled: file !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const data = file ? preview.data : undefined;
  const mapping = chosen ?? data?.suggested_mapping ?? {};

  const commit = useMutation({
    mutationFn: () =>
      api.clients.importCommit({
        csv: file?.csv ?? '',
        mapping,
        skip_invalid: skipInvalid,
        skip_duplicates: skipDuplicates,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recordKeys.list('clients') }),
  });

  const choose = async (picked: File | undefined) => {
    setReadError(null);
    setChosen(null);
    commit.reset();
    if (!picked) return setFile(null);
    try {
      setFile({ name: picked.name, csv: await picked.text(), key: Date.now() });
    } catch (error) {
      setFile(null);
      setReadError(`Could not read ${picked.name}: ${(error as Error).message}`);
    }
  };

  const close = () => {
    setFile(null);
    setChosen(null);
    setReadError(null);
    commit.reset();
    onClose();
  };

  const done = commit.data;
  return (
    <Dialog open={open} onClose={close} maxWidth="lg" fullWidth aria-labelledby="import-title">
      <DialogTitle id="import-title">Import clients from CSV</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
              Choose CSV file
              <input
                hidden
                type="file"
                accept=".csv,text/csv"
                data-testid="import-file"
                onChange={(e) => {
                  void choose(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </Button>
            <Typography color="text.secondary">
              {file ? file.name : 'The first line must name the columns.'}
            </Typography>
          </Stack>
          {readError && <Alert severity="error">{readError}</Alert>}
          {preview.isFetching && <LinearProgress aria-label="Reading the file" />}
          {file && preview.error && (
            <Alert severity="error">Could not read the file: {preview.error.message}</Alert>
          )}
          {data && (
            <>
              <Typography variant="subtitle1" component="h2">
                Columns
              </Typography>
              <MappingSelects
                preview={data}
                mapping={mapping}
                onChange={(header, field) => {
                  commit.reset();
                  setChosen({ ...mapping, [header]: field });
                }}
              />
              {data.missing_fields.length > 0 && (
                <Alert severity="warning">
                  No column fills {data.missing_fields.map(fieldLabel).join(', ')}.
                </Alert>
              )}
              <Typography data-testid="import-counts">
                {plural(data.row_count, 'row')} · {data.valid_count.toLocaleString('en-US')} valid ·{' '}
                {plural(data.error_count, 'error')} · {plural(data.duplicate_count, 'duplicate')}
              </Typography>
              <Typography variant="subtitle1" component="h2">
                First rows
              </Typography>
              <PreviewTable preview={data} />
              {data.errors.length > 0 && (
                <Typography variant="subtitle1" component="h2">
                  Problems
                </Typography>
              )}
              <ErrorReport preview={data} />
              <Stack direction="row" spacing={2}>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={skipInvalid}
                      onChange={(e) => {
                        commit.reset();
                        setSkipInvalid(e.target.checked);
                      }}
                    />
                  }
                  label="Skip invalid rows"
                />
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={skipDuplicates}
                      onChange={(e) => {
                        commit.reset();
                        setSkipDuplicates(e.target.checked);
                      }}
                    />
                  }
                  label="Skip duplicates"
                />
              </Stack>
            </>
          )}
          {commit.isPending && <LinearProgress aria-label="Importing" />}
          {commit.error && (
            <Alert severity="error" data-testid="import-refused">
              {commit.error.message}
            </Alert>
          )}
          {done && (
            <Alert severity="success" data-testid="import-result">
              Imported {plural(done.imported, 'client')}, skipped {done.skipped.toLocaleString()}.
            </Alert>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{done ? 'Close' : 'Cancel'}</Button>
        {!done && (
          <Button
            variant="contained"
            disabled={!data || preview.isFetching || commit.isPending}
            onClick={() => commit.mutate()}
          >
            Import
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Import and export; the export holds the rows the list shows (`shown`: its search and filters). */
export const ClientCsvActions = memo(function ClientCsvActions({ shown }: { shown: ShownList }) {
  // The list's question changes with every key typed, and only the export reads it, when clicked:
  // the buttons and the (closed) import dialog are not drawn again for each answer.
  const question = useRef(shown);
  useLayoutEffect(() => {
    question.current = shown;
  });
  return <CsvButtons question={question} />;
});

const CsvButtons = memo(function CsvButtons({ question }: { question: RefObject<ShownList> }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const exportCsv = useMutation({
    mutationFn: () => api.clients.exportCsv(question.current),
    onSuccess: (file) => download(file.file_name, file.csv),
  });
  return (
    <>
      <Button startIcon={<UploadFileIcon />} onClick={() => setOpen(true)}>
        Import CSV
      </Button>
      <Button
        startIcon={<DownloadIcon />}
        disabled={exportCsv.isPending}
        onClick={() => exportCsv.mutate()}
        title={exportCsv.error ? `Export failed: ${exportCsv.error.message}` : undefined}
      >
        Export CSV
      </Button>
      {exportCsv.error && (
        <Typography color="error" variant="body2" role="alert">
          Export failed: {exportCsv.error.message}
        </Typography>
      )}
      <ImportDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
});
