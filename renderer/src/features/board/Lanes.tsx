// The lanes: one per active staff member, grouped under their crew lead, on a scrollable time axis
// with business hours shaded, quarter-hour grid lines and a now-line. Plain markup on board.css:
// 50 lanes of cards re-render on every drag start, lane crossing and drop.
import { useDndMonitor, useDroppable } from '@dnd-kit/core';
import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { localDateOf, localTimeOf, minutesOf } from '../../../../shared/time';
import type { CrewGroup } from './crews';
import type { BoardFilters } from './filters';
import { jobVisible } from './filters';
import { JobCard, type CardKey } from './JobCard';
import {
  axisOf,
  clock,
  HOUR_WIDTHS,
  LANE_HEIGHT,
  NAME_WIDTH,
  personName,
  xOf,
  type Day,
  type HourWidth,
  type Job,
  type Person,
} from './layout';
import './board.css';
import { LANES_DROP_ID, useLaneHovered } from './laneTarget';
import type { Mover } from './usePresence';

function NowLine({ day, axisFrom, hourWidth }: { day: Day; axisFrom: number; hourWidth: number }) {
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
      style={{ left: NAME_WIDTH + xOf(minutes, axisFrom, hourWidth) }}
    />
  );
}

/**
 * One lane's timeline, lit while a drag is over the lane. Only this part re-renders when a drag
 * comes or goes: the cards are its children, made by the lane, so React skips them.
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
  const over = useLaneHovered(staffId);
  return (
    <div
      data-testid="lane-timeline"
      className={over ? 'sp-lane-timeline sp-over' : 'sp-lane-timeline'}
      style={{ width }}
    >
      {children}
    </div>
  );
}

/**
 * The lanes' one drop target (laneTarget.ts says why one). It re-renders with every change of the
 * drag, and only it: the lanes are its children, made by Lanes, so React skips them.
 */
function LanesDrop({ width, children }: { width: number; children: ReactNode }) {
  const { setNodeRef } = useDroppable({ id: LANES_DROP_ID });
  return (
    <div ref={setNodeRef} style={{ position: 'relative', width }}>
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
  /** Near the visible part of the board: its cards are drawn (see useShownLanes). */
  shown: boolean;
  observe: (staffId: string, element: Element | null) => void;
  /** The parts of the day a lane shows, passed one by one so a lane repaints only for its own. */
  hours: Day['hours'];
  warnings: Day['warnings'];
  weatherRisks: Day['weather_risks'];
  axisFrom: number;
  hourWidth: number;
  width: number;
  names: Map<string, string>;
  cardNames: ReturnType<typeof useCardNames>;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string, action: CardKey) => void;
}

/**
 * A lane repaints only when something it shows changed: its list of jobs is rebuilt on every change
 * of the day, so it is compared job by job (a move repaints two lanes, not 50).
 */
function sameLane(a: LaneProps, b: LaneProps): boolean {
  for (const key of Object.keys(a) as (keyof LaneProps)[]) {
    if (key === 'jobs') {
      if (a.jobs.length !== b.jobs.length || a.jobs.some((job, i) => job !== b.jobs[i])) {
        return false;
      }
    } else if (a[key] !== b[key]) {
      return false;
    }
  }
  return true;
}

