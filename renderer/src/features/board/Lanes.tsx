// The lanes: one per active staff member, grouped under their crew lead, on a scrollable time axis
// with business hours shaded, quarter-hour grid lines and a now-line.
import { Box, Typography } from '@mui/material';
import { useDroppable } from '@dnd-kit/core';
import { memo, useEffect, useMemo, useState } from 'react';
import { localDateOf, localTimeOf, minutesOf } from '../../../../shared/time';
import type { CrewGroup } from './crews';
import type { BoardFilters } from './filters';
import { jobVisible } from './filters';
import { JobCard, type CardKey } from './JobCard';
import {
  axisOf,
  clientName,
  clock,
  LANE_HEIGHT,
  NAME_WIDTH,
  personName,
  PX_PER_HOUR,
  serviceName,
  xOf,
  type Day,
  type Job,
  type Person,
} from './layout';
import type { Mover } from './usePresence';

function NowLine({ day, axisFrom }: { day: Day; axisFrom: number }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (localDateOf(now, day.timezone) !== day.date) return null;
  const minutes = minutesOf(localTimeOf(now, day.timezone));
  return (
    <Box
      data-testid="now-line"
      aria-hidden
      sx={{
        position: 'absolute',
        top: 0,
        bottom: 0,
        left: NAME_WIDTH + xOf(minutes, axisFrom),
        borderLeft: 2,
        borderColor: 'error.main',
        zIndex: 4,
        pointerEvents: 'none',
      }}
    />
  );
}

interface LaneProps {
  person: Person;
  jobs: Job[];
  day: Day;
  axisFrom: number;
  width: number;
  names: Map<string, string>;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}

const Lane = memo(function Lane({
  person,
  jobs,
  day,
  axisFrom,
  width,
  names,
  movers,
  onKey,
}: LaneProps) {
  const { setNodeRef, isOver } = useDroppable({ id: person.staff_id });
  const hours = day.hours;
  const booked = jobs.reduce(
    (sum, j) => sum + minutesOf(j.scheduled_end_time) - minutesOf(j.scheduled_start_time),
    0,
  );
  return (
    <Box
      role="row"
      data-testid="lane"
      data-staff-id={person.staff_id}
      aria-label={`${personName(person)}, ${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`}
      sx={{ display: 'flex', height: LANE_HEIGHT, borderBottom: 1, borderColor: 'divider' }}
    >
      <Box
        role="rowheader"
        sx={{
          width: NAME_WIDTH,
          flexShrink: 0,
          px: 1,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'center',
          position: 'sticky',
          left: 0,
          zIndex: 3,
          bgcolor: 'background.paper',
          borderRight: 1,
          borderColor: 'divider',
        }}
      >
        <Typography
          variant="body2"
          noWrap
          sx={{ fontWeight: person.role === 'crew_lead' ? 600 : 400 }}
        >
          {personName(person)}
        </Typography>
        <Typography variant="caption" color="text.secondary" noWrap>
          {person.role.replace('_', ' ')} · {jobs.length} {jobs.length === 1 ? 'job' : 'jobs'} ·{' '}
          {Math.round((booked / 60) * 10) / 10} h
        </Typography>
      </Box>
      <Box
        ref={setNodeRef}
        data-testid="lane-timeline"
        sx={{
          position: 'relative',
          width,
          flexShrink: 0,
          bgcolor: isOver ? 'action.hover' : undefined,
          backgroundImage: (t) =>
            `repeating-linear-gradient(to right, ${t.palette.divider} 0 1px, transparent 1px ${PX_PER_HOUR / 4}px)`,
        }}
      >
        {hours && (
          <Box
            aria-hidden
            sx={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: xOf(minutesOf(hours.start), axisFrom),
              width: xOf(minutesOf(hours.end), minutesOf(hours.start)),
              bgcolor: 'action.hover',
              opacity: 0.35,
              pointerEvents: 'none',
            }}
          />
        )}
        {jobs.map((job) => (
          <JobCard
            key={job.appointment_id}
            job={job}
            lane={person.staff_id}
            axisFrom={axisFrom}
            client={clientName(day, job)}
            service={serviceName(day, job)}
            partners={job.assigned_staff_ids
              .filter((id) => id !== person.staff_id)
              .map((id) => names.get(id) ?? 'someone no longer on staff')
              .join(', ')}
            warnings={day.warnings[job.appointment_id]}
            weather={day.weather_risks[job.appointment_id]}
            mover={movers[job.appointment_id]}
            onKey={onKey}
          />
        ))}
      </Box>
    </Box>
  );
});

export function Lanes({
  day,
  groups,
  filters,
  movers,
  onKey,
}: {
  day: Day;
  groups: CrewGroup[];
  filters: BoardFilters;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}) {
  const { from, to } = axisOf(day);
  const hours = Array.from({ length: (to - from) / 60 }, (_, i) => from + i * 60);
  const width = ((to - from) / 60) * PX_PER_HOUR;
  const names = useMemo(
    () => new Map(day.staff.map((p) => [p.staff_id, personName(p)])),
    [day.staff],
  );
  const byPerson = useMemo(() => {
    const map = new Map<string, Job[]>();
    for (const job of day.appointments) {
      if (!jobVisible(job, filters)) continue;
      for (const id of job.assigned_staff_ids) map.set(id, [...(map.get(id) ?? []), job]);
    }
    return map;
  }, [day.appointments, filters]);
  return (
    <Box
      sx={{ overflow: 'auto', flexGrow: 1, position: 'relative' }}
      data-testid="board-lanes"
      role="grid"
      aria-label="Crew lanes"
    >
      <Box sx={{ position: 'relative', width: NAME_WIDTH + width }}>
        <Box
          sx={{
            display: 'flex',
            position: 'sticky',
            top: 0,
            zIndex: 5,
            bgcolor: 'background.paper',
            borderBottom: 1,
            borderColor: 'divider',
          }}
        >
          <Box
            sx={{
              width: NAME_WIDTH,
              flexShrink: 0,
              px: 1,
              py: 0.5,
              position: 'sticky',
              left: 0,
              bgcolor: 'background.paper',
            }}
          >
            <Typography variant="caption" color="text.secondary">
              Crew
            </Typography>
          </Box>
          {hours.map((m) => (
            <Box
              key={m}
              sx={{
                width: PX_PER_HOUR,
                flexShrink: 0,
                borderLeft: 1,
                borderColor: 'divider',
                px: 0.5,
              }}
            >
              <Typography variant="caption" color="text.secondary">
                {clock(`${m / 60}:00`)} {m < 12 * 60 ? 'AM' : 'PM'}
              </Typography>
            </Box>
          ))}
        </Box>
        {groups.map((group) => (
          <Box key={group.lead_id ?? 'none'} role="rowgroup" data-testid="crew-group">
            <Box
              sx={{
                position: 'sticky',
                left: 0,
                width: 'fit-content',
                px: 1,
                pt: 0.75,
                pb: 0.25,
              }}
            >
              <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.6 }}>
                {group.title}
              </Typography>
            </Box>
            {group.people.map((person) => (
              <Lane
                key={person.staff_id}
                person={person}
                jobs={byPerson.get(person.staff_id) ?? EMPTY}
                day={day}
                axisFrom={from}
                width={width}
                names={names}
                movers={movers}
                onKey={onKey}
              />
            ))}
          </Box>
        ))}
        <NowLine day={day} axisFrom={from} />
      </Box>
    </Box>
  );
}

const EMPTY: Job[] = [];
