// The dispatch board's rules: each rule passing and failing, gap boundaries, moves, DST days and midnight.
import { describe, expect, it } from 'vitest';
import type { AppointmentInput } from '../../../shared/schemas';
import { enforceRules } from '../../../electron/core/services/scheduling/placement';
import {
  checkPlacement,
  MAINTENANCE_DUE_SOON_DAYS,
  RULE_SEVERITY,
  type Placement,
  type RuleId,
  type ScheduleContext,
} from '../../../electron/core/services/scheduling/rules';
import {
  appointment,
  availability,
  BO,
  business,
  context,
  DANA,
  equipment,
  JO,
  LEE,
  MARCUS,
  MOWER,
  OTHER_SERVICE_ID,
  placement,
  ROUND_THE_CLOCK,
  service,
  staff,
  TRAILER,
} from './fixtures';

function check(p: Partial<Placement>, ctx: Partial<ScheduleContext> = {}) {
  return checkPlacement(placement(p), context(ctx));
}

/** Every rule raised, hard, soft and info, in order. */
function rulesOf(result: ReturnType<typeof checkPlacement>): RuleId[] {
  return [...result.hard, ...result.soft, ...result.info].map((v) => v.rule);
}

function messagesOf(result: ReturnType<typeof checkPlacement>, rule: RuleId): string[] {
  return [...result.hard, ...result.soft, ...result.info]
    .filter((v) => v.rule === rule)
    .map((v) => v.message);
}

/** A business and staff that work around the clock, so only the rule under test can fire. */
function allHours(ctx: Partial<ScheduleContext> = {}, gap = 30): Partial<ScheduleContext> {
  return {
    business: business({ business_hours: ROUND_THE_CLOCK, min_gap_between_jobs_minutes: gap }),
    staff: [MARCUS, DANA, JO, LEE].map((id) =>
      staff(id, { availability_schedule: ROUND_THE_CLOCK }),
    ),
    ...ctx,
  };
}

describe('a clean placement', () => {
  it('raises nothing on a Monday morning with free people and equipment', () => {
    const result = check({ staff_ids: [MARCUS, JO], equipment_ids: [MOWER, TRAILER] });
    expect(result).toEqual({ hard: [], soft: [], info: [] });
  });

  it('sorts each rule into its documented severity', () => {
    const soft = Object.entries(RULE_SEVERITY).filter(([, s]) => s === 'soft');
    expect(soft.map(([rule]) => rule).sort()).toEqual([
      'business_hours',
      'equipment_maintenance_due',
    ]);
    const info = Object.entries(RULE_SEVERITY).filter(([, s]) => s === 'info');
    expect(info.map(([rule]) => rule)).toEqual(['equipment_maintenance_due_soon']);
  });
});

describe('invalid_time', () => {
  it('refuses an end that is not after the start, and checks nothing else', () => {
    const result = check({ start: '11:00', end: '10:00', staff_ids: ['stf_gone99'] });
    expect(rulesOf(result)).toEqual(['invalid_time']);
    expect(result.hard[0]?.message).toBe(
      'The job ends at 10:00 AM, which is not after its start at 11:00 AM.',
    );
    expect(rulesOf(check({ start: '10:00', end: '10:00' }))).toEqual(['invalid_time']);
  });

  it('refuses times outside 00:00–23:59 and dates that do not exist', () => {
    expect(messagesOf(check({ start: '23:00', end: '24:00' }), 'invalid_time')).toEqual([
      'The end time "24:00" is not a time of day between 12:00 AM and 11:59 PM.',
    ]);
    expect(rulesOf(check({ start: '9:00' }))).toEqual(['invalid_time']);
    expect(messagesOf(check({ scheduled_date: '2026-02-30' }), 'invalid_time')).toEqual([
      'The date 2026-02-30 is not a calendar date.',
    ]);
  });

  it('refuses a time the spring-forward change skips, but not the hours around it', () => {
    const skipped = check(
      { scheduled_date: '2026-03-08', start: '02:30', end: '03:30' },
      allHours(),
    );
    expect(messagesOf(skipped, 'invalid_time')).toEqual([
      '2:30 AM does not exist on Sun, Mar 8: the clocks spring forward that night.',
    ]);
    const around = check(
      { scheduled_date: '2026-03-08', start: '01:30', end: '03:00' },
      allHours(),
    );
    expect(rulesOf(around)).toEqual([]);
  });
});

