// The History tab's sentences: each kind of audit entry read the way a dispatcher would say it.
import { describe, expect, it } from 'vitest';
import { describeAuditEntry, type AuditNames } from '../../../renderer/src/features/records/audit';
import { moveItem, orderChanges } from '../../../renderer/src/features/services/serviceModel';

const at = new Date('2026-03-04T15:00:00Z');
const names: AuditNames = {
  users: { usr_tammy: 'Tammy Reeves', usr_dale: 'Dale Price' },
  currentUserId: 'usr_me',
  refs: { svc_mow: 'Lawn mowing', svc_edge: 'Edging', stf_ann: 'Ann Cole' },
};
const entry = (
  action: string,
  user_id: string,
  changes?: Record<string, { before: unknown; after: unknown }>,
  note?: string,
) => ({
  action,
  user_id,
  timestamp: at,
  ...(changes ? { changes } : {}),
  ...(note ? { note } : {}),
});

describe('describeAuditEntry', () => {
  it('says who moved a job and from which time to which, on a 12-hour clock', () => {
    const moved = entry('moved', 'usr_tammy', {
      scheduled_start_time: { before: '09:00', after: '11:00' },
      scheduled_end_time: { before: '10:00', after: '12:00' },
    });
    expect(describeAuditEntry('appointments', moved, names)).toBe(
      'Tammy Reeves moved the job from 9:00 AM to 11:00 AM.',
    );
  });

  it('names the day too when a move changed it, and the crew it went to', () => {
    const moved = entry('moved', 'usr_tammy', {
      scheduled_date: {
        before: new Date('2026-03-04T00:00:00Z'),
        after: new Date('2026-03-05T00:00:00Z'),
      },
      scheduled_start_time: { before: '13:30', after: '08:15' },
      assigned_staff_ids: { before: [], after: ['stf_ann'] },
    });
    expect(describeAuditEntry('appointments', moved, names)).toBe(
      'Tammy Reeves moved the job from Mar 4, 2026 1:30 PM to Mar 5, 2026 8:15 AM and gave it to Ann Cole.',
    );
  });

  it('spells out a changed field with its old and new value', () => {
    const changed = entry('updated', 'usr_dale', {
      phone: { before: '+1-205-555-0100', after: '(205) 555-0199' },
    });
    // Numbers read as every screen shows them, however they were typed.
    expect(describeAuditEntry('clients', changed, names)).toBe(
      'Dale Price changed the phone from +1 205-555-0100 to +1 205-555-0199.',
    );
  });

  it('reads set, cleared, money, minutes, ids and active status in words', () => {
    expect(
      describeAuditEntry(
        'services',
        entry('updated', 'usr_dale', {
          default_price: { before: 45, after: 52.5 },
          default_duration_minutes: { before: 60, after: 90 },
        }),
        names,
      ),
    ).toBe(
      'Dale Price changed the price from $45.00 to $52.50 and changed the duration from 60 min to 90 min.',
    );
    expect(
      describeAuditEntry(
        'clients',
        entry('updated', 'usr_dale', {
          email: { before: null, after: 'a@b.example' },
          notes: { before: 'Gate code 1234', after: null },
          service_type_ids: { before: ['svc_mow'], after: ['svc_mow', 'svc_edge'] },
        }),
        names,
      ),
    ).toBe(
      'Dale Price set the email to a@b.example, cleared the notes and changed the services from Lawn mowing to Lawn mowing, Edging.',
    );
    expect(
      describeAuditEntry(
        'clients',
        entry('updated', 'usr_dale', { is_active: { before: true, after: false } }),
        names,
      ),
    ).toBe('Dale Price marked the client inactive.');
  });

  it('names long texts and many fields without quoting them', () => {
    expect(
      describeAuditEntry(
        'clients',
        entry('updated', 'usr_dale', { notes: { before: 'short', after: 'x'.repeat(200) } }),
        names,
      ),
    ).toBe('Dale Price changed the notes.');
    expect(
      describeAuditEntry(
        'clients',
        entry('updated', 'usr_dale', {
          first_name: { before: 'A', after: 'B' },
          last_name: { before: 'A', after: 'B' },
          city: { before: 'A', after: 'B' },
          zip_code: { before: '35209', after: '35210' },
          state: { before: 'AL', after: 'GA' },
        }),
        names,
      ),
    ).toBe('Dale Price changed the first name, last name, city and 2 more fields.');
  });

  it('says created, deleted and restored with the record kind', () => {
    expect(describeAuditEntry('clients', entry('created', 'usr_tammy'), names)).toBe(
      'Tammy Reeves created the client.',
    );
    expect(
      describeAuditEntry(
        'services',
        entry('deleted', 'usr_dale', { deleted_at: { before: null, after: at } }),
        names,
      ),
    ).toBe('Dale Price deleted the service.');
    expect(
      describeAuditEntry(
        'services',
        entry('restored', 'usr_dale', { deleted_at: { before: at, after: null } }),
        names,
      ),
    ).toBe('Dale Price restored the service.');
  });

  it('calls the signed-in user "You" and an unknown user "Someone"', () => {
    expect(describeAuditEntry('clients', entry('created', 'usr_me'), names)).toBe(
      'You created the client.',
    );
    expect(describeAuditEntry('clients', entry('created', 'usr_gone'), { users: {} })).toBe(
      'Someone created the client.',
    );
  });

  it('keeps the note an entry carries, and reads status changes and unknown actions', () => {
    expect(
      describeAuditEntry('appointments', entry('canceled', 'usr_tammy', undefined, 'Rain'), names),
    ).toBe('Tammy Reeves marked the job canceled (Rain).');
    expect(describeAuditEntry('equipment', entry('checked_out', 'usr_tammy'), names)).toBe(
      'Tammy Reeves checked out the equipment.',
    );
  });
});

describe('service order', () => {
  const s = (id: string, sort_order: number) => ({ service_id: id, sort_order, version: 1 });

  it('moves an item to a new position', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
  });

  it('writes only the services whose position changed, keeping the values in use', () => {
    const order = [s('a', 10), s('c', 30), s('b', 20), s('d', 40)];
    expect(orderChanges(order).map((c) => [c.service.service_id, c.sort_order])).toEqual([
      ['c', 20],
      ['b', 30],
    ]);
  });

  it('numbers the services 1, 2, 3, … when their values are not distinct', () => {
    const order = [s('b', 0), s('a', 0), s('c', 3)];
    expect(orderChanges(order).map((c) => [c.service.service_id, c.sort_order])).toEqual([
      ['b', 1],
      ['a', 2],
    ]);
  });
});
