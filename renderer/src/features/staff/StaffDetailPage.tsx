// One staff member: details and assigned equipment, weekly hours, time off, where their routes
// start, performance figures (derived from their jobs, read-only) and the history of changes.
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useMemo } from 'react';
import { useLookups } from '../jobs/useJobData';
import { RecordDetailPage } from '../records/RecordDetailPage';
import type { RecordDoc } from '../records/recordApi';
import { RouteStartTab } from './RouteStartTab';
import { crewLeadOptions, staffDefaults, staffFields, staffName } from './staffModel';
import { TimeOffTab } from './TimeOffTab';
import { WeeklyScheduleTab } from './WeeklyScheduleTab';

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h6" component="p">
        {value}
      </Typography>
    </Box>
  );
}

const num = (value: unknown, digits: number, unit = '') =>
  typeof value === 'number' ? `${value.toFixed(digits)}${unit}` : '—';

function Performance({ staff }: { staff: RecordDoc }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="staff-performance">
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Figure label="Jobs today" value={num(staff.jobs_assigned_today, 0)} />
        <Figure label="Hours this week" value={num(staff.hours_worked_this_week, 1)} />
        <Figure label="Jobs completed" value={num(staff.total_jobs_completed, 0)} />
        <Figure
          label="Avg. completion time"
          value={num(staff.avg_completion_time_minutes, 0, ' min')}
        />
        <Figure label="Avg. rating" value={num(staff.avg_customer_rating, 1)} />
        <Figure
          label="Cancellation rate"
          value={
            typeof staff.cancellation_rate === 'number'
              ? `${(staff.cancellation_rate * 100).toFixed(0)}%`
              : '—'
          }
        />
      </Stack>
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
        Worked out from this person&apos;s jobs; they update as jobs are completed.
      </Typography>
    </Paper>
  );
}

export function StaffDetailPage() {
  const lookups = useLookups().data;
  const fields = useMemo(
    () =>
      staffFields(
        (lookups?.equipment ?? [])
          .filter((e) => e.is_active && e.status !== 'retired')
          .map((e) => ({ value: e.equipment_id, label: e.name })),
        crewLeadOptions(lookups?.staff ?? []),
      ),
    [lookups],
  );
  const refs = lookups?.names;
  return (
    <RecordDetailPage
      area="staff"
      idField="staff_id"
      basePath="/staff"
      noun={['staff member', 'staff']}
      fields={fields}
      defaults={staffDefaults}
      titleOf={staffName}
      refs={refs}
      tabs={[
        {
          key: 'availability',
          label: 'Availability',
          render: (staff) => <WeeklyScheduleTab staff={staff} />,
        },
        { key: 'timeoff', label: 'Time off', render: (staff) => <TimeOffTab staff={staff} /> },
        {
          key: 'route-start',
          label: 'Route start',
          render: (staff) => <RouteStartTab staff={staff} />,
        },
        {
          key: 'performance',
          label: 'Performance',
          render: (staff) => <Performance staff={staff} />,
        },
      ]}
    />
  );
}
