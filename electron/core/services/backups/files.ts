// The backups folder: file names, the JSON description beside each backup, and reading the folder
// into the list Settings shows (each file checked against its recorded SHA-256, record by record).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  backupFileSchema,
  backupKindSchema,
  type BackupItem,
  type BackupKind,
} from '../../../../shared/contract';
import { inspectBackup, type BackupInspection } from '../../../embedded-db/backup';
import { UnavailableError } from '../../errors';

export const BACKUP_SUFFIX = '.spbackup';
const SIDECAR_SUFFIX = '.json';
const SIDECAR_FORMAT = 'servicepro-backup/1';

const NAME_KIND: Record<BackupKind, string> = {
  automatic: 'auto',
  manual: 'manual',
  before_restore: 'before-restore',
};

/** 2026-12-07T03:15:00.000Z → 2026-12-07T031500Z (UTC: a name sorts and reads the same anywhere). */
export const fileStamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '');

const NAME_PATTERN =
  /^servicepro-(\d{4}-\d{2}-\d{2}T\d{6}Z)(?:-\d+)?-(auto|manual|before-restore)\.spbackup$/;

/** What a file name made by the app says about its time and kind (null for other names). */
function fromName(file: string): { at: Date; kind: BackupKind } | null {
  const m = NAME_PATTERN.exec(file);
  if (!m?.[1] || !m[2]) return null;
  const s = m[1];
  const at = new Date(`${s.slice(0, 13)}:${s.slice(13, 15)}:${s.slice(15, 17)}Z`);
  const kind = (Object.keys(NAME_KIND) as BackupKind[]).find((k) => NAME_KIND[k] === m[2]);
  return Number.isNaN(at.getTime()) || !kind ? null : { at, kind };
}

/** A name for a new backup that is not taken yet: `servicepro-<UTC time>[-n]-<kind>.spbackup`. */
export function newBackupName(dir: string, at: Date, kind: BackupKind, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const file = `servicepro-${fileStamp(at)}${n === 1 ? '' : `-${n}`}-${NAME_KIND[kind]}${BACKUP_SUFFIX}`;
    if (!taken.has(file) && !existsSync(join(dir, file))) return file;
  }
}

/** The description written beside each backup (`<file>.json`). */
const sidecarSchema = z.object({
  format: z.literal(SIDECAR_FORMAT),
  file: backupFileSchema,
  created_at: z.iso.datetime().transform((s) => new Date(s)),
  kind: backupKindSchema,
  app_version: z.string(),
  database: z.string(),
  bytes: z.int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: z.record(z.string(), z.int().nonnegative()),
});
export type Sidecar = z.output<typeof sidecarSchema>;

export const sidecarPath = (dir: string, file: string) => join(dir, `${file}${SIDECAR_SUFFIX}`);

/** Writes a file whole or not at all: temp file (0600), fsync, rename, folder fsync'd. */
async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await fsyncDir(join(path, '..'));
}

export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeSidecar(dir: string, sidecar: Omit<Sidecar, 'format'>): Promise<void> {
  const body = { ...sidecar, format: SIDECAR_FORMAT, created_at: sidecar.created_at.toISOString() };
  await writeFileAtomic(sidecarPath(dir, sidecar.file), `${JSON.stringify(body, null, 2)}\n`);
}

async function readSidecar(dir: string, file: string): Promise<Sidecar | string> {
  let text: string;
  try {
    text = await readFile(sidecarPath(dir, file), 'utf8');
  } catch {
    return `Its description file (${file}${SIDECAR_SUFFIX}) is missing, so it cannot be checked.`;
  }
  let parsed;
  try {
    parsed = sidecarSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success || parsed.data.file !== file) {
    return `Its description file (${file}${SIDECAR_SUFFIX}) is unreadable, so it cannot be checked.`;
  }
  return parsed.data;
}

/** Counts documents not deleted, per collection of database `dbName`, while a backup is read. */
export function countingDocuments(dbName: string) {
  const counts: Record<string, number> = {};
  const prefix = `${dbName}.`;
  return {
    counts,
    onDocument: (ns: string, doc: { deleted_at?: unknown }) => {
      if (!ns.startsWith(prefix)) return;
      const name = ns.slice(prefix.length);
      counts[name] ??= 0;
      if (doc.deleted_at === undefined || doc.deleted_at === null) counts[name] += 1;
    },
  };
}

