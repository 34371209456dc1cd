// database.*: which database the app uses, and switching to MongoDB Atlas or another server.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';
import { collectionSummarySchema, operationIdSchema } from './data';

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

/** The database folder on this computer, kept after the data was copied to a server. */
export const embeddedCopySchema = z.object({
  folder: z.string(),
  bytes: z.int().nonnegative(),
  /** When the data was copied to a server (null when the app did not record it). */
  copiedAt: z.iso.datetime().nullable(),
  /** The server it was copied to, without credentials. */
  copiedTo: z.string().nullable(),
});
export type EmbeddedCopy = z.infer<typeof embeddedCopySchema>;

export const databaseStatusSchema = z.object({
  kind: z.enum(['embedded', 'uri']),
  server: z.string(),
  secretStore: z.string(),
  canSaveUri: z.boolean(),
  /** MONGODB_URI chose the database at start-up: Settings cannot switch it. */
  environmentDecides: z.boolean(),
  /** A copy of the data left on this computer while the app uses a server (null otherwise). */
  embeddedCopy: embeddedCopySchema.nullable(),
});
export type DatabaseStatus = z.infer<typeof databaseStatusSchema>;

export const databaseChannels = {
  'database.status': channel({
    summary:
      'Which database is in use (its address without credentials), where its URI is kept, and any copy left on this computer.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: databaseStatusSchema,
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
    summary:
      'Switches back to the database on this computer now (it must hold this business) and forgets the saved URI.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: z.object({ switched: z.boolean(), status: databaseStatusSchema }),
  }),
  'database.copyTo': channel({
    summary:
      "Copies the business's data from this computer to a tested MongoDB server, checks every collection's count and checksum there, then switches to it (no restart); nothing stays there if anything fails.",
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ uri: mongoUriSchema, operation_id: operationIdSchema }),
    output: z.object({
      server: z.string(),
      collections: z.array(collectionSummarySchema),
      documents: z.int().nonnegative(),
      status: databaseStatusSchema,
    }),
  }),
  'database.removeEmbeddedCopy': channel({
    summary:
      'Deletes the database folder on this computer once the app uses a server (never while it is in use); `folder` must name it, as the confirmation showed.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ folder: z.string().min(1).max(1024) }),
    output: z.object({
      removed: z.string(),
      bytes: z.int().nonnegative(),
      status: databaseStatusSchema,
    }),
  }),
};
