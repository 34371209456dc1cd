// users.*: the people who sign in to a business (owner and admin only).
import { z } from 'zod';
import { idOf } from '../../schemas/ids';
import { publicUserSchema, userObject } from '../../schemas/users';
import { channel } from '../define';
import { newPasswordSchema } from './auth';

/** Roles a user of the desktop app can be given here; customers come from the client portal. */
const officeRole = z.enum(['owner', 'admin', 'staff']);

export const usersChannels = {
  'users.list': channel({
    summary: "The business's users (never their password hashes).",
    access: 'session',
    permission: 'users.manage',
    input: z.strictObject({ includeInactive: z.boolean().default(true) }).optional(),
    output: z.array(publicUserSchema),
  }),
  'users.create': channel({
    summary: 'Adds a user to the business with a first password to hand over.',
    access: 'session',
    permission: 'users.manage',
    input: z.strictObject({
      data: userObject
        .pick({ first_name: true, last_name: true, email: true, phone: true })
        .extend({ role: officeRole, password: newPasswordSchema }),
    }),
    output: publicUserSchema,
  }),
  'users.update': channel({
    summary: "Changes a user's name, phone, role, or deactivates them.",
    access: 'session',
    permission: 'users.manage',
    input: z.strictObject({
      id: idOf('usr'),
      version: z.int().min(1),
      changes: z
        .strictObject({
          first_name: z.string().trim().min(1),
          last_name: z.string().trim().min(1),
          phone: userObject.shape.phone.unwrap().nullable(),
          role: officeRole,
          is_active: z.boolean(),
        })
        .partial(),
    }),
    output: publicUserSchema,
  }),
  'users.resetPassword': channel({
    summary: 'Sets a new password for a user (who should change it after signing in).',
    access: 'session',
    permission: 'users.manage',
    input: z.strictObject({
      id: idOf('usr'),
      version: z.int().min(1),
      password: newPasswordSchema,
    }),
    output: publicUserSchema,
  }),
};
