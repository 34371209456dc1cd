// auth.*: signing in and out, and who the current connection is.
import { z } from 'zod';
import { permissions, roles } from '../../auth/permissions';
import { channel } from '../define';
import { noInput } from './app';
import { businessObject } from '../../schemas/businesses';
import { weeklyHoursSchema } from '../../schemas/common';
import { userObject } from '../../schemas/users';

export const sessionInfoSchema = z.object({
  user: z.object({
    user_id: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    role: z.enum(roles),
  }),
  business: z.object({ business_id: z.string(), name: z.string(), timezone: z.string() }),
  permissions: z.array(z.enum(permissions)),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/** What signing in returns: the session, plus a token that resumes it on a new connection. */
export const signedInSchema = sessionInfoSchema.extend({
  /** Browser mode keeps it in sessionStorage so a reload or a dropped socket keeps the sign-in. */
  resume_token: z.string(),
});
export type SignedIn = z.infer<typeof signedInSchema>;

export const newPasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200, 'Use at most 200 characters.')
  .refine((p) => /[A-Za-z]/.test(p) && /[^A-Za-z]/.test(p), 'Mix letters with digits or symbols.');

/** The business profile and hours asked at first run (the wizard checks each step with these). */
export const setupBusinessSchema = businessObject
  .pick({ name: true, vertical: true, phone: true, email: true, address: true, timezone: true })
  .extend({
    name: z.string().trim().min(1, 'Enter the name of the business.').max(200),
    address: z.string().trim().min(1, 'Enter the address of the business.').max(500),
    config: z.strictObject({ business_hours: weeklyHoursSchema }).optional(),
  });

/** The owner's account asked at first run. */
export const setupOwnerSchema = userObject
  .pick({ first_name: true, last_name: true, email: true, phone: true })
  .extend({
    first_name: z.string().trim().min(1, 'Enter your first name.').max(100),
    last_name: z.string().trim().min(1, 'Enter your last name.').max(100),
    password: newPasswordSchema,
  });

export const createOwnerInputSchema = z.strictObject({
  business: setupBusinessSchema,
  owner: setupOwnerSchema,
  /** Add sample clients, staff, services and jobs to the new business, to try the board. */
  sample_data: z.boolean().default(false),
});
export type CreateOwnerInput = z.input<typeof createOwnerInputSchema>;

export const authChannels = {
  'auth.status': channel({
    summary:
      'Who is signed in on this connection, and whether the app still needs its first owner.',
    access: 'public',
    input: noInput,
    output: z.object({ session: sessionInfoSchema.nullable(), needsSetup: z.boolean() }),
  }),
  'auth.signIn': channel({
    summary: 'Signs in with email and password.',
    access: 'public',
    input: z.object({
      email: z.email('Enter a valid email address.').max(254),
      password: z.string().min(1, 'Enter your password.').max(200),
    }),
    output: signedInSchema,
  }),
  'auth.createOwner': channel({
    summary:
      'First run only: creates the business (profile and hours) and its owner account, optionally with sample data, and signs the owner in.',
    access: 'public',
    input: createOwnerInputSchema,
    output: signedInSchema.extend({
      /** Only when sample data was asked for: whether it was added, in plain words. */
      sample_data: z.object({ added: z.boolean(), message: z.string() }).optional(),
    }),
  }),
  'auth.loadDemo': channel({
    summary: 'First run only: fills the empty database with two demo businesses to explore.',
    access: 'public',
    input: noInput,
    output: z.object({
      password: z.string(),
      accounts: z.array(z.object({ email: z.string(), role: z.string(), business: z.string() })),
    }),
  }),
  'auth.resume': channel({
    summary: 'Resumes a sign-in on a new connection (browser reload, reconnect) with its token.',
    access: 'public',
    input: z.object({ resume_token: z.string().min(20).max(100) }),
    output: sessionInfoSchema.nullable(),
  }),
  'auth.signOut': channel({
    summary: 'Signs this connection out.',
    access: 'public',
    input: noInput,
    output: z.object({ signedOut: z.literal(true) }),
  }),
  'auth.switchBusiness': channel({
    summary: 'Works in another business (system administrators only).',
    access: 'session',
    permission: 'business.switch',
    input: z.object({
      business_id: z.string().regex(/^bus_[A-Za-z0-9_-]+$/, 'Not a business id.'),
    }),
    output: sessionInfoSchema,
  }),
};
