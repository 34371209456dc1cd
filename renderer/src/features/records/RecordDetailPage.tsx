// The detail/edit page every record area shares: a header with delete (confirmed) or restore,
// tabs — Details (the form), the area's own tabs, History — and creating a new record.
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import RestoreIcon from '@mui/icons-material/RestoreFromTrash';
import {
  Alert,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Paper,
  Skeleton,
  Stack,
  Tab,
  Tabs,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/context';
import { HistoryTab } from './HistoryTab';
import { RecordFields } from './RecordFields';
import { recordApi, recordKeys, type RecordAreaName, type RecordDoc } from './recordApi';
import type { FieldSpec } from './fields';
import { useRecordForm } from './useRecordForm';

export interface RecordTab {
  key: string;
  label: string;
  render: (record: RecordDoc) => ReactNode;
}

export interface RecordDetailPageProps {
  area: RecordAreaName;
  idField: string;
  basePath: string;
  /** Singular and plural nouns ("client", "clients"). */
  noun: [string, string];
  fields: FieldSpec[];
  /** Starting values of a new record. */
  defaults?: Record<string, unknown>;
  /** Data a new record carries besides its fields; null while it is not known yet. */
  createData?: (() => Record<string, unknown>) | null;
  titleOf: (record: RecordDoc) => string;
  /** Shown above the form on the Details tab (figures, the client's map-pin slot). */
  aside?: (record: RecordDoc | null) => ReactNode;
  tabs?: RecordTab[];
  /** Names of records the history mentions by id. */
  refs?: Record<string, string>;
}

export function RecordDetailPage(props: RecordDetailPageProps) {
  const { id } = useParams<{ id: string }>();
  return id ? <ExistingRecord {...props} id={id} /> : <RecordEditor {...props} record={null} />;
}

function ExistingRecord(props: RecordDetailPageProps & { id: string }) {
  const api = useApi();
  const query = useQuery({
    queryKey: recordKeys.get(props.area, props.id),
    queryFn: () => recordApi(api, props.area).get({ id: props.id }),
  });
  if (query.error) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">
          Could not open this {props.noun[0]}: {query.error.message}
        </Alert>
        <Button component={RouterLink} to={props.basePath} sx={{ mt: 2 }}>
          Back to {props.noun[1]}
        </Button>
      </Box>
    );
  }
  if (!query.data) {
    return (
      <Box sx={{ p: 3 }}>
        <Skeleton variant="text" width={280} height={40} />
        <Skeleton variant="rounded" height={320} />
      </Box>
    );
  }
  return <RecordEditor {...props} record={query.data} refetch={query.refetch} />;
}

