// The board's crew grouping and filters: who shows under which crew lead, and what a filter hides.
import { describe, expect, it } from 'vitest';
import { crewGroups } from '../../../renderer/src/features/board/crews';
import {
  filtersFrom,
  jobVisible,
  NO_CREW,
  visibleGroups,
  withFilters,
} from '../../../renderer/src/features/board/filters';
import type { Day } from '../../../renderer/src/features/board/layout';

type Staff = Day['staff'][number];
type Job = Day['appointments'][number];

const person = (id: string, role: string, last: string) =>
  ({ staff_id: id, role, first_name: 'Pat', last_name: last }) as unknown as Staff;
const job = (id: string, staff: string[], extra: Partial<Job> = {}) =>
  ({
    appointment_id: id,
    assigned_staff_ids: staff,
    status: 'scheduled',
    service_id: 'svc_mow',
    ...extra,
  }) as unknown as Job;

const staff = [
  person('stf_ann', 'crew_lead', 'Adams'),
  person('stf_bob', 'crew_lead', 'Baker'),
  person('stf_cy', 'crew_member', 'Cole'),
  person('stf_di', 'crew_member', 'Diaz'),
  person('stf_ed', 'manager', 'Evans'),
];

describe('crew groups on the board', () => {
  it('puts each person under the lead they share the most jobs with that day', () => {
    const groups = crewGroups({
      staff,
      appointments: [
        job('apt_1', ['stf_ann', 'stf_cy']),
        job('apt_2', ['stf_bob', 'stf_cy']),
        job('apt_3', ['stf_bob', 'stf_cy']),
        job('apt_4', ['stf_ann', 'stf_di']),
      ],
    });
    expect(groups.map((g) => [g.lead_id, g.people.map((p) => p.staff_id)])).toEqual([
      ['stf_ann', ['stf_ann', 'stf_di']],
      ['stf_bob', ['stf_bob', 'stf_cy']],
      [null, ['stf_ed']],
    ]);
    expect(groups[0]?.title).toBe("Pat Adams's crew");
    expect(groups[2]?.title).toBe('Not with a crew today');
  });

  it('ignores canceled and rescheduled jobs, and breaks ties by the board order of the leads', () => {
    const groups = crewGroups({
      staff,
      appointments: [
        job('apt_1', ['stf_bob', 'stf_cy'], { status: 'canceled' }),
        job('apt_2', ['stf_bob', 'stf_di']),
        job('apt_3', ['stf_ann', 'stf_di']),
      ],
    });
    expect(groups.find((g) => g.lead_id === 'stf_ann')?.people.map((p) => p.staff_id)).toEqual([
      'stf_ann',
      'stf_di',
    ]);
    expect(groups.find((g) => g.lead_id === null)?.people.map((p) => p.staff_id)).toEqual([
      'stf_cy',
      'stf_ed',
    ]);
  });

  it('has no "not with a crew" group when everyone works with a lead', () => {
    const groups = crewGroups({
      staff: staff.slice(0, 3),
      appointments: [job('apt_1', ['stf_ann', 'stf_cy'])],
    });
    expect(groups.map((g) => g.lead_id)).toEqual(['stf_ann', 'stf_bob']);
  });
});

describe('board filters', () => {
  it('reads and writes the filters in the address, keeping the date', () => {
    const params = new URLSearchParams('date=2026-04-16');
    const next = withFilters(params, {
      crews: ['stf_ann', NO_CREW],
      services: [],
      statuses: ['completed'],
    });
    expect(next.toString()).toBe('date=2026-04-16&crew=stf_ann&crew=none&status=completed');
    expect(filtersFrom(next)).toEqual({
      crews: ['stf_ann', 'none'],
      services: [],
      statuses: ['completed'],
    });
  });

  it('shows the chosen crews and hides jobs of other services and statuses', () => {
    const groups = crewGroups({ staff, appointments: [job('apt_1', ['stf_ann', 'stf_cy'])] });
    const f = { crews: [NO_CREW], services: ['svc_mow'], statuses: ['scheduled'] };
    expect(visibleGroups(groups, f).map((g) => g.lead_id)).toEqual([null]);
    expect(jobVisible(job('apt_2', []), f)).toBe(true);
    expect(jobVisible(job('apt_3', [], { status: 'completed' }), f)).toBe(false);
    expect(jobVisible(job('apt_4', [], { service_id: 'svc_trim' }), f)).toBe(false);
  });
});
