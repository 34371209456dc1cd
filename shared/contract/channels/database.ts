// database.*: which database the app uses, and switching to MongoDB Atlas or another server.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';

export const mongoUriSchema = z
  .string()
  .trim()
  .max(2000)
  .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'A MongoDB URI starts with mongodb:// or mongodb+srv://');

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** What went wrong or right, in plain words for the dispatcher. */
  message: z.string(),
  latencyMs: z.number().nonnegative().nullable(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;

export const databaseChannels = {
  'database.status': channel({
    summary:
      'Which database is in use (its address without credentials) and where its URI is kept.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: z.object({
      kind: z.enum(['embedded', 'uri']),
      server: z.string(),
      secretStore: z.string(),
      canSaveUri: z.boolean(),
    }),
  }),
  'database.test': channel({
    summary: 'Tries a MongoDB URI: reachable, signed in, and how fast — without saving it.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ uri: mongoUriSchema }),
    output: connectionTestSchema,
  }),
  'database.setUri': channel({
    summary: 'Saves a MongoDB URI in the OS keychain after testing it; used from the next start.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ uri: mongoUriSchema }),
    output: z.object({
      saved: z.literal(true),
      restartRequired: z.boolean(),
      test: connectionTestSchema,
    }),
  }),
  'database.useEmbedded': channel({
    summary: 'Forgets the saved URI; the database on this computer is used from the next start.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: z.object({ restartRequired: z.boolean() }),
  }),
};
