// A client's jobs: the upcoming ones, then the history with its totals.
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Button,
  Chip,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { clockRange, localDateOf } from '../../../../shared/time';
import { useApi } from '../../api/context';
import { EmptyState } from '../../components/EmptyState';
import { dateLabel, formatMoney, jobDateKey, type Job } from '../jobs/jobModel';
import { useJobDialogs } from '../jobs/JobDialogs';
import { STATUS_COLORS, STATUS_LABELS } from '../jobs/statusLabels';
import { useLookups, useTimeZone } from '../jobs/useJobData';
import type { RecordDoc } from '../records/recordApi';

/** A client's jobs fit in one page; far more than any one client books. */
const JOBS_LIMIT = 500;

function JobsTable({ jobs, title, testId }: { jobs: Job[]; title: string; testId: string }) {
  const { openJob } = useJobDialogs();
  const lookups = useLookups().data;
  return (
    <Paper variant="outlined" data-testid={testId}>
      <Typography variant="subtitle1" sx={{ px: 2, pt: 1.5 }}>
        {title}
      </Typography>
      {jobs.length ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>Day</TableCell>
              <TableCell>Time</TableCell>
              <TableCell>Service</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Price</TableCell>
              <TableCell align="right">Charged</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {jobs.map((job) => (
              <TableRow
                key={job.appointment_id}
                hover
                sx={{ cursor: 'pointer' }}
                onClick={() => openJob(job.appointment_id)}
              >
                <TableCell>{dateLabel(jobDateKey(job))}</TableCell>
                <TableCell>
                  {clockRange(job.scheduled_start_time, job.scheduled_end_time)}
                </TableCell>
                <TableCell>{lookups?.serviceName(job.service_id) ?? ''}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    color={STATUS_COLORS[job.status]}
                    label={STATUS_LABELS[job.status]}
                  />
                </TableCell>
                <TableCell align="right">{formatMoney(job.total_price, job.currency)}</TableCell>
                <TableCell align="right">
                  {job.amount_charged === null
                    ? '—'
                    : formatMoney(job.amount_charged, job.currency)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
          None.
        </Typography>
      )}
    </Paper>
  );
}

export function ClientJobsTab({ client }: { client: RecordDoc }) {
  const api = useApi();
  const timeZone = useTimeZone();
  const { openNew } = useJobDialogs();
  const clientId = String(client.client_id);
  const input = {
    filter: { client_id: clientId },
    sort: { field: 'scheduled_date' as const, direction: 'desc' as const },
    limit: JOBS_LIMIT,
  };
  const jobs = useQuery({
    queryKey: ['appointments.list', input],
    queryFn: () => api.appointments.list(input),
  });
  if (jobs.error)
    return <Alert severity="error">Could not load the jobs: {jobs.error.message}</Alert>;
  if (!jobs.data) return <Skeleton variant="rounded" height={200} />;
  const today = localDateOf(new Date(), timeZone);
  const open = (job: Job) => job.status === 'scheduled' || job.status === 'in_progress';
  const upcoming = jobs.data.items.filter((job) => open(job) && jobDateKey(job) >= today).reverse();
  const past = jobs.data.items.filter((job) => !upcoming.includes(job));
  const completed = past.filter((job) => job.status === 'completed');
  const charged =
    completed.reduce((sum, job) => sum + Math.round((job.amount_charged ?? 0) * 100), 0) / 100;
  const newJob = (
    <Button
      startIcon={<AddIcon />}
      onClick={() =>
        openNew({
          client: {
            client_id: clientId,
            first_name: String(client.first_name),
            last_name: String(client.last_name),
            address: String(client.address),
            city: String(client.city),
          },
        })
      }
    >
      New job for this client
    </Button>
  );
  if (!jobs.data.items.length) {
    return (
      <>
        <EmptyState title="No jobs yet">
          Book this client's first job from here or the board.
        </EmptyState>
        <Stack sx={{ alignItems: 'center' }}>{newJob}</Stack>
      </>
    );
  }
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={3} sx={{ alignItems: 'center' }} data-testid="job-totals">
        <Typography>
          {jobs.data.total} {jobs.data.total === 1 ? 'job' : 'jobs'} in all · {completed.length}{' '}
          completed · {formatMoney(charged)} charged · {upcoming.length} upcoming
        </Typography>
        <Stack sx={{ flexGrow: 1, alignItems: 'flex-end' }}>{newJob}</Stack>
      </Stack>
      <JobsTable jobs={upcoming} title="Upcoming" testId="upcoming-jobs" />
      <JobsTable jobs={past} title="History" testId="job-history" />
    </Stack>
  );
}
