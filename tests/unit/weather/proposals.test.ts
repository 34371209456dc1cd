// Reschedule proposals for jobs at risk from the weather: the day, time and crew a dispatcher is offered, or why none.
import { describe, expect, it } from 'vitest';
import { businessSchema } from '../../../shared/schemas';
import { scheduledDateValue, toUtcInstant } from '../../../shared/time';
import { proposeSlot, type ProposalFacts } from '../../../electron/core/weather/proposals';
import type { Forecast } from '../../../electron/core/weather/types';
import {
  ANN,
  appointment,
  availability,
  business,
  CHICAGO,
  DANA,
  equipment,
  JO,
  LEE,
  MARCUS,
  MOWER,
  ROUND_THE_CLOCK,
  service,
  SERVICE_ID,
  staff,
} from '../scheduling/fixtures';
import { dayOf, forecast, on, RAIN, type HourPlan } from './forecasts';

const MON = '2026-06-15';
const TUE = '2026-06-16';
const WED = '2026-06-17';
const THU = '2026-06-18';
const FRI = '2026-06-19';
const SUN = '2026-06-21';
const NEXT_MON = '2026-06-22';
const JOB_ID = 'apt_rainy001';

/** Marcus and Jo's 10:00–12:00 lawn job on Monday, Jun 15, unless told otherwise. */
function job(fields: Partial<Parameters<typeof appointment>[0]> = {}) {
  return appointment({
    id: JOB_ID,
    date: MON,
    start: '10:00',
    end: '12:00',
    staff: [MARCUS, JO],
    estimated_duration_minutes: 120,
    ...fields,
  });
}

/**
 * The facts for the job: the Chicago lawn business (Mon–Fri 8–5, 30 minutes between jobs),
 * Marcus, Dana, Jo and Lee, no other jobs, a two-week forecast following `plan`, and the
 * dispatcher asking on Sunday at noon.
 */
function facts(plan: HourPlan, overrides: Partial<ProposalFacts> = {}): ProposalFacts {
  const theJob = overrides.job ?? job();
  return {
    business: business(),
    job: theJob,
    service: service(),
    staff: [MARCUS, DANA, JO, LEE].map((id) => staff(id)),
    equipment: [],
    appointments: [theJob, ...(overrides.appointments ?? [])],
    availability: [],
    forecast: forecast(CHICAGO, MON, '2026-06-28', plan),
    now: toUtcInstant('2026-06-14', '12:00', CHICAGO),
    names: { clients: { [ANN]: 'Ann Lee' }, services: { [SERVICE_ID]: 'Full Lawn Maintenance' } },
    ...overrides,
  };
}

/** The parts of a move a dispatcher reads first. */
function where(proposal: ReturnType<typeof proposeSlot>) {
  if (proposal.kind !== 'move') return proposal;
  const { date, start, end, staff_ids, same_crew } = proposal;
  return { date, start, end, staff_ids, same_crew };
}

const sameDayOff = business({ allow_same_day_reschedule: false });