/** Why a backup does not verify against its description, or null when it does. */
export function verificationProblem(inspection: BackupInspection, sidecar: Sidecar): string | null {
  if (inspection.bytes !== sidecar.bytes || inspection.sha256 !== sidecar.sha256) {
    return 'Its contents do not match the checksum recorded when it was made: it was changed or damaged.';
  }
  return inspection.problem;
}

/**
 * The backups in `dir`, newest first. Reading a file whole is the only way to know it is intact, so
 * each file's check is remembered while its size and modification time stay the same.
 */
export class BackupFolder {
  private readonly checked = new Map<
    string,
    { size: number; mtimeMs: number; inspection: BackupInspection }
  >();

  constructor(readonly dir: string) {}

  async ensure(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  pathOf(file: string): string {
    return join(this.dir, file);
  }

  /** Reads and checks a backup now, ignoring what was remembered; `onDocument` sees each document. */
  async inspect(
    file: string,
    onDocument?: (ns: string, doc: { deleted_at?: unknown }) => void,
  ): Promise<BackupInspection> {
    const path = this.pathOf(file);
    const info = await stat(path);
    const inspection = await inspectBackup(path, onDocument);
    this.checked.set(file, { size: info.size, mtimeMs: info.mtimeMs, inspection });
    return inspection;
  }

  /** Reads a backup again now, whole, against its description: why it cannot be restored, or null. */
  async problemNow(file: string): Promise<string | null> {
    const sidecar = await readSidecar(this.dir, file);
    if (typeof sidecar === 'string') return sidecar;
    try {
      return verificationProblem(await this.inspect(file), sidecar);
    } catch (err) {
      return `It could not be read: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private async inspected(file: string, size: number, mtimeMs: number) {
    const known = this.checked.get(file);
    if (known && known.size === size && known.mtimeMs === mtimeMs) return known.inspection;
    return this.inspect(file);
  }

  /**
   * Every backup file in the folder except those named in `skip` (being written right now). With
   * `verify` false, from the names and descriptions alone — no backup is read (the hourly round,
   * which only needs dates and kinds, so the app's start never reads every backup whole).
   */
  async list(skip: ReadonlySet<string> = new Set(), verify = true): Promise<BackupItem[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new UnavailableError(
        `The backups folder ${this.dir} cannot be read (${err instanceof Error ? err.message : String(err)}). Check that it is a folder this app may open.`,
      );
    }
    const items: BackupItem[] = [];
    for (const file of names) {
      if (!file.endsWith(BACKUP_SUFFIX) || skip.has(file)) continue;
      if (!backupFileSchema.safeParse(file).success) continue;
      const info = await stat(this.pathOf(file)).catch(() => null);
      if (!info?.isFile()) continue;
      items.push(await this.itemOf(file, info.size, info.mtime, info.mtimeMs, verify));
    }
    for (const file of this.checked.keys()) if (!names.includes(file)) this.checked.delete(file);
    return items.sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
  }

  private async itemOf(
    file: string,
    size: number,
    mtime: Date,
    mtimeMs: number,
    verify: boolean,
  ): Promise<BackupItem> {
    const sidecar = await readSidecar(this.dir, file);
    const named = fromName(file);
    if (typeof sidecar === 'string') {
      return {
        file,
        created_at: named?.at ?? mtime,
        // A file of unknown origin is kept until someone deletes it, like a manual backup.
        kind: named?.kind ?? 'manual',
        bytes: size,
        app_version: null,
        counts: {},
        damaged: true,
        problem: sidecar,
      };
    }
    let problem: string | null = null;
    try {
      if (verify) problem = verificationProblem(await this.inspected(file, size, mtimeMs), sidecar);
    } catch (err) {
      problem = `It could not be read: ${err instanceof Error ? err.message : String(err)}`;
    }
    return {
      file,
      created_at: sidecar.created_at,
      kind: sidecar.kind,
      bytes: size,
      app_version: sidecar.app_version,
      counts: sidecar.counts,
      damaged: problem !== null,
      problem,
    };
  }

  /** Deletes a backup and its description. */
  async remove(file: string): Promise<void> {
    await rm(this.pathOf(file), { force: true });
    await rm(sidecarPath(this.dir, file), { force: true });
    this.checked.delete(file);
    await fsyncDir(this.dir);
  }
}
