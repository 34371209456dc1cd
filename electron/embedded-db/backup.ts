// Backups written by the server itself — its whole state at one point in time, in the snapshot
// format — into one fixed folder beside its data folder (<dbPath>/../backups), and read back to check.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Document } from 'bson';
import { badValue, CommandError } from './errors';
import { decodeRecordAt } from './storage/records';
import { writeSnapshot } from './storage/snapshot';

export const BACKUP_EXTENSION = '.spbackup';
export const MAX_BACKUP_NAME_LENGTH = 200;

/** Letters, digits, `_` and `-` in dot-separated parts, ending in .spbackup: no slash, no `..`. */
const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.spbackup$/;

/** The only folder the backup command writes to: `backups` next to the data folder. */
export const backupDirOf = (dbPath: string): string => join(dirname(resolve(dbPath)), 'backups');

/** Why `name` cannot name a backup file, or null when it can. */
export function backupNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'name must be a file name';
  if (name.length > MAX_BACKUP_NAME_LENGTH) {
    return `name must be at most ${MAX_BACKUP_NAME_LENGTH} characters`;
  }
  if (!BACKUP_NAME.test(name)) {
    return `name must be a plain file name ending in ${BACKUP_EXTENSION} (letters, digits, "-", "_" and single dots; no folders)`;
  }
  return null;
}

export interface BackupWritten {
  /** The file name inside the backups folder. */
  file: string;
  bytes: number;
  sha256: string;
  /** Data records (collections and documents) in the file. */
  records: number;
}

/**
 * Writes `records` (the server's whole state, produced synchronously, so no command runs in
 * between) as `<backups>/<name>`: a temp file, fsync, rename, the folder fsync'd. The folder is
 * created 0700 and the file 0600; an existing backup is never overwritten.
 */
export function writeBackup(
  dbPath: string,
  name: unknown,
  records: Iterable<Document>,
): BackupWritten {
  const problem = backupNameProblem(name);
  if (problem) throw badValue(`serviceproBackup: ${problem}.`);
  const file = name as string;
  const dir = backupDirOf(dbPath);
  const path = join(dir, file);
  // Belt and braces: the name pattern already keeps the file in the folder.
  if (dirname(path) !== dir)
    throw badValue('serviceproBackup: name must stay in the backups folder.');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (existsSync(path)) {
    throw new CommandError(48, `serviceproBackup: a backup named ${file} already exists.`);
  }
  try {
    return { file, ...writeSnapshot(path, 0, records) };
  } catch (error) {
    rmSync(`${path}.tmp`, { force: true });
    throw error;
  }
}

export interface BackupInspection {
  bytes: number;
  sha256: string;
  /** Data records (collections and documents) read. */
  records: number;
  /** Why the file cannot be restored (damaged, cut short, not a backup), or null when it reads whole. */
  problem: string | null;
}

/** Lets other work run between slices of a long read. */
const pause = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * Reads a backup (or snapshot) file whole: its SHA-256, and whether every record's checksum and
 * BSON decode, it opens with a header and closes with the record count. `onDocument` sees each
 * stored document with its namespace (counts). Yields to the event loop as it goes.
 */
export async function inspectBackup(
  path: string,
  onDocument?: (ns: string, doc: Document) => void,
): Promise<BackupInspection> {
  const buf = await readFile(path);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const result = (records: number, problem: string | null): BackupInspection => ({
    bytes: buf.length,
    sha256,
    records,
    problem,
  });
  const first = decodeRecordAt(buf, 0);
  if (first?.record.t !== 'header') {
    return result(0, 'It is not a database backup: it does not start with a snapshot header.');
  }
  let offset = first.end;
  let records = 0;
  for (;;) {
    const next = decodeRecordAt(buf, offset);
    if (!next) {
      return result(
        records,
        `It is damaged or cut short at byte ${offset.toLocaleString('en-US')} of ${buf.length.toLocaleString('en-US')}.`,
      );
    }
    offset = next.end;
    const { record } = next;
    if (record.t === 'end') {
      if (Number(record.count) !== records) {
        return result(
          records,
          'It is damaged: it holds a different number of records than it says.',
        );
      }
      if (offset !== buf.length) {
        return result(records, 'It is damaged: there is unexpected data after its last record.');
      }
      return result(records, null);
    }
    records++;
    if (record.t === 'doc' && typeof record.ns === 'string') {
      onDocument?.(record.ns, record.doc as Document);
    }
    if (records % 5_000 === 0) await pause();
  }
}
