// setup.*: the first-run wizard's database step — which database is in use, trying a server, and
// switching to it — open to anyone only until the first user exists, then to owners and admins.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';
import { connectionTestSchema, mongoUriSchema } from './database';

export const databaseChoiceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('embedded') }),
  z.strictObject({ kind: z.literal('uri'), uri: mongoUriSchema }),
]);
export type DatabaseChoice = z.infer<typeof databaseChoiceSchema>;

export const setupDatabaseSchema = z.object({
  kind: z.enum(['embedded', 'uri']),
  /** 'On this computer', or the server's address without credentials. */
  server: z.string(),
  /** The MONGODB_URI environment variable chose the database at start-up; the wizard cannot. */
  fromEnvironment: z.boolean(),
  /** Whether a server's URI (it carries a password) can be kept in the OS keychain. */
  canSaveUri: z.boolean(),
  /** Why it cannot, in plain words; null when it can. */
  cannotSaveReason: z.string().nullable(),
});

export const setupChannels = {
  'setup.status': channel({
    summary:
      'Whether the app still needs its first-run setup, and which database it uses (while setting up, or to owners and admins).',
    access: 'public',
    input: noInput,
    output: z.object({
      needsSetup: z.boolean(),
      database: setupDatabaseSchema.nullable(),
    }),
  }),
  'setup.testDatabase': channel({
    summary:
      'Tries a MongoDB URI (reachable, signed in, how fast) during first-run setup, or for an owner or admin.',
    access: 'public',
    input: z.strictObject({ uri: mongoUriSchema }),
    output: connectionTestSchema,
  }),
  'setup.useDatabase': channel({
    summary:
      'First-run setup only: switches to the database on this computer or to a tested server now, keeps the choice, and says whether that database already has a business.',
    access: 'public',
    input: databaseChoiceSchema,
    output: z.object({
      database: setupDatabaseSchema,
      /** The connection test of a server (null for the database on this computer). */
      test: connectionTestSchema.nullable(),
      /** False when the database already has users: sign in there instead of setting up. */
      needsSetup: z.boolean(),
      /** Names of the businesses the database already has. */
      existingBusinesses: z.array(z.string()),
    }),
  }),
};
