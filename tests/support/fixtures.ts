// Shared test data: the first-run form of an obviously fake lawn-care business.

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
