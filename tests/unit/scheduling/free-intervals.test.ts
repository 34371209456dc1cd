// freeIntervals: a staff member's bookable times on one day, after hours, time off, closures and jobs with the gap.
import { describe, expect, it } from 'vitest';
import {
  checkPlacement,
  freeIntervals,
  type FreeIntervalContext,
} from '../../../electron/core/services/scheduling/rules';
import {
  appointment,
  availability,
  business,
  context,
  DANA,
  MARCUS,
  placement,
  ROUND_THE_CLOCK,
  staff,
} from './fixtures';

function free(ctx: Partial<FreeIntervalContext> = {}, date = '2026-03-16', staffId = MARCUS) {
  const { business: b, staff: s, nearbyAppointments, availability: a } = context(ctx);
  return freeIntervals(staffId, date, {
    business: b,
    staff: s,
    nearbyAppointments,
    availability: a,
  });
}

describe('freeIntervals', () => {
  it('is the whole working day when nothing is booked', () => {
    expect(free()).toEqual([{ start: '08:00', end: '17:00' }]);
  });

  it('leaves the minimum gap around each of the person’s jobs, and ignores others’ jobs', () => {
    const jobs = [
      appointment({ date: '2026-03-16', start: '09:00', end: '10:00' }),
      appointment({ date: '2026-03-16', start: '13:00', end: '14:30' }),
      appointment({ date: '2026-03-16', start: '11:00', end: '12:00', staff: [DANA] }),
      appointment({
        date: '2026-03-16',
        start: '15:00',
        end: '16:00',
        status: 'canceled',
        cancellation_reason: 'Rain',
      }),
    ];
    expect(free({ nearbyAppointments: jobs })).toEqual([
      { start: '08:00', end: '08:30' },
      { start: '10:30', end: '12:30' },
      { start: '15:00', end: '17:00' },
    ]);
  });

  it('gives slots the rules accept at their edges', () => {
    const jobs = [appointment({ date: '2026-03-16', start: '09:00', end: '10:00' })];
    const [first, second] = free({ nearbyAppointments: jobs });
    const ctx = context({ nearbyAppointments: jobs });
    for (const slot of [first, second]) {
      if (!slot) throw new Error('expected two free slots');
      expect(checkPlacement(placement({ start: slot.start, end: slot.end }), ctx).hard).toEqual([]);
    }
  });

  it('removes partial-day time off and business closures, and is empty on a day off', () => {
    const dentist = availability({
      staff_id: MARCUS,
      from: '2026-03-16',
      start_time: '12:00',
      end_time: '13:00',
    });
    const storm = availability({ from: '2026-03-16', start_time: '15:00', end_time: '17:00' });
    expect(free({ availability: [dentist, storm] })).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '15:00' },
    ]);
    const vacation = availability({ staff_id: MARCUS, from: '2026-03-16' });
    expect(free({ availability: [vacation] })).toEqual([]);
    const holiday = availability({ from: '2026-03-16', reason: 'holiday' });
    expect(free({ availability: [holiday] })).toEqual([]);
    expect(free({}, '2026-03-14')).toEqual([]);
  });

  it('is empty for an inactive or unknown staff member', () => {
    expect(free({ staff: [staff(MARCUS, { is_active: false })] })).toEqual([]);
    expect(free({}, '2026-03-16', 'stf_gone99')).toEqual([]);
  });

  it('uses the person’s special hours for that date', () => {
    const short = availability({
      type: 'special_hours',
      staff_id: MARCUS,
      from: '2026-03-16',
      start_time: '10:00',
      end_time: '14:00',
    });
    expect(free({ availability: [short] })).toEqual([{ start: '10:00', end: '14:00' }]);
  });

  it('keeps the gap across midnight and in real minutes on the spring-forward day', () => {
    const allDay = {
      business: business({ business_hours: ROUND_THE_CLOCK }),
      staff: [staff(MARCUS, { availability_schedule: ROUND_THE_CLOCK })],
    };
    const lateSunday = appointment({ date: '2026-03-15', start: '22:00', end: '23:45' });
    expect(free({ ...allDay, nearbyAppointments: [lateSunday] })).toEqual([
      { start: '00:15', end: '23:59' },
    ]);
    // 03:00 CDT is 30 real minutes after 01:30 CST, so the slot before the job ends at 01:30.
    const afterJump = appointment({ date: '2026-03-08', start: '03:00', end: '04:00' });
    expect(free({ ...allDay, nearbyAppointments: [afterJump] }, '2026-03-08')).toEqual([
      { start: '00:00', end: '01:30' },
      { start: '04:30', end: '23:59' },
    ]);
  });
});