describe('staff_overlap', () => {
  const nine = (extra: Partial<AppointmentInput> = {}) =>
    appointment({ id: 'apt_nine01', date: '2026-03-16', start: '09:00', end: '10:00', ...extra });

  it('refuses an overlapping job and names the person, job, client and times', () => {
    const result = check({ start: '09:30', end: '10:30' }, { nearbyAppointments: [nine()] });
    expect(result.hard).toEqual([
      {
        rule: 'staff_overlap',
        severity: 'hard',
        message:
          'Marcus Johnson already has Full Lawn Maintenance for Ann Lee 9:00 AM–10:00 AM at that time.',
        staff_id: MARCUS,
        appointment_id: 'apt_nine01',
      },
    ]);
  });

  it('accepts exactly the minimum gap and refuses one minute less, before and after', () => {
    const ctx = { nearbyAppointments: [nine()] };
    expect(rulesOf(check({ start: '10:30', end: '11:30' }, ctx))).toEqual([]);
    expect(messagesOf(check({ start: '10:29', end: '11:30' }, ctx), 'staff_overlap')).toEqual([
      'Marcus Johnson has Full Lawn Maintenance for Ann Lee 9:00 AM–10:00 AM, only 29 minutes from this job; jobs need 30 minutes between them.',
    ]);
    expect(rulesOf(check({ start: '08:00', end: '08:30' }, ctx))).toEqual([]);
    expect(rulesOf(check({ start: '08:00', end: '08:31' }, ctx))).toEqual(['staff_overlap']);
  });

  it('lets back-to-back jobs touch when the business sets no gap', () => {
    const ctx = {
      business: business({ min_gap_between_jobs_minutes: 0 }),
      nearbyAppointments: [nine()],
    };
    expect(rulesOf(check({ start: '10:00', end: '11:00' }, ctx))).toEqual([]);
    expect(rulesOf(check({ start: '09:59', end: '11:00' }, ctx))).toEqual(['staff_overlap']);
  });

  it('never clashes a moved job with its own old slot', () => {
    const ctx = { nearbyAppointments: [nine()] };
    const moved = { appointment_id: 'apt_nine01', start: '09:30', end: '10:30' };
    expect(rulesOf(check(moved, ctx))).toEqual([]);
    expect(rulesOf(check({ ...moved, appointment_id: 'apt_other1' }, ctx))).toEqual([
      'staff_overlap',
    ]);
  });

  it('ignores canceled, rescheduled and deleted jobs but not completed ones', () => {
    const p = { start: '09:30', end: '10:30' };
    const canceled = nine({ status: 'canceled', cancellation_reason: 'Client away' });
    const rescheduled = nine({ status: 'rescheduled' });
    const deleted = nine({ deleted_at: new Date('2026-03-10T12:00:00Z') });
    expect(rulesOf(check(p, { nearbyAppointments: [canceled, rescheduled, deleted] }))).toEqual([]);
    const completed = nine({ status: 'completed', completed_at: new Date('2026-03-16T16:00:00Z') });
    expect(rulesOf(check(p, { nearbyAppointments: [completed] }))).toEqual(['staff_overlap']);
  });

  it('reports only the crew member who clashes on a multi-staff job', () => {
    const danaJob = appointment({
      id: 'apt_dana01',
      date: '2026-03-16',
      start: '11:15',
      end: '12:00',
      staff: [DANA],
      client_id: BO,
      service_id: OTHER_SERVICE_ID,
    });
    const result = check(
      { staff_ids: [MARCUS, DANA, JO], start: '10:00', end: '11:00' },
      { nearbyAppointments: [danaJob], service: service({ minimum_staff_count: 3 }) },
    );
    expect(result.hard).toEqual([
      {
        rule: 'staff_overlap',
        severity: 'hard',
        message:
          'Dana Reyes has Core Aeration for Bo Kim 11:15 AM–12:00 PM, only 15 minutes from this job; jobs need 30 minutes between them.',
        staff_id: DANA,
        appointment_id: 'apt_dana01',
      },
    ]);
  });

  it('does not mix up other people’s jobs', () => {
    const other = appointment({ date: '2026-03-16', start: '10:00', end: '11:00', staff: [DANA] });
    expect(rulesOf(check({}, { nearbyAppointments: [other] }))).toEqual([]);
  });

  it('measures the gap across midnight against the day before', () => {
    const late = appointment({
      date: '2026-03-16',
      start: '23:00',
      end: '23:50',
      client_id: BO,
    });
    const ctx = allHours({ nearbyAppointments: [late] });
    const early = check({ scheduled_date: '2026-03-17', start: '00:05', end: '01:00' }, ctx);
    expect(messagesOf(early, 'staff_overlap')).toEqual([
      'Marcus Johnson has Full Lawn Maintenance for Bo Kim on Mon, Mar 16 11:00 PM–11:50 PM, only 15 minutes from this job; jobs need 30 minutes between them.',
    ]);
    expect(
      rulesOf(check({ scheduled_date: '2026-03-17', start: '00:20', end: '01:00' }, ctx)),
    ).toEqual([]);
  });

  it('lets a late-night job cross nothing: the next morning’s job is far away', () => {
    const morning = appointment({ date: '2026-03-17', start: '00:30', end: '02:00' });
    const ctx = allHours({ nearbyAppointments: [morning] });
    expect(rulesOf(check({ start: '22:00', end: '23:59' }, ctx))).toEqual([]);
    expect(
      rulesOf(
        check({ start: '22:00', end: '23:59' }, allHours({ nearbyAppointments: [morning] }, 45)),
      ),
    ).toEqual(['staff_overlap']);
  });

  describe('across DST changes in America/Chicago', () => {
    it('spring forward 2026-03-08: 01:45 → 03:00 is only 15 real minutes', () => {
      const early = appointment({ date: '2026-03-08', start: '01:00', end: '01:45' });
      const result = check(
        { scheduled_date: '2026-03-08', start: '03:00', end: '04:00' },
        allHours({ nearbyAppointments: [early] }),
      );
      expect(result.hard.map((v) => v.rule)).toEqual(['staff_overlap']);
      expect(result.hard[0]?.message).toContain('only 15 minutes from this job');
      const thirtyReal = appointment({ date: '2026-03-08', start: '01:00', end: '01:30' });
      expect(
        rulesOf(
          check(
            { scheduled_date: '2026-03-08', start: '03:00', end: '04:00' },
            allHours({ nearbyAppointments: [thirtyReal] }),
          ),
        ),
      ).toEqual([]);
    });

    it('fall back 2026-11-01: 01:30 → 02:00 is 90 real minutes, as 1:00–2:00 repeats', () => {
      const early = appointment({ date: '2026-11-01', start: '00:30', end: '01:30' });
      const ctx = allHours({ nearbyAppointments: [early] }, 60);
      expect(
        rulesOf(check({ scheduled_date: '2026-11-01', start: '02:00', end: '03:00' }, ctx)),
      ).toEqual([]);
      // The same wall-clock times a day later are only 30 minutes apart.
      const nextDay = appointment({ date: '2026-11-02', start: '00:30', end: '01:30' });
      expect(
        rulesOf(
          check(
            { scheduled_date: '2026-11-02', start: '02:00', end: '03:00' },
            allHours({ nearbyAppointments: [nextDay] }, 60),
          ),
        ),
      ).toEqual(['staff_overlap']);
    });
  });
});

