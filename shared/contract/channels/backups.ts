// backups.*: backups of the database on this computer (the embedded server) in the data folder's
// backups/ folder — made daily and on request, listed with what they hold, restored whole.
import { z } from 'zod';
import { channel } from '../define';
import { noInput } from './app';

/** How many automatic backups are kept; manual ones stay until someone deletes them. */
export const KEEP_AUTOMATIC_BACKUPS = 14;

/**
 * A backup is named by its file name in the backups folder, never by a path: letters, digits, "-"
 * and "_" in dot-separated parts ending in .spbackup.
 */
export const backupFileSchema = z
  .string()
  .trim()
  .min(1, 'Choose a backup from the list')
  .max(200, 'A backup file name is at most 200 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.spbackup$/,
    'Name a backup by its file name in the backups folder, e.g. servicepro-2026-12-07T031500Z-manual.spbackup',
  );

/** automatic: the daily one; manual: "Back up now"; before_restore: the data as it was before a restore. */
export const backupKindSchema = z.enum(['automatic', 'manual', 'before_restore']);
export type BackupKind = z.infer<typeof backupKindSchema>;

export const backupItemSchema = z.object({
  file: backupFileSchema,
  created_at: z.date(),
  kind: backupKindSchema,
  bytes: z.int().nonnegative(),
  /** The app version that made it (null when its description file is missing). */
  app_version: z.string().nullable(),
  /** Documents not deleted, per collection of the app's database, across every business in it. */
  counts: z.record(z.string(), z.int().nonnegative()),
  /** Its checksum or records do not verify (or its description is missing): it cannot be restored. */
  damaged: z.boolean(),
  problem: z.string().nullable(),
});
export type BackupItem = z.infer<typeof backupItemSchema>;

export const backupsStatusSchema = z.object({
  /** Backups are made by the app only when its data is in the database on this computer. */
  available: z.boolean(),
  /** Why not, when not available. */
  reason: z.string().nullable(),
  /** The backups folder on this computer. */
  folder: z.string().nullable(),
  keep_automatic: z.int().positive(),
  last_automatic_at: z.date().nullable(),
  /** The last automatic backup that failed, until one succeeds again. */
  last_failure: z.object({ at: z.date(), message: z.string() }).nullable(),
  /** Newest first. */
  items: z.array(backupItemSchema),
});
export type BackupsStatus = z.infer<typeof backupsStatusSchema>;

export const backupsChannels = {
  'backups.list': channel({
    summary:
      'Whether backups are available here, the backups folder, the last automatic backup and any failure, and every backup found there.',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: backupsStatusSchema,
  }),
  'backups.create': channel({
    summary:
      'Backs up the whole database on this computer now (a manual backup, kept until deleted).',
    access: 'session',
    permission: 'settings.manage',
    input: noInput,
    output: backupItemSchema,
  }),
  'backups.restore': channel({
    summary:
      'Replaces the whole database on this computer (every business in it) with a listed backup, after backing up the current data.',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ file: backupFileSchema }),
    output: z.object({ restored: backupItemSchema, before_restore: backupItemSchema }),
  }),
  'backups.remove': channel({
    summary: 'Deletes a manual or before-restore backup (automatic ones are pruned by the app).',
    access: 'session',
    permission: 'settings.manage',
    input: z.strictObject({ file: backupFileSchema }),
    output: z.object({ removed: backupFileSchema }),
  }),
};
