// Shared test data: the first-run form of an obviously fake lawn-care business.
import type { Core } from '../../electron/core/compose';

export const OWNER_FORM = {
  business: {
    name: 'Magic City Lawn',
    vertical: 'lawn_care',
    phone: '+1-205-555-0100',
    email: 'office@magiccity.example',
    address: '100 20th St N, Birmingham, AL 35203',
    timezone: 'America/Chicago',
  },
  owner: {
    first_name: 'Rosa',
    last_name: 'Lopez',
    email: 'rosa@magiccity.example',
    password: 'mow-the-lawn-2026',
  },
};

/** Creates the first-run owner through the contract, as the first-run form would. */
export async function createOwner(core: Pick<Core, 'dispatch'>): Promise<void> {
  const created = await core.dispatch(
    { session: null, origin: 'test' },
    'auth.createOwner',
    OWNER_FORM,
  );
  if (!created.ok) throw new Error(created.error.message);
}

/** Monday to Friday, 8:00 to 17:00: a crew member's weekly hours in constructed tests. */
export const WEEKDAY_HOURS = {
  monday: { start: '08:00', end: '17:00' },
  tuesday: { start: '08:00', end: '17:00' },
  wednesday: { start: '08:00', end: '17:00' },
  thursday: { start: '08:00', end: '17:00' },
  friday: { start: '08:00', end: '17:00' },
  saturday: null,
  sunday: null,
};
