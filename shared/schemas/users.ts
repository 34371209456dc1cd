// users: people who sign in (owners, office staff, system admins, customers) and their bcrypt password hash.
import { z } from 'zod';
import { documentFields, emailSchema, phoneSchema, whenFieldsValid } from './common';
import { idOf } from './ids';

export const userRoleSchema = z.enum(['owner', 'staff', 'admin', 'customer']);
export type UserRole = z.infer<typeof userRoleSchema>;

/** A bcrypt hash as written by bcrypt/bcryptjs: '$2a$' / '$2b$' / '$2y$', cost, 53 characters. */
export const bcryptHashSchema = z
  .string()
  .regex(/^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/, { error: 'Expected a bcrypt hash' });

export const userObject = z.strictObject({
  ...documentFields,
  user_id: idOf('usr'),
  /** Stored lower-case so the unique index treats 'A@x.example' and 'a@x.example' as one. */
  email: emailSchema.toLowerCase(),
  password_hash: bcryptHashSchema,
  first_name: z.string().trim().min(1),
  last_name: z.string().trim().min(1),
  phone: phoneSchema.nullable().default(null),
  role: userRoleSchema,
  /** Null only for system admins, who belong to no business. */
  business_id: idOf('bus').nullable(),
  is_active: z.boolean().default(true),
  last_login_at: z.date().nullable().default(null),
});

function checkUser(user: { role: UserRole; business_id: string | null }, ctx: z.RefinementCtx) {
  if (user.business_id === null && user.role !== 'admin') {
    ctx.addIssue({
      code: 'custom',
      path: ['business_id'],
      message: 'business_id is required unless role is admin',
    });
  }
}

export const userSchema = userObject.superRefine(checkUser, whenFieldsValid);
export type User = z.infer<typeof userSchema>;
export type UserInput = z.input<typeof userSchema>;

/**
 * What may leave the main process: never the password hash, never the audit trail. Not strict,
 * so `publicUserSchema.parse(user)` strips those fields from a stored user.
 */
export const publicUserSchema = z
  .object(userObject.omit({ password_hash: true, audit_log: true }).shape)
  .superRefine(checkUser, whenFieldsValid);
export type PublicUser = z.infer<typeof publicUserSchema>;