function RecordEditor(
  props: RecordDetailPageProps & {
    record: RecordDoc | null;
    refetch?: () => Promise<unknown>;
  },
) {
  const { area, record, noun, basePath, idField } = props;
  const id = record ? String(record[idField]) : null;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const form = useRecordForm({
    area,
    fields: props.fields,
    record,
    id,
    defaults: props.defaults,
    createData: props.createData ?? undefined,
    refetch: props.refetch,
  });
  const deleted = Boolean(record?.deleted_at);
  const tabs: RecordTab[] = record
    ? [
        ...(props.tabs ?? []),
        {
          key: 'history',
          label: 'History',
          render: () => <HistoryTab area={area} id={id ?? ''} refs={props.refs} />,
        },
      ]
    : [];
  const tab = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab') : 'details';

  const save = async () => {
    const saved = await form.save();
    if (saved && !record) void navigate(`${basePath}/${String(saved[idField])}`, { replace: true });
  };

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 1100 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }}>
        <IconButton component={RouterLink} to={basePath} aria-label={`Back to ${noun[1]}`}>
          <ArrowBackIcon />
        </IconButton>
        <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {record ? props.titleOf(record) : `New ${noun[0]}`}
        </Typography>
        {deleted && <Chip color="warning" label="Deleted" />}
        {record && !deleted && <DeleteButton {...props} record={record} id={id ?? ''} />}
      </Stack>
      {record && deleted && <RestoreBanner {...props} record={record} id={id ?? ''} />}
      {form.conflict && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="conflict">
          {form.conflict}
        </Alert>
      )}
      {record && (
        <Tabs
          value={tab}
          onChange={(_e, next: string) =>
            setParams(
              (prev) => {
                const p = new URLSearchParams(prev);
                if (next === 'details') p.delete('tab');
                else p.set('tab', next);
                return p;
              },
              { replace: true },
            )
          }
          sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
        >
          <Tab value="details" label="Details" />
          {tabs.map((t) => (
            <Tab key={t.key} value={t.key} label={t.label} />
          ))}
        </Tabs>
      )}
      {tab === 'details' || !record ? (
        <Stack spacing={2}>
          {props.aside?.(record)}
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Box
              component="form"
              noValidate
              aria-label={`${noun[0]} details`}
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <RecordFields fields={props.fields} form={form} disabled={deleted} />
              {form.formError && (
                <Alert severity="error" sx={{ mt: 2 }}>
                  {form.formError}
                </Alert>
              )}
              {!deleted && (
                <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'flex-end' }}>
                  {record && (
                    <Button onClick={form.reset} disabled={!form.changed.length || form.saving}>
                      Discard changes
                    </Button>
                  )}
                  <Button
                    type="submit"
                    variant="contained"
                    disabled={
                      form.saving ||
                      (record !== null && !form.changed.length) ||
                      props.createData === null
                    }
                  >
                    {record ? 'Save changes' : `Create ${noun[0]}`}
                  </Button>
                </Stack>
              )}
            </Box>
          </Paper>
        </Stack>
      ) : (
        record && tabs.find((t) => t.key === tab)?.render(record)
      )}
    </Box>
  );
}

function useLifecycle(
  props: RecordDetailPageProps & { record: RecordDoc; id: string },
  action: 'remove' | 'restore',
  onDone?: () => void,
) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      recordApi(api, props.area)[action]({ id: props.id, version: props.record.version }),
    // Here rather than in mutate(): the record turning deleted unmounts the button that asked.
    onSuccess: async (saved) => {
      onDone?.();
      queryClient.setQueryData(recordKeys.get(props.area, props.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: recordKeys.list(props.area) }),
        queryClient.invalidateQueries({ queryKey: recordKeys.history(props.area, props.id) }),
      ]);
    },
    onError: () =>
      queryClient.invalidateQueries({ queryKey: recordKeys.get(props.area, props.id) }),
  });
}

function DeleteButton(props: RecordDetailPageProps & { record: RecordDoc; id: string }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const remove = useLifecycle(props, 'remove', () => {
    setOpen(false);
    void navigate(props.basePath);
  });
  const name = props.titleOf(props.record);
  return (
    <>
      <Button color="error" startIcon={<DeleteIcon />} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="delete-title">
        <DialogTitle id="delete-title">Delete this {props.noun[0]}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {name} will be hidden from the {props.noun[1]} list and from pickers. Nothing is lost:
            turn on “Show deleted” in the list to find and restore it.
          </DialogContentText>
          {remove.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {remove.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

function RestoreBanner(props: RecordDetailPageProps & { record: RecordDoc; id: string }) {
  const restore = useLifecycle(props, 'restore');
  const at = props.record.deleted_at ? new Date(props.record.deleted_at).toLocaleString() : '';
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        <Button
          color="inherit"
          startIcon={<RestoreIcon />}
          disabled={restore.isPending}
          onClick={() => restore.mutate()}
        >
          Restore
        </Button>
      }
    >
      This {props.noun[0]} was deleted on {at}. Restore it to edit it and to see it in lists again.
      {restore.error && ` ${restore.error.message}`}
    </Alert>
  );
}