describe('staff_inactive', () => {
  it('refuses an inactive, a deleted and an unknown staff member', () => {
    const ctx = {
      staff: [
        staff(MARCUS, { is_active: false }),
        staff(DANA, { deleted_at: new Date('2026-02-01T00:00:00Z') }),
      ],
    };
    const result = check({ staff_ids: [MARCUS, DANA, 'stf_gone99'] }, ctx);
    expect(result.hard.map((v) => [v.rule, v.staff_id])).toEqual([
      ['staff_inactive', MARCUS],
      ['staff_inactive', DANA],
      ['staff_inactive', 'stf_gone99'],
    ]);
    expect(result.hard.map((v) => v.message)).toEqual([
      'Marcus Johnson is no longer an active staff member.',
      'Dana Reyes is no longer an active staff member.',
      'Staff member stf_gone99 is not on the team (deleted or unknown).',
    ]);
  });

  it('accepts active staff', () => {
    expect(rulesOf(check({ staff_ids: [MARCUS, DANA] }))).toEqual([]);
  });
});

describe('staff_hours', () => {
  const saturdayOpen = business({
    business_hours: { ...ROUND_THE_CLOCK, sunday: null },
  });

  it('refuses a weekday the person does not work', () => {
    const result = check({ scheduled_date: '2026-03-14' }, { business: saturdayOpen });
    expect(result.hard).toEqual([
      {
        rule: 'staff_hours',
        severity: 'hard',
        message: 'Marcus Johnson does not work on Saturdays.',
        staff_id: MARCUS,
      },
    ]);
  });

  it('refuses a job running past the person’s hours and accepts one inside them', () => {
    const ctx = { business: saturdayOpen };
    expect(messagesOf(check({ start: '16:30', end: '17:30' }, ctx), 'staff_hours')).toEqual([
      'Marcus Johnson works 8:00 AM–5:00 PM on Mondays; this job runs 4:30 PM–5:30 PM.',
    ]);
    expect(rulesOf(check({ start: '16:00', end: '17:00' }, ctx))).toEqual([]);
    expect(rulesOf(check({ start: '08:00', end: '09:00' }, ctx))).toEqual([]);
  });

  it('uses the person’s special hours instead of the weekly ones on that date', () => {
    const special = availability({
      type: 'special_hours',
      staff_id: MARCUS,
      from: '2026-03-14',
      start_time: '09:00',
      end_time: '13:00',
    });
    const ctx = { business: saturdayOpen, availability: [special] };
    expect(
      rulesOf(check({ scheduled_date: '2026-03-14', start: '09:00', end: '12:00' }, ctx)),
    ).toEqual([]);
    expect(
      messagesOf(
        check({ scheduled_date: '2026-03-14', start: '12:00', end: '14:00' }, ctx),
        'staff_hours',
      ),
    ).toEqual([
      'Marcus Johnson works 9:00 AM–1:00 PM on Sat, Mar 14 (special hours); this job runs 12:00 PM–2:00 PM.',
    ]);
  });
});

