// How a backup reads in Settings: its time on the business's clock, its kind, its size.
import type { BackupItem, BackupKind } from '../../../../../shared/contract/channels/backups';

/** The one cache entry of backups.list. */
export const backupsKey = ['backups.list'] as const;

export const kindLabel: Record<BackupKind, string> = {
  automatic: 'Automatic',
  manual: 'Manual',
  before_restore: 'Before restore',
};

/** "Dec 7, 2026, 3:15 AM" in the business's time zone. */
export const backupTime = (at: Date, timeZone: string) =>
  at.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone });

export function backupSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A count from the backup's description, or a dash when it is not known (damaged, no description). */
export const countOf = (item: BackupItem, collection: string) =>
  item.counts[collection]?.toLocaleString('en-US') ?? '—';
