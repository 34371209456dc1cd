// Backups of the database on this computer: made by the embedded server itself (one point in time),
// described and checked here, made daily by a timer (the newest 14 automatic ones kept), and
// restored by swapping the server's data folder while the database is closed — all or nothing.
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  KEEP_AUTOMATIC_BACKUPS,
  type BackupItem,
  type BackupKind,
  type BackupsStatus,
} from '../../../../shared/contract';
import { backupDirOf } from '../../../embedded-db/backup';
import type { DatabaseControl } from '../../compose';
import type { Database } from '../../db/connection';
import type { DatabaseHolder } from '../../db/holder';
import { embeddedDbPath } from '../../db/open';
import { AppError, NotFoundError, UnavailableError } from '../../errors';
import type { Clock, Logger, Paths } from '../../ports';
import {
  BackupFolder,
  countingDocuments,
  fileStamp,
  fsyncDir,
  newBackupName,
  writeSidecar,
} from './files';

export const DEFAULT_CHECK_MS = 3_600_000;

export interface BackupDeps {
  database: DatabaseHolder;
  control: Pick<DatabaseControl, 'reopen'>;
  paths: Paths;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  /**
   * The lock copies to a server, exports and imports hold: a restore swaps the database they read
   * and write, so it waits for none of them and refuses while one runs (and they refuse during it).
   */
  moves?: { run<T>(what: string, work: () => Promise<T>): Promise<T> };
}

/** What one automatic round did. */
export interface AutomaticRun {
  /** The day's backup, when this round made it. */
  created: BackupItem | null;
  /** Automatic backups deleted as older than the newest 14. */
  removed: string[];
  /** Why nothing was done (another database, or not open), or null. */
  skipped: string | null;
}