describe('staff_time_off', () => {
  it('refuses a day off and each day of a range, inclusive', () => {
    const vacation = availability({
      staff_id: MARCUS,
      from: '2026-03-16',
      to: '2026-03-18',
      reason: 'vacation',
      notes: 'Family trip to Florida',
    });
    const ctx = { availability: [vacation] };
    expect(check({}, ctx).hard).toEqual([
      {
        rule: 'staff_time_off',
        severity: 'hard',
        message: 'Marcus Johnson is off on Mon, Mar 16 (vacation: Family trip to Florida).',
        staff_id: MARCUS,
      },
    ]);
    expect(rulesOf(check({ scheduled_date: '2026-03-18' }, ctx))).toEqual(['staff_time_off']);
    expect(rulesOf(check({ scheduled_date: '2026-03-19' }, ctx))).toEqual([]);
    expect(rulesOf(check({ scheduled_date: '2026-03-13' }, ctx))).toEqual([]);
    expect(rulesOf(check({ staff_ids: [DANA] }, ctx))).toEqual([]);
  });

  it('follows an every-other-Friday RRULE anchored at date_from, up to date_to', () => {
    const fridays = availability({
      staff_id: MARCUS,
      from: '2026-03-06',
      to: '2026-04-17',
      reason: 'personal',
      is_recurring: true,
      recurrence_rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
    });
    const ctx = { availability: [fridays] };
    const on = (date: string) => rulesOf(check({ scheduled_date: date }, ctx));
    expect(on('2026-03-06')).toEqual(['staff_time_off']);
    expect(on('2026-03-13')).toEqual([]);
    expect(on('2026-03-20')).toEqual(['staff_time_off']);
    expect(on('2026-03-27')).toEqual([]);
    expect(on('2026-04-17')).toEqual(['staff_time_off']);
    expect(on('2026-05-01')).toEqual([]);
    expect(messagesOf(check({ scheduled_date: '2026-03-20' }, ctx), 'staff_time_off')).toEqual([
      'Marcus Johnson is off on Fri, Mar 20 (personal).',
    ]);
  });

  it('blocks only the hours of a partial-day time off', () => {
    const dentist = availability({
      staff_id: MARCUS,
      from: '2026-03-16',
      start_time: '12:00',
      end_time: '14:00',
      reason: 'personal',
      notes: 'Dentist',
    });
    const ctx = { availability: [dentist] };
    expect(messagesOf(check({ start: '13:00', end: '15:00' }, ctx), 'staff_time_off')).toEqual([
      'Marcus Johnson is off 12:00 PM–2:00 PM on Mon, Mar 16 (personal: Dentist); this job runs 1:00 PM–3:00 PM.',
    ]);
    expect(rulesOf(check({ start: '14:00', end: '15:00' }, ctx))).toEqual([]);
    expect(rulesOf(check({ start: '11:00', end: '12:00' }, ctx))).toEqual([]);
  });

  it('ignores deleted entries and other businesses’ entries', () => {
    const deleted = availability({
      staff_id: MARCUS,
      from: '2026-03-16',
      deleted_at: new Date('2026-03-01T00:00:00Z'),
    });
    const foreign = availability({
      staff_id: MARCUS,
      from: '2026-03-16',
      business_id: 'bus_other1',
    });
    expect(rulesOf(check({}, { availability: [deleted, foreign] }))).toEqual([]);
  });
});

