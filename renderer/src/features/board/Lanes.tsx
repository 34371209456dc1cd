// The lanes: one per active staff member, grouped under their crew lead, on a scrollable time axis
// with business hours shaded, quarter-hour grid lines and a now-line. Plain markup on board.css:
// 50 lanes of cards re-render on every drag start, lane crossing and drop.
import { useDroppable } from '@dnd-kit/core';
import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { localDateOf, localTimeOf, minutesOf } from '../../../../shared/time';
import type { CrewGroup } from './crews';
import type { BoardFilters } from './filters';
import { jobVisible } from './filters';
import { JobCard, type CardKey } from './JobCard';
import {
  axisOf,
  clock,
  LANE_HEIGHT,
  NAME_WIDTH,
  personName,
  PX_PER_HOUR,
  xOf,
  type Day,
  type Job,
  type Person,
} from './layout';
import './board.css';
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
    <div
      data-testid="now-line"
      aria-hidden
      className="sp-now-line"
      style={{ left: NAME_WIDTH + xOf(minutes, axisFrom) }}
    />
  );
}

/**
 * The drop target of one lane. Only this part re-renders when a drag passes over: the cards are
 * its children, made by the lane, so React skips them.
 */
function LaneTimeline({
  staffId,
  width,
  children,
}: {
  staffId: string;
  width: number;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: staffId });
  return (
    <div
      ref={setNodeRef}
      data-testid="lane-timeline"
      className={isOver ? 'sp-lane-timeline sp-over' : 'sp-lane-timeline'}
      style={{ width }}
    >
      {children}
    </div>
  );
}

/** Names of the day's clients and services by id, looked up once per day rather than per card. */
function useCardNames(day: Day) {
  return useMemo(() => {
    const clients = new Map(
      day.clients.map((c) => [c.client_id, `${c.first_name} ${c.last_name}`]),
    );
    const services = new Map(day.services.map((s) => [s.service_id, s.name]));
    return {
      client: (job: Job) => clients.get(job.client_id) ?? 'Unknown client',
      service: (job: Job) => services.get(job.service_id) ?? 'Unknown service',
    };
  }, [day.clients, day.services]);
}

interface LaneProps {
  person: Person;
  jobs: Job[];
  /** The parts of the day a lane shows, passed one by one so a lane repaints only for its own. */
  hours: Day['hours'];
  warnings: Day['warnings'];
  weatherRisks: Day['weather_risks'];
  axisFrom: number;
  width: number;
  names: Map<string, string>;
  cardNames: ReturnType<typeof useCardNames>;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}

const Lane = memo(function Lane({
  person,
  jobs,
  hours,
  warnings,
  weatherRisks,
  axisFrom,
  width,
  names,
  cardNames,
  movers,
  onKey,
}: LaneProps) {
  const booked = jobs.reduce(
    (sum, j) => sum + minutesOf(j.scheduled_end_time) - minutesOf(j.scheduled_start_time),
    0,
  );
  const count = `${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`;
  return (
    <div
      role="row"
      data-testid="lane"
      data-staff-id={person.staff_id}
      aria-label={`${personName(person)}, ${count}`}
      className="sp-lane"
      style={{ height: LANE_HEIGHT }}
    >
      <div role="rowheader" className="sp-lane-head" style={{ width: NAME_WIDTH }}>
        <span className={`sp-lane-name sp-nowrap${person.role === 'crew_lead' ? ' sp-lead' : ''}`}>
          {personName(person)}
        </span>
        <span className="sp-caption sp-nowrap">
          {person.role.replace('_', ' ')} · {count} · {Math.round((booked / 60) * 10) / 10} h
        </span>
      </div>
      <LaneTimeline staffId={person.staff_id} width={width}>
        {hours && (
          <div
            aria-hidden
            className="sp-hours-shade"
            style={{
              left: xOf(minutesOf(hours.start), axisFrom),
              width: xOf(minutesOf(hours.end), minutesOf(hours.start)),
            }}
          />
        )}
        {jobs.map((job) => (
          <JobCard
            key={job.appointment_id}
            job={job}
            lane={person.staff_id}
            axisFrom={axisFrom}
            client={cardNames.client(job)}
            service={cardNames.service(job)}
            partners={job.assigned_staff_ids
              .filter((id) => id !== person.staff_id)
              .map((id) => names.get(id) ?? 'someone no longer on staff')
              .join(', ')}
            warnings={warnings[job.appointment_id]}
            weather={weatherRisks[job.appointment_id]}
            mover={movers[job.appointment_id]}
            onKey={onKey}
          />
        ))}
      </LaneTimeline>
    </div>
  );
});

const BOARD_STYLE = { '--sp-quarter': `${PX_PER_HOUR / 4}px` } as CSSProperties;

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
  const cardNames = useCardNames(day);
  // Each lane keeps its list while its jobs are the same objects: a move repaints two lanes, not 50.
  const previous = useRef(new Map<string, Job[]>());
  const byPerson = useMemo(() => {
    const map = new Map<string, Job[]>();
    for (const job of day.appointments) {
      if (!jobVisible(job, filters)) continue;
      for (const id of job.assigned_staff_ids) {
        const list = map.get(id);
        if (list) list.push(job);
        else map.set(id, [job]);
      }
    }
    for (const [id, list] of map) {
      const before = previous.current.get(id);
      if (before && before.length === list.length && before.every((job, i) => job === list[i])) {
        map.set(id, before);
      }
    }
    previous.current = map;
    return map;
  }, [day.appointments, filters]);
  return (
    <div
      className="sp-lanes"
      data-testid="board-lanes"
      role="grid"
      aria-label="Crew lanes"
      style={BOARD_STYLE}
    >
      <div style={{ position: 'relative', width: NAME_WIDTH + width }}>
        <div className="sp-axis">
          <div className="sp-axis-corner sp-caption" style={{ width: NAME_WIDTH }}>
            Crew
          </div>
          {hours.map((m) => (
            <div key={m} className="sp-axis-hour sp-caption" style={{ width: PX_PER_HOUR }}>
              {clock(`${m / 60}:00`)} {m < 12 * 60 ? 'AM' : 'PM'}
            </div>
          ))}
        </div>
        {groups.map((group) => (
          <div key={group.lead_id ?? 'none'} role="rowgroup" data-testid="crew-group">
            <p className="sp-crew-title">{group.title}</p>
            {group.people.map((person) => (
              <Lane
                key={person.staff_id}
                person={person}
                jobs={byPerson.get(person.staff_id) ?? EMPTY}
                hours={day.hours}
                warnings={day.warnings}
                weatherRisks={day.weather_risks}
                axisFrom={from}
                width={width}
                names={names}
                cardNames={cardNames}
                movers={movers}
                onKey={onKey}
              />
            ))}
          </div>
        ))}
        <NowLine day={day} axisFrom={from} />
      </div>
    </div>
  );
}

const EMPTY: Job[] = [];
