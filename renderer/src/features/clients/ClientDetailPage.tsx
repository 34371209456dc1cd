// One client: details and contact preferences (and why texts do not reach them, if they do not),
// job history and upcoming jobs, messages sent, and the history of changes.
import { Alert, AlertTitle, Box, Paper, Stack, Typography } from '@mui/material';
import { useMemo, type ReactNode } from 'react';
import { formatMoney } from '../jobs/jobModel';
import { useLookups } from '../jobs/useJobData';
import { RecordDetailPage } from '../records/RecordDetailPage';
import type { RecordDoc } from '../records/recordApi';
import { ClientJobsTab } from './ClientJobsTab';
import { ClientNotificationsTab } from './ClientNotificationsTab';
import { clientDefaults, clientFields } from './clientModel';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box sx={{ minWidth: 110 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Box>
  );
}

function ClientFigures({ client, mapPin }: { client: RecordDoc; mapPin?: ReactNode }) {
  const last = client.last_job_date instanceof Date ? client.last_job_date : null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="client-figures">
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Figure label="Jobs completed" value={String(client.job_count ?? 0)} />
        <Figure label="Total spent" value={formatMoney(Number(client.total_spent ?? 0))} />
        <Figure label="Balance due" value={formatMoney(Number(client.balance_due ?? 0))} />
        <Figure
          label="Last job"
          value={last ? last.toLocaleDateString('en-US', { dateStyle: 'medium' }) : '—'}
        />
        <Figure
          label="Rating"
          value={typeof client.avg_rating === 'number' ? client.avg_rating.toFixed(1) : '—'}
        />
        {mapPin && <Box sx={{ ml: 'auto' }}>{mapPin}</Box>}
      </Stack>
    </Paper>
  );
}

/** Why texts do not reach this client: they opted out, or the provider cannot deliver to the number. */
function TextingNotices({ client }: { client: RecordDoc }) {
  const optedOut = client.sms_opted_out_at instanceof Date ? client.sms_opted_out_at : null;
  const problem = typeof client.sms_problem === 'string' ? client.sms_problem : null;
  if (!optedOut && !problem) return null;
  return (
    <Stack spacing={1}>
      {optedOut && (
        <Alert severity="info" data-testid="client-sms-opted-out">
          <AlertTitle>
            Opted out of texts since {optedOut.toLocaleDateString('en-US', { dateStyle: 'medium' })}
          </AlertTitle>
          They texted STOP: no confirmations, reminders or other texts go to them until they text
          START back.
        </Alert>
      )}
      {problem && (
        <Alert severity="warning" data-testid="client-sms-problem">
          <AlertTitle>Texts to this client are not getting through</AlertTitle>
          {/[.!?]$/.test(problem) ? problem : `${problem}.`} Check the phone number: changing it
          clears this.
        </Alert>
      )}
    </Stack>
  );
}

export function ClientDetailPage({
  mapPin,
}: {
  /**
   * Slot for the client's map pin (built with geocoding): shown beside the client's figures,
   * given the stored client (its address, latitude and longitude).
   */
  mapPin?: (client: RecordDoc) => ReactNode;
}) {
  const lookups = useLookups().data;
  const fields = useMemo(
    () =>
      clientFields(
        (lookups?.activeServices ?? []).map((s) => ({ value: s.service_id, label: s.name })),
        (lookups?.activeStaff ?? []).map((s) => ({
          value: s.staff_id,
          label: `${s.first_name} ${s.last_name}`,
        })),
      ),
    [lookups],
  );
  const refs = lookups?.names;
  return (
    <RecordDetailPage
      area="clients"
      idField="client_id"
      basePath="/clients"
      noun={['client', 'clients']}
      fields={fields}
      defaults={clientDefaults}
      titleOf={(c) => `${String(c.first_name)} ${String(c.last_name)}`}
      aside={(client) =>
        client && (
          <>
            <TextingNotices client={client} />
            <ClientFigures client={client} mapPin={mapPin?.(client)} />
          </>
        )
      }
      refs={refs}
      tabs={[
        { key: 'jobs', label: 'Jobs', render: (client) => <ClientJobsTab client={client} /> },
        {
          key: 'notifications',
          label: 'Messages',
          render: (client) => <ClientNotificationsTab clientId={String(client.client_id)} />,
        },
      ]}
    />
  );
}