describe('business_closed', () => {
  it('refuses a business-wide holiday', () => {
    const thanksgiving = availability({
      from: '2026-11-26',
      to: '2026-11-27',
      reason: 'holiday',
      notes: 'Thanksgiving',
    });
    const result = check({ scheduled_date: '2026-11-26' }, { availability: [thanksgiving] });
    expect(result).toEqual({
      hard: [
        {
          rule: 'business_closed',
          severity: 'hard',
          message: 'Southern Lawn Care Co is closed on Thu, Nov 26 (holiday: Thanksgiving).',
        },
      ],
      soft: [],
      info: [],
    });
    expect(
      rulesOf(check({ scheduled_date: '2026-11-25' }, { availability: [thanksgiving] })),
    ).toEqual([]);
  });

  it('refuses a weekday with no business hours unless special hours open it', () => {
    const weekendCrew = [staff(MARCUS, { availability_schedule: ROUND_THE_CLOCK })];
    const saturday = { scheduled_date: '2026-03-14' };
    expect(messagesOf(check(saturday, { staff: weekendCrew }), 'business_closed')).toEqual([
      'Southern Lawn Care Co is closed on Saturdays.',
    ]);
    const leafSeason = availability({
      type: 'special_hours',
      from: '2026-03-14',
      start_time: '08:00',
      end_time: '12:00',
      notes: 'Leaf season',
    });
    expect(rulesOf(check(saturday, { staff: weekendCrew, availability: [leafSeason] }))).toEqual(
      [],
    );
  });

  it('refuses only the closed hours of a partial-day closure', () => {
    const closure = availability({
      from: '2026-03-16',
      start_time: '12:00',
      end_time: '17:00',
      reason: 'weather',
    });
    const ctx = { availability: [closure] };
    expect(messagesOf(check({ start: '11:30', end: '12:30' }, ctx), 'business_closed')).toEqual([
      'Southern Lawn Care Co is closed 12:00 PM–5:00 PM on Mon, Mar 16 (weather); this job runs 11:30 AM–12:30 PM.',
    ]);
    expect(rulesOf(check({ start: '10:00', end: '11:00' }, ctx))).toEqual([]);
  });
});

describe('business_hours (soft)', () => {
  const lateStaff = [staff(MARCUS, { availability_schedule: ROUND_THE_CLOCK })];

  it('warns, without refusing, about a job outside business hours', () => {
    const result = check({ start: '17:00', end: '18:00' }, { staff: lateStaff });
    expect(result).toEqual({
      hard: [],
      soft: [
        {
          rule: 'business_hours',
          severity: 'soft',
          message:
            'This job runs 5:00 PM–6:00 PM, outside business hours (8:00 AM–5:00 PM on Mondays).',
        },
      ],
      info: [],
    });
    expect(rulesOf(check({ start: '16:00', end: '17:00' }, { staff: lateStaff }))).toEqual([]);
  });

  it('uses special hours instead of the weekly hours on that date', () => {
    const halfDay = availability({
      type: 'special_hours',
      from: '2026-03-16',
      start_time: '08:00',
      end_time: '12:00',
    });
    const ctx = { staff: lateStaff, availability: [halfDay] };
    expect(messagesOf(check({ start: '13:00', end: '14:00' }, ctx), 'business_hours')).toEqual([
      'This job runs 1:00 PM–2:00 PM, outside business hours (8:00 AM–12:00 PM on Mon, Mar 16 (special hours)).',
    ]);
    expect(rulesOf(check({ start: '09:00', end: '10:00' }, ctx))).toEqual([]);
    // A special-hours entry for another staff member does not change the business's hours.
    const personal = availability({ ...halfDay, staff_id: DANA, from: '2026-03-16' });
    expect(
      rulesOf(
        check({ start: '13:00', end: '14:00' }, { staff: lateStaff, availability: [personal] }),
      ),
    ).toEqual([]);
  });
});

