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
