// The board benchmark's drags: which job goes where next, always to a free slot the scheduling rules
// accept (inside 06:00–20:00, 15 minutes clear of the person's other jobs).
import {
  DAY_END_MINUTES,
  DAY_START_MINUTES,
  JOB_MINUTES,
  MIN_GAP_MINUTES,
  type SeededDay,
} from './board-data';

interface Placement {
  id: string;
  /** Index into SeededDay.lanes. */
  lane: number;
  /** Minutes since midnight. */
  start: number;
}

export interface Move {
  job: Placement;
  toLane: number;
  toStart: number;
}

type MoveKind = 'lane' | 'time' | 'lane and time';
const KINDS: MoveKind[] = ['lane and time', 'time', 'lane'];
const LANE_STEPS = [1, -1, 2, -2];
/** Whole quarter-hours, at most 75 minutes, so a drag stays well inside the visible board. */
const TIME_SHIFTS = [60, -15, 30, -60, 15, -30, 45, -45, 75, -75];

const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length] as T);

export class DragPlan {
  private readonly lanes: Placement[][];

  constructor(seeded: SeededDay) {
    this.lanes = seeded.lanes.map((staffId, lane) =>
      seeded.jobs
        .filter((j) => j.staff_id === staffId)
        .map((j) => ({ id: j.appointment_id, lane, start: j.start })),
    );
  }

  private fits(lane: number, start: number, movingId: string): boolean {
    if (start < DAY_START_MINUTES || start + JOB_MINUTES > DAY_END_MINUTES) return false;
    const span = JOB_MINUTES + MIN_GAP_MINUTES;
    return (this.lanes[lane] ?? []).every(
      (o) => o.id === movingId || start >= o.start + span || start + span <= o.start,
    );
  }

  private find(kind: MoveKind, index: number): Move | null {
    const laneSteps = kind === 'time' ? [0] : rotate(LANE_STEPS, index);
    const shifts = kind === 'lane' ? [0] : rotate(TIME_SHIFTS, index);
    // Spread the drags over the board: each starts looking in another lane.
    const firstLane = (index * 7) % this.lanes.length;
    for (let i = 0; i < this.lanes.length; i++) {
      const lane = (firstLane + i) % this.lanes.length;
      for (const job of this.lanes[lane] ?? []) {
        for (const step of laneSteps) {
          for (const shift of shifts) {
            const toLane = lane + step;
            if (toLane < 0 || toLane >= this.lanes.length) continue;
            if (this.fits(toLane, job.start + shift, job.id)) {
              return { job, toLane, toStart: job.start + shift };
            }
          }
        }
      }
    }
    return null;
  }

  /** The `index`th drag: lane to lane, along the time axis, or both, in turn. */
  next(index: number): Move {
    for (let k = 0; k < KINDS.length; k++) {
      const move = this.find(KINDS[(index + k) % KINDS.length] ?? 'time', index);
      if (move) return move;
    }
    throw new Error('no free slot left on the board');
  }

  /** Records a move the core accepted. */
  apply({ job, toLane, toStart }: Move): void {
    const from = this.lanes[job.lane];
    from?.splice(from.indexOf(job), 1);
    this.lanes[toLane]?.push({ id: job.id, lane: toLane, start: toStart });
  }
}