describe('equipment_double_booked', () => {
  const mowerJob = appointment({
    id: 'apt_mow001',
    date: '2026-03-16',
    start: '09:00',
    end: '10:30',
    staff: [DANA],
    equipment: [MOWER],
    client_id: BO,
  });

  it('refuses equipment already on an overlapping job, naming that job', () => {
    const result = check({ equipment_ids: [MOWER, TRAILER] }, { nearbyAppointments: [mowerJob] });
    expect(result.hard).toEqual([
      {
        rule: 'equipment_double_booked',
        severity: 'hard',
        message: 'Zero-Turn Mower is already on Full Lawn Maintenance for Bo Kim 9:00 AM–10:30 AM.',
        equipment_id: MOWER,
        appointment_id: 'apt_mow001',
      },
    ]);
  });

  it('allows the equipment right after, with no gap', () => {
    const ctx = { nearbyAppointments: [mowerJob] };
    expect(rulesOf(check({ start: '10:30', end: '11:30', equipment_ids: [MOWER] }, ctx))).toEqual(
      [],
    );
  });
});

describe('equipment_unavailable', () => {
  it('refuses equipment in maintenance, retired, out of use or unknown', () => {
    const ctx = {
      equipment: [
        equipment(MOWER, { status: 'maintenance' }),
        equipment(TRAILER, { status: 'retired', is_active: false }),
        equipment('eq_blower1', { name: 'Backpack Blower', category: 'blower', is_active: false }),
      ],
    };
    const result = check({ equipment_ids: [MOWER, TRAILER, 'eq_blower1', 'eq_gone999'] }, ctx);
    expect(result.hard.map((v) => [v.rule, v.equipment_id, v.message])).toEqual([
      ['equipment_unavailable', MOWER, 'Zero-Turn Mower is in maintenance.'],
      ['equipment_unavailable', TRAILER, 'Utility Trailer is retired.'],
      ['equipment_unavailable', 'eq_blower1', 'Backpack Blower is no longer in use.'],
      [
        'equipment_unavailable',
        'eq_gone999',
        'Equipment eq_gone999 is not in the equipment list (deleted or unknown).',
      ],
    ]);
  });

  it('accepts active equipment', () => {
    expect(rulesOf(check({ equipment_ids: [MOWER] }))).toEqual([]);
  });
});

