// data.*: one business's data to a folder of JSON files and back (export, import), and the progress
// of moving data (these and database.copyTo) pushed as data.progress events.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';

/** The `format` of an export folder's manifest.json, and the newest version this app reads. */
export const EXPORT_FORMAT = 'servicepro-dispatch-export';
export const EXPORT_FORMAT_VERSION = 1;

/**
 * A folder on the computer the app's core runs on. Only its shape is checked here; the core checks
 * that it is absolute and normalized, and where it may come from (the desktop app's folder picker,
 * or typed in browser mode).
 */
export const folderPathSchema = z
  .string()
  .trim()
  .min(1, 'Choose a folder')
  .max(1024, 'A folder path is at most 1,024 characters')
  .refine((path) => !path.includes('\0'), 'A folder path cannot contain a NUL character');

/** Chosen by the window that starts a long operation, so it can tell its own progress events. */
export const operationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'An operation id is 8–64 letters, digits, "-" or "_"');

/** One collection of a business's data: how many documents, and their checksum. */
export const collectionSummarySchema = z.object({
  collection: z.string(),
  count: z.int().nonnegative(),
  /**
   * Order-independent: the sum, modulo 2^256, of the SHA-256 of each document's canonical Extended
   * JSON (keys sorted), in hex. Equal sets of documents with equal BSON types give equal sums.
   */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});
export type CollectionSummary = z.infer<typeof collectionSummarySchema>;

export const dataPhaseSchema = z.enum([
  /** Testing the server, reading the manifest, checking every file before anything is written. */
  'checking',
  /** Reading documents and writing them (to the server, the folder or this database). */
  'copying',
  /** Counting and summing what was written against what was read. */
  'verifying',
  /** Opening the new database (copy only). */
  'switching',
  /** Something failed: removing what was written. */
  'cleaning_up',
  /** Finished; `message` says what was done. */
  'done',
  /** Refused or failed; `message` says why and what to do (the call's own error says the same). */
  'failed',
]);
export type DataPhase = z.infer<typeof dataPhaseSchema>;

export const dataOperationSchema = z.enum(['copy', 'export', 'import']);
export type DataOperation = z.infer<typeof dataOperationSchema>;

/** Pushed while data moves; reaches only connections signed in to `business_id` (the caller's). */
export const dataProgressSchema = z.object({
  business_id: z.string(),
  operation_id: operationIdSchema,
  operation: dataOperationSchema,
  phase: dataPhaseSchema,
  /** The collection being worked on (null between collections). */
  collection: z.string().nullable(),
  /** Documents of `collection` done so far, of `total`. */
  done: z.int().nonnegative(),
  total: z.int().nonnegative(),
  /** `collection` is number `step` (from 1) of `steps`; 0 of n before the first. */
  step: z.int().nonnegative(),
  steps: z.int().nonnegative(),
  /**
   * With `done` and `failed`: the outcome in words. A window whose call gave up waiting (browser
   * mode answers within 30 s) still learns how a long copy ended.
   */
  message: z.string().optional(),
});
export type DataProgress = z.infer<typeof dataProgressSchema>;

/** What an export folder's manifest.json says. Files are `<collection>.json` beside it. */
export const exportManifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT, {
    error: 'This folder is not a ServicePro Dispatch export (its manifest.json says otherwise).',
  }),
  format_version: z.int().positive(),
  app_version: z.string().max(100),
  exported_at: z.iso.datetime(),
  business: z.object({ business_id: z.string().min(1).max(100), name: z.string().max(500) }),
  checksum: z.literal('sha256-sum-canonical-ejson'),
  collections: z.array(collectionSummarySchema.extend({ file: z.string().max(200) })).max(200),
});
export type ExportManifest = z.infer<typeof exportManifestSchema>;

const movedSchema = z.object({
  business: z.object({ business_id: z.string(), name: z.string() }),
  collections: z.array(collectionSummarySchema),
  documents: z.int().nonnegative(),
});

export const dataChannels = {
  'data.folders': channel({
    summary:
      'Where an export would go by default, and whether folders may be typed (browser mode) or must be chosen in the desktop app’s folder picker.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: z.object({
      suggestedExportFolder: z.string(),
      typedFolders: z.boolean(),
    }),
  }),
  'data.export': channel({
    summary:
      'Writes every document of the business into a new or empty folder: manifest.json and one Extended JSON file per collection, checked after writing.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ folder: folderPathSchema, operation_id: operationIdSchema }),
    output: movedSchema.extend({ folder: z.string() }),
  }),
  'data.import': channel({
    summary:
      'Checks an export folder whole (manifest, counts, checksums, every document), then writes its business into this database — all or nothing.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ folder: folderPathSchema, operation_id: operationIdSchema }),
    output: movedSchema.extend({ exported_at: z.iso.datetime() }),
  }),
};