/** The computer's calendar day of `at` (the automatic backup is once per local day). */
const localDay = (at: Date) => `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;

const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class BackupService {
  readonly folder: BackupFolder;
  /** Backups being written: the listing leaves them out until their description is there. */
  private readonly writing = new Set<string>();
  /** Backups, restores and removals run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  private lastFailure: { at: Date; message: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly deps: BackupDeps,
    private readonly options: { timer?: boolean; intervalMs?: number } = {},
  ) {
    this.folder = new BackupFolder(backupDirOf(embeddedDbPath(deps)));
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Why backups cannot be made here (the data is on another server), or null. */
  private unavailableReason(database: Database): string | null {
    if (database.kind === 'embedded') return null;
    return `Your data is on ${database.server}; use its own backups, or Export in Settings → Database.`;
  }

  /** The open database, when it is the one on this computer; a clear refusal otherwise. */
  private embedded(): Database {
    const database = this.deps.database.get();
    const reason = this.unavailableReason(database);
    if (reason) throw new UnavailableError(reason);
    return database;
  }

  async status(): Promise<BackupsStatus> {
    const database = this.deps.database.get();
    const reason = this.unavailableReason(database);
    const base = {
      keep_automatic: KEEP_AUTOMATIC_BACKUPS,
      last_failure: this.lastFailure,
    };
    if (reason) {
      return {
        ...base,
        available: false,
        reason,
        folder: null,
        last_automatic_at: null,
        items: [],
      };
    }
    const items = await this.folder.list(this.writing);
    const lastAutomatic = items.find((i) => i.kind === 'automatic' && !i.damaged);
    return {
      ...base,
      available: true,
      reason: null,
      folder: this.folder.dir,
      last_automatic_at: lastAutomatic?.created_at ?? null,
      items,
    };
  }

  /** "Back up now": a manual backup, kept until someone deletes it. */
  create(): Promise<BackupItem> {
    return this.exclusive(() => this.write('manual'));
  }

  /** Has the embedded server write a backup, reads it back whole, then writes its description. */
  private async write(kind: BackupKind): Promise<BackupItem> {
    const database = this.embedded();
    await this.folder.ensure();
    const createdAt = this.deps.clock.now();
    const file = newBackupName(this.folder.dir, createdAt, kind, this.writing);
    this.writing.add(file);
    let written = false;
    try {
      let reply;
      try {
        reply = await database.client.db('admin').command({ serviceproBackup: 1, name: file });
      } catch (err) {
        throw new UnavailableError(`The backup could not be written: ${reasonOf(err)}`);
      }
      written = true;
      const { counts, onDocument } = countingDocuments(database.db.databaseName);
      const inspection = await this.folder.inspect(file, onDocument);
      if (inspection.problem || inspection.sha256 !== reply.sha256) {
        throw new UnavailableError(
          `The backup was written but does not read back whole (${inspection.problem ?? 'its checksum differs'}), so it was deleted. Check the disk, then try again.`,
        );
      }
      await writeSidecar(this.folder.dir, {
        file,
        created_at: createdAt,
        kind,
        app_version: this.deps.appVersion,
        database: database.db.databaseName,
        bytes: inspection.bytes,
        sha256: inspection.sha256,
        counts,
      });
      this.deps.logger.log('info', 'Backup written', { file, kind, bytes: inspection.bytes });
      return {
        file,
        created_at: createdAt,
        kind,
        bytes: inspection.bytes,
        app_version: this.deps.appVersion,
        counts,
        damaged: false,
        problem: null,
      };
    } catch (err) {
      // A backup without its description would only be listed as damaged.
      if (written) await this.folder.remove(file).catch(() => undefined);
      throw err;
    } finally {
      this.writing.delete(file);
    }
  }

  /** The listed backup called `file`; refuses a name that is not in the folder's list. */
  private async listed(file: string): Promise<BackupItem> {
    const item = (await this.folder.list(this.writing)).find((i) => i.file === file);
    if (!item) {
      throw new NotFoundError(
        `There is no backup called ${file} in the backups folder. Refresh the list and choose one from it.`,
      );
    }
    return item;
  }

  /** Deletes a manual or before-restore backup; automatic ones are the app's to prune. */
  remove(file: string): Promise<{ removed: string }> {
    return this.exclusive(async () => {
      this.embedded();
      const item = await this.listed(file);
      if (item.kind === 'automatic') {
        throw new AppError(
          'validation',
          `Automatic backups are deleted by the app once there are more than ${KEEP_AUTOMATIC_BACKUPS}; only manual and before-restore backups can be deleted.`,
          [{ path: 'file', message: 'This is an automatic backup.' }],
        );
      }
      await this.folder.remove(file);
      this.deps.logger.log('info', 'Backup deleted', { file });
      return { removed: file };
    });
  }

  /**
   * Replaces the whole database with a listed backup: verified first, the current data backed up,
   * then — with the server closed — the backup becomes the data folder. If the restored database
   * does not open, the previous folder is put back and reopened: the restore fails, nothing changed.
   */
  restore(file: string): Promise<{ restored: BackupItem; before_restore: BackupItem }> {
    const moves = this.deps.moves ?? { run: <T>(_: string, work: () => Promise<T>) => work() };
    return this.exclusive(() => moves.run('A restore of a backup', () => this.restoreNow(file)));
  }

  private async restoreNow(
    file: string,
  ): Promise<{ restored: BackupItem; before_restore: BackupItem }> {
    this.embedded();
    const item = await this.listed(file);
    if (item.damaged) {
      throw new AppError(
        'validation',
        `This backup cannot be restored: ${item.problem ?? 'it is damaged'} Nothing was changed.`,
        [{ path: 'file', message: item.problem ?? 'It is damaged.' }],
      );
    }
    await this.verifyNow(item);
    let before: BackupItem;
    try {
      before = await this.write('before_restore');
    } catch (err) {
      throw new UnavailableError(
        `Nothing was restored: a backup of the current data could not be made first (${reasonOf(err)}).`,
      );
    }
    await this.swapIn(item);
    return { restored: item, before_restore: before };
  }

  /** Reads the backup again just before restoring it: the list's check may be from a while ago. */
  private async verifyNow(item: BackupItem): Promise<void> {
    const problem = await this.folder.problemNow(item.file);
    if (problem) {
      throw new AppError(
        'validation',
        `This backup cannot be restored: ${problem} Nothing was changed.`,
        [{ path: 'file', message: problem }],
      );
    }
  }

  private async swapIn(item: BackupItem): Promise<void> {
    const dbDir = embeddedDbPath(this.deps);
    const parent = dirname(dbDir);
    const staging = `${dbDir}.restoring`;
    const aside = `${dbDir}.before-restore-${fileStamp(this.deps.clock.now())}`;
    let swapped = false;
    const between = async () => {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { mode: 0o700 });
      const snapshot = join(staging, 'snapshot.bin');
      await copyFile(this.folder.pathOf(item.file), snapshot);
      await chmod(snapshot, 0o600);
      await fsyncFile(snapshot);
      // The app signs in to its server with the folder's generated credentials: keep the current ones.
      const credentials = join(dbDir, 'credentials.json');
      if (existsSync(credentials)) {
        await copyFile(credentials, join(staging, 'credentials.json'));
        await chmod(join(staging, 'credentials.json'), 0o600);
        await fsyncFile(join(staging, 'credentials.json'));
      }
      await fsyncDir(staging);
      await rename(dbDir, aside);
      try {
        await rename(staging, dbDir);
      } catch (err) {
        await rename(aside, dbDir);
        throw err;
      }
      swapped = true;
      await fsyncDir(parent);
    };
    try {
      await this.deps.control.reopen({ kind: 'embedded' }, between);
    } catch (err) {
      const reason = reasonOf(err);
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      if (!swapped) {
        throw new UnavailableError(
          `The backup was not restored, and nothing was changed: ${reason}`,
        );
      }
      this.deps.logger.log(
        'warn',
        'The restored database did not open; putting the previous one back',
        {
          file: item.file,
          reason,
        },
      );
      try {
        await this.deps.control.reopen({ kind: 'embedded' }, async () => {
          await rm(dbDir, { recursive: true, force: true });
          await rename(aside, dbDir);
          await fsyncDir(parent);
        });
      } catch (again) {
        this.deps.logger.log('error', 'Putting the previous database back failed', {
          reason: reasonOf(again),
          folder: existsSync(aside) ? aside : dbDir,
        });
        throw new UnavailableError(
          `The backup ${item.file} could not be opened (${reason}), and reopening the previous data failed too (${reasonOf(again)}). The previous data is in ${existsSync(aside) ? aside : dbDir}; restart the app.`,
        );
      }
      throw new AppError(
        'validation',
        `The backup ${item.file} could not be opened (${reason}), so nothing was changed: the data you had is back in place.`,
      );
    }
    // The before-restore backup holds the same data; the folder set aside is not kept.
    await rm(aside, { recursive: true, force: true }).catch((err: unknown) =>
      this.deps.logger.log('warn', 'Could not remove the folder set aside by a restore', {
        folder: aside,
        reason: reasonOf(err),
      }),
    );
    this.deps.logger.log('info', 'Backup restored', { file: item.file });
  }

  /**
   * The automatic round: the day's backup if the computer's current day has none yet, then the
   * automatic backups beyond the newest 14 deleted. Manual and before-restore ones are never touched.
   */
  runAutomatic(): Promise<AutomaticRun> {
    return this.exclusive(async () => {
      if (!this.deps.database.connected) {
        return { created: null, removed: [], skipped: 'The database is not open.' };
      }
      const reason = this.unavailableReason(this.deps.database.get());
      if (reason) return { created: null, removed: [], skipped: reason };
      let created: BackupItem | null = null;
      try {
        const today = localDay(this.deps.clock.now());
        const items = await this.folder.list(this.writing, false);
        const done = items.some(
          (i) => i.kind === 'automatic' && !i.damaged && localDay(i.created_at) === today,
        );
        if (!done) created = await this.write('automatic');
        this.lastFailure = null;
      } catch (err) {
        this.lastFailure = { at: this.deps.clock.now(), message: reasonOf(err) };
        this.deps.logger.log('error', 'Automatic backup failed', { reason: reasonOf(err) });
      }
      const removed: string[] = [];
      try {
        const automatic = (await this.folder.list(this.writing, false)).filter(
          (i) => i.kind === 'automatic',
        );
        for (const old of automatic.slice(KEEP_AUTOMATIC_BACKUPS)) {
          await this.folder.remove(old.file);
          removed.push(old.file);
        }
      } catch (err) {
        this.deps.logger.log('warn', 'Old automatic backups could not be deleted', {
          reason: reasonOf(err),
        });
      }
      return { created, removed, skipped: null };
    });
  }

  start(): void {
    this.stopped = false;
    if (this.options.timer === false) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.runAutomatic().catch((err: unknown) =>
        this.deps.logger.log('error', 'Automatic backup round failed', { reason: reasonOf(err) }),
      );
      this.running = run.finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.options.intervalMs ?? DEFAULT_CHECK_MS);
      });
    }, ms);
    this.timer.unref?.();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