describe('equipment maintenance: due (soft) and due soon (info)', () => {
  const due = (date: string) => ({
    equipment: [equipment(MOWER, { maintenance_due_date: new Date(`${date}T00:00:00Z`) })],
  });
  // The job is on Mon, Mar 16; MAINTENANCE_DUE_SOON_DAYS after it is Mon, Mar 23.
  const job = { equipment_ids: [MOWER] };

  it('warns when maintenance is due on or before the job date', () => {
    expect(check(job, due('2026-03-10'))).toEqual({
      hard: [],
      soft: [
        {
          rule: 'equipment_maintenance_due',
          severity: 'soft',
          message: 'Zero-Turn Mower has been due for maintenance since Tue, Mar 10.',
          equipment_id: MOWER,
        },
      ],
      info: [],
    });
    expect(messagesOf(check(job, due('2026-03-16')), 'equipment_maintenance_due')).toEqual([
      'Zero-Turn Mower is due for maintenance on Mon, Mar 16.',
    ]);
  });

  it('notes, as info only, maintenance due within the week after the job', () => {
    expect(MAINTENANCE_DUE_SOON_DAYS).toBe(7);
    expect(check(job, due('2026-03-19'))).toEqual({
      hard: [],
      soft: [],
      info: [
        {
          rule: 'equipment_maintenance_due_soon',
          severity: 'info',
          message: 'Zero-Turn Mower is due for maintenance 3 days after this job, on Thu, Mar 19.',
          equipment_id: MOWER,
        },
      ],
    });
    expect(messagesOf(check(job, due('2026-03-17')), 'equipment_maintenance_due_soon')).toEqual([
      'Zero-Turn Mower is due for maintenance the day after this job, on Tue, Mar 17.',
    ]);
    expect(rulesOf(check(job, due('2026-03-23')))).toEqual(['equipment_maintenance_due_soon']);
  });

  it('stays quiet when maintenance is due more than a week after the job', () => {
    expect(rulesOf(check(job, due('2026-03-24')))).toEqual([]);
    expect(rulesOf(check(job, due('2026-09-01')))).toEqual([]);
    expect(rulesOf(check(job, { equipment: [equipment(MOWER)] }))).toEqual([]);
  });

  it('lets a job with maintenance due soon be placed without an override', () => {
    const found = check(job, due('2026-03-19'));
    expect(enforceRules(found, { override_warnings: false })).toEqual([]);
  });

  it('still asks for an override when maintenance is overdue, and takes it', () => {
    const found = check(job, due('2026-03-10'));
    expect(() => enforceRules(found, { override_warnings: false })).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        message: 'Zero-Turn Mower has been due for maintenance since Tue, Mar 10. Save it anyway?',
        details: { violations: found.soft, overridable: true },
      }),
    );
    expect(enforceRules(found, { override_warnings: true })).toEqual(found.soft);
  });
});

describe('minimum_staff', () => {
  const twoPeople = { service: service({ name: 'Core Aeration', minimum_staff_count: 2 }) };

  it('refuses fewer staff than the service needs', () => {
    expect(check({}, twoPeople).hard).toEqual([
      {
        rule: 'minimum_staff',
        severity: 'hard',
        message: 'Core Aeration needs at least 2 staff; 1 is assigned.',
      },
    ]);
    // The same person twice is still one person.
    expect(rulesOf(check({ staff_ids: [MARCUS, MARCUS] }, twoPeople))).toEqual(['minimum_staff']);
  });

  it('accepts enough staff, and a job left unassigned in the queue', () => {
    expect(rulesOf(check({ staff_ids: [MARCUS, JO] }, twoPeople))).toEqual([]);
    expect(rulesOf(check({ staff_ids: [] }, twoPeople))).toEqual([]);
  });
});

describe('crew_stacking', () => {
  const singleCrew = service({ can_have_multiple_crews: false });

  it('refuses a second crew lead when the service takes one crew', () => {
    const result = check({ staff_ids: [MARCUS, DANA, JO] }, { service: singleCrew });
    expect(result.hard).toEqual([
      {
        rule: 'crew_stacking',
        severity: 'hard',
        message:
          'Full Lawn Maintenance takes one crew per job, but Marcus Johnson and Dana Reyes would each lead a crew on it.',
      },
    ]);
  });

  it('refuses a second crew lead when the business turns crew stacking off', () => {
    const ctx = { business: business({ allow_crew_stacking: false }) };
    expect(messagesOf(check({ staff_ids: [MARCUS, DANA] }, ctx), 'crew_stacking')).toEqual([
      'Southern Lawn Care Co does not allow crew stacking, but Marcus Johnson and Dana Reyes would each lead a crew on it.',
    ]);
  });

  it('accepts one lead with any number of members, and stacking where both allow it', () => {
    expect(rulesOf(check({ staff_ids: [MARCUS, JO, LEE] }, { service: singleCrew }))).toEqual([]);
    expect(rulesOf(check({ staff_ids: [MARCUS, DANA, JO] }))).toEqual([]);
  });

  it('accepts two leads when both are needed for the minimum staff count', () => {
    const pair = service({ can_have_multiple_crews: false, minimum_staff_count: 2 });
    expect(rulesOf(check({ staff_ids: [MARCUS, DANA] }, { service: pair }))).toEqual([]);
    expect(rulesOf(check({ staff_ids: [MARCUS, DANA, JO] }, { service: pair }))).toEqual([
      'crew_stacking',
    ]);
  });
});
