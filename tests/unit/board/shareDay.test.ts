// After a refetch or a move, what did not change keeps its object: the board's memoised lanes and
// cards repaint only for real changes.
import { describe, expect, it } from 'vitest';
import type { Day, Job } from '../../../renderer/src/features/board/layout';
import { shareDay } from '../../../renderer/src/features/board/shareDay';

const job = (id: string, staff: string, start: string, version = 1): Job =>
  ({
    appointment_id: id,
    version,
    status: 'scheduled',
    scheduled_date: new Date('2026-11-26T00:00:00Z'),
    scheduled_start_time: start,
    scheduled_end_time: '17:00',
    assigned_staff_ids: [staff],
  }) as Job;

const day = (appointments: Job[], warnings: Day['warnings'] = {}): Day =>
  ({
    date: '2026-11-26',
    timezone: 'America/Chicago',
    hours: { start: '08:00', end: '17:00' },
    staff: [{ staff_id: 'stf_a', first_name: 'Ann', last_name: 'Lee' }],
    clients: [{ client_id: 'cli_a', first_name: 'Bo', last_name: 'Ray', address: '1 Elm St' }],
    services: [{ service_id: 'svc_a', name: 'Mowing' }],
    availability: [],
    appointments,
    unassigned: [],
    warnings,
    weather_risks: {},
  }) as unknown as Day;

// A fresh copy, as a refetch brings: equal contents, new objects.
const refetched = (d: Day): Day => structuredClone(d);

describe('shareDay', () => {
  it('keeps every object of a day that came back unchanged', () => {
    const before = day([job('apt_1', 'stf_a', '09:00'), job('apt_2', 'stf_a', '11:00')], {
      apt_1: [{ rule: 'business_hours', severity: 'soft', message: 'Late.' }] as never,
    });
    const after = shareDay(before, refetched(before));
    expect(after.appointments[0]).toBe(before.appointments[0]);
    expect(after.appointments[1]).toBe(before.appointments[1]);
    expect(after.warnings).toBe(before.warnings);
    expect(after.staff).toBe(before.staff);
    expect(after.clients).toBe(before.clients);
    expect(after.services).toBe(before.services);
    expect(after.hours).toBe(before.hours);
  });

  it('gives a moved or re-saved job, and only it, a new object', () => {
    const before = day([job('apt_1', 'stf_a', '09:00'), job('apt_2', 'stf_a', '11:00')]);
    const next = refetched(before);
    next.appointments[1] = job('apt_2', 'stf_a', '12:00', 2);
    const after = shareDay(before, next);
    expect(after.appointments[0]).toBe(before.appointments[0]);
    expect(after.appointments[1]).not.toBe(before.appointments[1]);
    expect(after.appointments[1]?.scheduled_start_time).toBe('12:00');
  });

  it('replaces the warnings when one changed, keeping the unchanged entries', () => {
    const late = [{ rule: 'business_hours', severity: 'soft', message: 'Late.' }];
    const before = day([job('apt_1', 'stf_a', '09:00'), job('apt_2', 'stf_a', '11:00')], {
      apt_1: late as never,
    });
    const next = refetched(before);
    next.warnings.apt_2 = [{ rule: 'staff_overlap', severity: 'hard', message: 'Clash.' }] as never;
    const after = shareDay(before, next);
    expect(after.warnings).not.toBe(before.warnings);
    expect(after.warnings.apt_1).toBe(before.warnings.apt_1);
    expect(after.warnings.apt_2?.[0]?.message).toBe('Clash.');
  });

  it('replaces a list whose contents changed', () => {
    const before = day([job('apt_1', 'stf_a', '09:00')]);
    const next = refetched(before);
    next.staff[0] = { ...next.staff[0], last_name: 'Leigh' } as Day['staff'][number];
    expect(shareDay(before, next).staff).not.toBe(before.staff);
  });
});