describe('moving away from the weather', () => {
  it('moves a job out of a day of rain to the next dry morning, same crew', () => {
    const proposal = proposeSlot(facts(on([MON], RAIN)));
    expect(where(proposal)).toEqual({
      date: TUE,
      start: '08:00',
      end: '10:00',
      staff_ids: [MARCUS, JO],
      same_crew: true,
    });
    expect(proposal.kind === 'move' && proposal.summary).toBe(
      'Move to Tue, Jun 16, 8:00 AM–10:00 AM with the same crew (Marcus Johnson and Jo Park): ' +
        '10% rain, 72°F, wind 8 mph. Was Mon, Jun 15, 10:00 AM–12:00 PM: Rain 80%.',
    );
    expect(proposal.kind === 'move' && proposal.check).toMatchObject({
      exceeded: false,
      basis: 'hourly',
    });
  });

  it('moves an afternoon job into the dry morning when same-day moves are allowed', () => {
    const f = facts(
      on([MON], RAIN, (h) => h >= 12),
      { job: job({ start: '13:00', end: '15:00' }) },
    );
    const proposal = proposeSlot(f);
    expect(where(proposal)).toMatchObject({ date: MON, start: '08:00', end: '10:00' });
    expect(proposal.kind === 'move' && proposal.summary).toContain(
      'Move to Mon, Jun 15, 8:00 AM–10:00 AM (same day)',
    );
  });

  it('moves it to the next day when same-day moves are not allowed', () => {
    const f = facts(
      on([MON], RAIN, (h) => h >= 12),
      {
        business: sameDayOff,
        job: job({ start: '13:00', end: '15:00' }),
      },
    );
    expect(where(proposeSlot(f))).toMatchObject({ date: TUE, start: '08:00', end: '10:00' });
  });

  it('moves a morning job into the dry afternoon', () => {
    const f = facts(
      on([MON], RAIN, (h) => h < 12),
      { job: job({ start: '09:00', end: '11:00' }) },
    );
    expect(where(proposeSlot(f))).toMatchObject({ date: MON, start: '12:00', end: '14:00' });
  });

  it('may overlap the job’s own current hours (it does not clash with itself)', () => {
    // Rain 8:00–10:00; the 9:00–11:00 job can go at 10:00, half on its old place.
    const f = facts(
      on([MON], RAIN, (h) => h === 8 || h === 9),
      {
        job: job({ start: '09:00', end: '11:00' }),
      },
    );
    expect(where(proposeSlot(f))).toMatchObject({ date: MON, start: '10:00', end: '12:00' });
  });

  it('starts no sooner than an hour from now, on the 15-minute grid', () => {
    const f = facts(
      on([MON], RAIN, (h) => h >= 12),
      {
        job: job({ start: '13:00', end: '15:00' }),
        now: toUtcInstant(MON, '07:40', CHICAGO),
      },
    );
    expect(where(proposeSlot(f))).toMatchObject({ date: MON, start: '08:45', end: '10:45' });
  });

  it('moves away from strong wind', () => {
    const proposal = proposeSlot(facts(on([MON, TUE], { wind_speed_mph: 40 })));
    expect(where(proposal)).toMatchObject({ date: WED, start: '08:00' });
  });

  it('moves away from heat', () => {
    const proposal = proposeSlot(facts(on([MON], { temp_fahrenheit: 108 }, (h) => h >= 9)));
    // The morning before 9:00 is too short for the two-hour job, so the next day.
    expect(where(proposal)).toMatchObject({ date: TUE, start: '08:00' });
    expect(proposal.kind === 'move' && proposal.summary).toContain(': High 108°F.');
  });

  it('waits for a frosty morning to thaw', () => {
    const f = facts(
      on([MON], { temp_fahrenheit: 28 }, (h) => h < 11),
      {
        job: job({ start: '08:00', end: '10:00' }),
      },
    );
    expect(where(proposeSlot(f))).toMatchObject({ date: MON, start: '11:00', end: '13:00' });
  });

  it('offers a day known only from the daily forecast, and says so', () => {
    const f = facts(on([MON], RAIN), {
      forecast: forecast(CHICAGO, MON, '2026-06-28', on([MON], RAIN), MON),
    });
    const proposal = proposeSlot(f);
    expect(where(proposal)).toMatchObject({ date: TUE, start: '08:00' });
    expect(proposal.kind === 'move' && proposal.check.basis).toBe('daily');
    expect(proposal.kind === 'move' && proposal.summary).toContain('(whole-day forecast)');
  });

  it('passes on the board’s warnings that do not stop a move', () => {
    const mower = equipment(MOWER, { maintenance_due_date: scheduledDateValue('2026-06-10') });
    const f = facts(on([MON], RAIN), {
      job: job({ equipment: [MOWER] }),
      equipment: [mower],
    });
    const proposal = proposeSlot(f);
    expect(where(proposal)).toMatchObject({ date: TUE, start: '08:00' });
    expect(proposal.kind === 'move' && proposal.warnings).toEqual([
      'Zero-Turn Mower has been due for maintenance since Wed, Jun 10.',
    ]);
  });
});

describe('a daylight-saving day (America/New_York, Sun, Nov 1, 2026)', () => {
  it('reads the rain at the right local hours after the clocks fall back', () => {
    const NOV_1 = '2026-11-01';
    const newYork = businessSchema.parse({
      ...business({ business_hours: ROUND_THE_CLOCK }),
      timezone: 'America/New_York',
    });
    // Rain from 13:00Z to 17:00Z: 8:00 AM to noon EST (not 9:00 to 1:00 as EDT would read it).
    const rainy = (at: Date) =>
      at.getTime() >= Date.parse('2026-11-01T13:00:00Z') &&
      at.getTime() < Date.parse('2026-11-01T17:00:00Z');
    const base = forecast('America/New_York', NOV_1, '2026-11-03');
    const hours = base.hours.map((h) => (rainy(h.at) ? { ...h, ...RAIN } : h));
    const weather: Forecast = {
      ...base,
      hours,
      days: base.days.map((d) =>
        d.date === NOV_1
          ? dayOf(
              NOV_1,
              hours.filter((h) => rainy(h.at)),
            )
          : d,
      ),
    };
    const f = facts(() => ({}), {
      business: newYork,
      job: job({ date: NOV_1, start: '08:00', end: '10:00' }),
      staff: [MARCUS, DANA, JO, LEE].map((id) =>
        staff(id, { availability_schedule: ROUND_THE_CLOCK }),
      ),
      forecast: weather,
      now: new Date('2026-11-01T12:00:00Z'), // 7:00 AM EST
    });
    expect(where(proposeSlot(f))).toMatchObject({ date: NOV_1, start: '12:00', end: '14:00' });
  });
});

