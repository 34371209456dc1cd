// The board's warnings for the jobs already on a day: each job is checked against the jobs that
// share a person or a machine with it, and only those — a clash is flagged on both jobs, a job
// with nobody and nothing in common with another is left alone.
import { describe, expect, it } from 'vitest';
import { dayWarnings } from '../../../electron/core/services/board/warnings';
import { appointment, business, context, DANA, JO, MARCUS, MOWER, service } from './fixtures';

const DATE = '2026-03-16';

function warn(jobs: ReturnType<typeof appointment>[]) {
  const { staff, equipment, names } = context();
  return dayWarnings({
    business: business({ min_gap_between_jobs_minutes: 30 }),
    appointments: jobs,
    nearby: jobs,
    services: [service()],
    staff,
    equipment,
    availability: [],
    names,
  });
}

const rules = (found: ReturnType<typeof warn>, id: string) => (found[id] ?? []).map((w) => w.rule);

describe('dayWarnings', () => {
  it('flags one machine on two overlapping jobs of different crews, on both jobs', () => {
    const a = appointment({
      id: 'apt_one',
      date: DATE,
      start: '09:00',
      end: '10:00',
      staff: [MARCUS],
      equipment: [MOWER],
    });
    const b = appointment({
      id: 'apt_two',
      date: DATE,
      start: '09:30',
      end: '10:30',
      staff: [DANA],
      equipment: [MOWER],
    });
    const found = warn([a, b]);
    expect(rules(found, 'apt_one')).toEqual(['equipment_double_booked']);
    expect(rules(found, 'apt_two')).toEqual(['equipment_double_booked']);
    expect(found.apt_two?.[0]?.message).toBe(
      'Zero-Turn Mower is already on Full Lawn Maintenance for Ann Lee 9:00 AM–10:00 AM.',
    );
  });

  it('checks a two-person job against the jobs of each of its people', () => {
    const pair = appointment({
      id: 'apt_pair',
      date: DATE,
      start: '09:00',
      end: '11:00',
      staff: [MARCUS, DANA],
    });
    const dana = appointment({
      id: 'apt_dana',
      date: DATE,
      start: '11:15',
      end: '12:00',
      staff: [DANA],
    });
    const jo = appointment({
      id: 'apt_jojo',
      date: DATE,
      start: '09:00',
      end: '10:00',
      staff: [JO],
    });
    const found = warn([pair, dana, jo]);
    // 15 minutes after the pair's job ends, under the business's 30-minute gap.
    expect(rules(found, 'apt_pair')).toContain('staff_overlap');
    expect(rules(found, 'apt_dana')).toContain('staff_overlap');
    expect(found.apt_jojo).toBeUndefined();
  });

  it('leaves jobs far enough apart, or on other people, unflagged', () => {
    const found = warn([
      appointment({ id: 'apt_first', date: DATE, start: '09:00', end: '10:00', staff: [MARCUS] }),
      appointment({ id: 'apt_second', date: DATE, start: '10:30', end: '11:30', staff: [MARCUS] }),
      appointment({ id: 'apt_third', date: DATE, start: '09:00', end: '10:00', staff: [DANA] }),
    ]);
    expect(found).toEqual({});
  });
});
