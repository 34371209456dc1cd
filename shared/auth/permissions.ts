// The one permission table: which role may do what. The core enforces it; the renderer hides what a role cannot use.

export const roles = ['owner', 'admin', 'staff', 'customer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** See the board, calendar, map and records. */
  'records.view',
  /** Create, move, reassign and change the status of jobs. */
  'dispatch',
  /** Create and edit clients, staff, services, equipment and availability. */
  'records.edit',
  /** Business profile, hours, integrations, database connection. */
  'settings.manage',
  'reports.view',
  /** Invite, deactivate and change the role of users. */
  'users.manage',
  /** Work in another business (system administrators). */
  'business.switch',
] as const;
export type Permission = (typeof permissions)[number];

const office: readonly Permission[] = ['records.view', 'dispatch', 'records.edit'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  owner: [...office, 'settings.manage', 'reports.view', 'users.manage'],
  admin: [...office, 'settings.manage', 'reports.view', 'users.manage', 'business.switch'],
  // Dispatchers are staff users: they run the board and keep the records.
  staff: office,
  // Clients of a business have user records for a future portal but cannot use the desktop app.
  customer: [],
};

export const can = (role: Role, permission: Permission): boolean =>
  rolePermissions[role].includes(permission);

/** Roles that may sign in to the desktop app at all. */
export const canSignIn = (role: Role): boolean => rolePermissions[role].length > 0;