describe('choosing the crew', () => {
  it('keeps the job’s crew later that day rather than hand it to a crew free earlier', () => {
    const f = facts(on([MON], RAIN), {
      appointments: [appointment({ date: TUE, start: '08:00', end: '10:00', staff: [MARCUS, JO] })],
    });
    expect(where(proposeSlot(f))).toMatchObject({
      date: TUE,
      start: '10:30',
      staff_ids: [MARCUS, JO],
      same_crew: true,
    });
  });

  it('hands the job to another crew working that day when its own crew is booked all day', () => {
    const f = facts(on([MON], RAIN), {
      appointments: [
        appointment({ date: TUE, start: '08:00', end: '17:00', staff: [MARCUS, JO] }),
        appointment({ date: TUE, start: '08:00', end: '09:00', staff: [DANA, LEE] }),
      ],
    });
    const proposal = proposeSlot(f);
    expect(where(proposal)).toEqual({
      date: TUE,
      start: '09:30',
      end: '11:30',
      staff_ids: [DANA, LEE],
      same_crew: false,
    });
    expect(proposal.kind === 'move' && proposal.summary).toContain(
      'with Dana Reyes and Lee Carter instead of Marcus Johnson and Jo Park',
    );
  });

  it('hands a one-person job to another staff member, crew leads first', () => {
    const f = facts(on([MON], RAIN), {
      job: job({ staff: [MARCUS] }),
      availability: [availability({ from: TUE, staff_id: MARCUS, reason: 'sick_day' })],
    });
    expect(where(proposeSlot(f))).toMatchObject({
      date: TUE,
      start: '08:00',
      staff_ids: [DANA],
      same_crew: false,
    });
  });

  it('waits a day for the crew when one of them is off and no other crew works that day', () => {
    const f = facts(on([MON], RAIN), {
      availability: [availability({ from: TUE, staff_id: JO, reason: 'vacation' })],
    });
    expect(where(proposeSlot(f))).toMatchObject({ date: WED, start: '08:00', same_crew: true });
  });

  it('fits around part-day time off', () => {
    const f = facts(on([MON], RAIN), {
      availability: [
        availability({ from: TUE, staff_id: MARCUS, start_time: '08:00', end_time: '12:00' }),
      ],
    });
    expect(where(proposeSlot(f))).toMatchObject({ date: TUE, start: '12:00', end: '14:00' });
  });
});

describe('days the business is closed', () => {
  it('skips a holiday', () => {
    const f = facts(on([MON], RAIN), {
      availability: [availability({ from: TUE, staff_id: null, reason: 'holiday' })],
    });
    expect(where(proposeSlot(f))).toMatchObject({ date: WED, start: '08:00', same_crew: true });
  });

  it('skips the weekend', () => {
    const f = facts(on([FRI], RAIN), { job: job({ date: FRI }) });
    expect(where(proposeSlot(f))).toMatchObject({ date: NEXT_MON, start: '08:00' });
  });
});

describe('when nothing fits', () => {
  it('says the forecast shows rain every day', () => {
    const rainEveryDay = forecast(CHICAGO, MON, SUN, () => RAIN);
    const proposal = proposeSlot(facts(() => RAIN, { forecast: rainEveryDay }));
    expect(proposal).toEqual({
      kind: 'none',
      reason:
        'No dry slot for Marcus Johnson and Jo Park through Sun, Jun 21 (where the forecast ends) ' +
        '— the forecast shows rain every day it is open.',
    });
  });

  it('searches only the days asked for', () => {
    const proposal = proposeSlot(
      facts(on([MON, TUE, WED], { ...RAIN, wind_speed_mph: 40 }), { searchDays: 2 }),
    );
    expect(proposal).toEqual({
      kind: 'none',
      reason:
        'No slot with workable weather for Marcus Johnson and Jo Park through Wed, Jun 17 ' +
        '— the forecast shows rain or strong wind every day.',
    });
  });

  it('says who is away on the dry days', () => {
    const f = facts(on([MON], RAIN), {
      forecast: forecast(CHICAGO, MON, THU, on([MON], RAIN)),
      availability: [availability({ from: TUE, to: THU, staff_id: MARCUS, reason: 'vacation' })],
    });
    expect(proposeSlot(f)).toEqual({
      kind: 'none',
      reason:
        'No free slot with workable weather through Thu, Jun 18 (where the forecast ends): ' +
        'Tue, Jun 16, Wed, Jun 17 and Thu, Jun 18 look fine, but the board has no free time then ' +
        'for Marcus Johnson and Jo Park or another crew of 2 — ' +
        'Marcus Johnson is off on Tue, Jun 16 (vacation).',
    });
  });

  it('says when the forecast does not reach a later day', () => {
    const f = facts(on([MON], RAIN), {
      business: sameDayOff,
      forecast: forecast(CHICAGO, MON, MON, on([MON], RAIN)),
    });
    expect(proposeSlot(f)).toEqual({
      kind: 'none',
      reason: 'The forecast ends Mon, Jun 15: there is no later day to offer yet.',
    });
  });
});
