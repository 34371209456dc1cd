// A restore swaps the database a copy to a server, an export or an import is reading or writing:
// it is refused while one of them runs, naming it (they refuse while it runs: the same lock).
import { describe, expect, it } from 'vitest';
import { DatabaseHolder } from '../../electron/core/db/holder';
import { silentLogger } from '../../electron/core/logger';
import { BackupService } from '../../electron/core/services/backups/service';
import { DataMoveLock } from '../../electron/core/services/data/lock';

const service = (moves: DataMoveLock) =>
  new BackupService({
    database: new DatabaseHolder(),
    control: { reopen: () => Promise.resolve() },
    paths: { dataDir: '/nonexistent-backups-test' },
    clock: { now: () => new Date('2026-12-07T12:00:00Z') },
    logger: silentLogger,
    appVersion: '0.0.0-test',
    moves,
  });

describe('restore and data moves', () => {
  it('refuses a restore while an export runs, naming it, and restores once it is over', async () => {
    const lock = new DataMoveLock();
    let finishExport!: () => void;
    const exporting = lock.run(
      'An export',
      () => new Promise<void>((done) => (finishExport = done)),
    );
    await expect(service(lock).restore('servicepro-x-manual.spbackup')).rejects.toMatchObject({
      kind: 'conflict',
      message: 'An export is running. Wait for it to finish, then try again.',
    });
    finishExport();
    await exporting;
    // Free again: the restore gets as far as the database (none is open in this test).
    await expect(service(lock).restore('servicepro-x-manual.spbackup')).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});
