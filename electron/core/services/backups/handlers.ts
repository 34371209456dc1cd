// backups.*: the list, "Back up now", restore and delete, for owners and admins (settings.manage).
// The work is the BackupService's; files are named only by entries of its list, never by a path.
import type { Handlers } from '../../dispatch';
import type { BackupService } from './service';

type BackupsChannel = 'backups.list' | 'backups.create' | 'backups.restore' | 'backups.remove';

export function createBackupHandlers(deps: {
  backups: BackupService;
}): Pick<Handlers, BackupsChannel> {
  return {
    'backups.list': () => deps.backups.status(),
    'backups.create': () => deps.backups.create(),
    'backups.restore': (_ctx, { file }) => deps.backups.restore(file),
    'backups.remove': (_ctx, { file }) => deps.backups.remove(file),
  };
}