const Lane = memo(function Lane({
  person,
  jobs,
  shown,
  observe,
  hours,
  warnings,
  weatherRisks,
  axisFrom,
  hourWidth,
  width,
  names,
  cardNames,
  movers,
  onKey,
}: LaneProps) {
  // Canceled and rescheduled visits stay drawn (greyed) but are not the crew's work: the count and
  // the hours are of the rest, as the day's count in the header is.
  const live = jobs.filter((j) => j.status !== 'canceled' && j.status !== 'rescheduled');
  const booked = live.reduce(
    (sum, j) => sum + minutesOf(j.scheduled_end_time) - minutesOf(j.scheduled_start_time),
    0,
  );
  const count = `${live.length} ${live.length === 1 ? 'job' : 'jobs'}`;
  const staffId = person.staff_id;
  const ref = useCallback(
    (element: HTMLDivElement | null) => observe(staffId, element),
    [observe, staffId],
  );
  return (
    <div
      ref={ref}
      role="row"
      data-testid="lane"
      data-staff-id={person.staff_id}
      data-job-count={jobs.length}
      data-cards={shown ? 'shown' : 'deferred'}
      aria-label={`${personName(person)}, ${count}`}
      className="sp-lane"
      style={{ height: LANE_HEIGHT }}
    >
      <div role="rowheader" className="sp-lane-head" style={{ width: NAME_WIDTH }}>
        <span className={`sp-lane-name sp-nowrap${person.role === 'crew_lead' ? ' sp-lead' : ''}`}>
          {personName(person)}
        </span>
        <span className="sp-caption sp-nowrap">
          {`${person.role.replace('_', ' ')} · ${count} · ${Math.round((booked / 60) * 10) / 10} h`}
        </span>
      </div>
      <LaneTimeline staffId={person.staff_id} width={width}>
        {hours && (
          <div
            aria-hidden
            className="sp-hours-shade"
            style={{
              left: xOf(minutesOf(hours.start), axisFrom, hourWidth),
              width: xOf(minutesOf(hours.end), minutesOf(hours.start), hourWidth),
            }}
          />
        )}
        {shown &&
          jobs.map((job) => (
            <JobCard
              key={job.appointment_id}
              job={job}
              lane={person.staff_id}
              axisFrom={axisFrom}
              hourWidth={hourWidth}
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
}, sameLane);

/** The quarter-hour grid lines' spacing (board.css), one style object per zoom. */
const BOARD_STYLES = new Map(
  HOUR_WIDTHS.map((w) => [w, { '--sp-quarter': `${w / 4}px` } as CSSProperties]),
);

/** "7:00 AM" on the hour ticks; "7 AM" where an hour is too narrow for it. */
const hourLabel = (minutes: number, hourWidth: number) => {
  const period = minutes < 12 * 60 ? 'AM' : 'PM';
  const time = clock(`${minutes / 60}:00`);
  return hourWidth < 100 ? `${time.replace(':00', '')} ${period}` : `${time} ${period}`;
};

/** The zoom's two buttons: one step narrower or wider in HOUR_WIDTHS. */
const ZOOM_BUTTONS = [
  { testId: 'zoom-out', label: 'Zoom out: more of the day', step: -1, Icon: ZoomOutIcon },
  { testId: 'zoom-in', label: 'Zoom in: wider hours', step: 1, Icon: ZoomInIcon },
] as const;

/**
 * Zooming the time axis: narrower hours show more of the day at once, wider ones give the cards
 * room for their text. The time in the middle of the lanes stays in the middle, as a map keeps its
 * centre: the new widths are drawn at once (flushSync) and scrolled to before the frame is painted.
 * Memoised: a drop repaints the lanes, not these buttons.
 */
const HourZoom = memo(function HourZoom({
  hourWidth,
  onZoom,
}: {
  hourWidth: HourWidth;
  onZoom: (next: HourWidth) => void;
}) {
  const zoom = (button: HTMLElement, next: HourWidth | undefined) => {
    if (next === undefined) return;
    const lanes = button.closest('.sp-lanes');
    if (!lanes) return onZoom(next);
    const half = (lanes.clientWidth - NAME_WIDTH) / 2;
    const centreHours = (lanes.scrollLeft + half) / hourWidth;
    flushSync(() => onZoom(next));
    lanes.scrollTo({ left: centreHours * next - half });
  };
  const at = HOUR_WIDTHS.indexOf(hourWidth);
  return (
    <span className="sp-zoom" role="group" aria-label="Zoom the time axis">
      {ZOOM_BUTTONS.map(({ testId, label, step, Icon }) => {
        const next = HOUR_WIDTHS[at + step];
        return (
          <button
            key={testId}
            type="button"
            className="sp-zoom-button"
            data-testid={testId}
            aria-label={label}
            title={label}
            disabled={next === undefined}
            onClick={(e) => zoom(e.currentTarget, next)}
          >
            <Icon fontSize="inherit" />
          </button>
        );
      })}
    </span>
  );
});

/**
 * How far beyond the visible part of the board lanes get their cards, in px: about three lanes,
 * enough for a wheel's scroll step; each lane more is a dozen cards more to draw at start.
 */
const OVERSCAN_PX = 3 * LANE_HEIGHT;

/** Lower bounds of the rows above and between the lanes (the hour axis, a crew's title row). */
const AXIS_MIN_HEIGHT = 24;
const CREW_HEAD_MIN_HEIGHT = 24;

/**
 * The lanes whose top can be inside the window, counting the rows between them at their smallest
 * (so never too few): what the first frame draws cards for, before the observer has reported. A
 * count of lanes alone drew a fifth more cards than a 1080-pixel window shows.
 */
function lanesInWindow(groups: CrewGroup[]): Set<string> {
  const shown = new Set<string>();
  let top = AXIS_MIN_HEIGHT;
  for (const group of groups) {
    top += CREW_HEAD_MIN_HEIGHT;
    for (const person of group.people) {
      if (top >= window.innerHeight) return shown;
      shown.add(person.staff_id);
      top += LANE_HEIGHT;
    }
  }
  return shown;
}

/**
 * Which lanes draw their cards: those within OVERSCAN_PX of the visible part of the board (an
 * IntersectionObserver on the scrolling board), plus the lane of a card being dragged. Every lane
 * stays in the page (name, hours, drop target); a 50-lane board draws the cards of the dozen or two
 * in view, so it opens and drags as quickly as a small one. Until the observer first reports, the
 * lanes that fit the window from the top are shown.
 */
function useShownLanes(groups: CrewGroup[], onShown: (() => void) | undefined) {
  const scroller = useRef<HTMLDivElement | null>(null);
  // The first frame draws only the lanes that can fit the window; the observer's first report (after
  // that frame) adds those near it.
  const [near, setNear] = useState<ReadonlySet<string>>(() => lanesInWindow(groups));
  const [dragged, setDragged] = useState<string | null>(null);
  const observer = useRef<IntersectionObserver | null>(null);
  const elements = useRef(new Map<string, Element>());
  const ids = useRef(new WeakMap<Element, string>());
  const intersecting = useRef(new Set<string>());

  useEffect(() => {
    const io = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = ids.current.get(entry.target);
          if (id === undefined) continue;
          if (entry.isIntersecting) intersecting.current.add(id);
          else intersecting.current.delete(id);
        }
        setNear(new Set(intersecting.current));
      },
      { root: scroller.current, rootMargin: `${OVERSCAN_PX}px 0px` },
    );
    observer.current = io;
    for (const element of elements.current.values()) io.observe(element);
    return () => io.disconnect();
  }, []);

  const observe = useCallback((staffId: string, element: Element | null) => {
    const before = elements.current.get(staffId);
    if (before) observer.current?.unobserve(before);
    if (element) {
      elements.current.set(staffId, element);
      ids.current.set(element, staffId);
      observer.current?.observe(element);
    } else {
      elements.current.delete(staffId);
      intersecting.current.delete(staffId);
    }
  }, []);

  // A dragged card stays while the board scrolls under it (dnd-kit needs its element to the end).
  useDndMonitor({
    onDragStart: ({ active }) => {
      const lane = (active.data.current as { lane?: string | null } | undefined)?.lane;
      setDragged(lane ?? null);
    },
    onDragEnd: () => setDragged(null),
    onDragCancel: () => setDragged(null),
  });

  const shownKey = [...near].sort().join('|');
  useEffect(() => {
    onShown?.();
  }, [shownKey, onShown]);

  return {
    scroller,
    observe,
    isShown: (staffId: string) => near.has(staffId) || dragged === staffId,
  };
}

/** Memoised: the board's undo history and dialogs change without touching the lanes. */
export const Lanes = memo(function Lanes({
  day,
  groups,
  filters,
  movers,
  onKey,
  onLanesShown,
  onOptimizeCrew,
  hourWidth,
  onHourWidth,
}: {
  day: Day;
  groups: CrewGroup[];
  filters: BoardFilters;
  /** The zoom: an hour's width in px; `onHourWidth` changes it. */
  hourWidth: HourWidth;
  onHourWidth: (next: HourWidth) => void;
  movers: Record<string, Mover>;
  onKey: (job: Job, lane: string, action: CardKey) => void;
  /** Called after lanes scrolled into view have drawn their cards. */
  onLanesShown?: () => void;
  onOptimizeCrew?: (crewId: string, name: string) => void;
}) {
  const { scroller, observe, isShown } = useShownLanes(groups, onLanesShown);
  const { from, to } = axisOf(day);
  const hours = Array.from({ length: (to - from) / 60 }, (_, i) => from + i * 60);
  const width = ((to - from) / 60) * hourWidth;
  const names = useMemo(
    () => new Map(day.staff.map((p) => [p.staff_id, personName(p)])),
    [day.staff],
  );
  const cardNames = useCardNames(day);
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
    return map;
  }, [day.appointments, filters]);
  return (
    <div
      ref={scroller}
      className="sp-lanes"
      data-testid="board-lanes"
      role="grid"
      aria-label="Crew lanes"
      data-hour-width={hourWidth}
      style={BOARD_STYLES.get(hourWidth)}
    >
      <LanesDrop width={NAME_WIDTH + width}>
        <div className="sp-axis">
          <div className="sp-axis-corner sp-caption" style={{ width: NAME_WIDTH }}>
            Crew
            <HourZoom hourWidth={hourWidth} onZoom={onHourWidth} />
          </div>
          {hours.map((m) => (
            <div key={m} className="sp-axis-hour sp-caption" style={{ width: hourWidth }}>
              {hourLabel(m, hourWidth)}
            </div>
          ))}
        </div>
        {groups.map((group) => (
          <div key={group.lead_id ?? 'none'} role="rowgroup" data-testid="crew-group">
            <div className="sp-crew-head">
              <p className="sp-crew-title">{group.title}</p>
              {group.lead_id && onOptimizeCrew && (
                <button
                  type="button"
                  className="sp-crew-action"
                  data-testid="optimize-crew"
                  aria-label={`Optimize route: ${group.title}`}
                  onClick={() => group.lead_id && onOptimizeCrew(group.lead_id, group.title)}
                >
                  Optimize route
                </button>
              )}
            </div>
            {group.people.map((person) => (
              <Lane
                key={person.staff_id}
                person={person}
                jobs={byPerson.get(person.staff_id) ?? EMPTY}
                shown={isShown(person.staff_id)}
                observe={observe}
                hours={day.hours}
                warnings={day.warnings}
                weatherRisks={day.weather_risks}
                axisFrom={from}
                hourWidth={hourWidth}
                width={width}
                names={names}
                cardNames={cardNames}
                movers={movers}
                onKey={onKey}
              />
            ))}
          </div>
        ))}
        <NowLine day={day} axisFrom={from} hourWidth={hourWidth} />
      </LanesDrop>
    </div>
  );
});

const EMPTY: Job[] = [];
