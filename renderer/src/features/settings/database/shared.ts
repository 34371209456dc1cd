// Settings → Database's small shared pieces: query keys, the desktop app's folder picker, sizes and
// dates in words, and the id a window gives each long operation to follow its progress events.
import type { BridgeApi } from '../../../../../shared/contract/bridge';
import { ApiError } from '../../../../../shared/contract/result';

/** database.status: where the data is, and any copy left on this computer. */
export const databaseStatusKey = ['database.status'] as const;
/** data.folders: the suggested export folder and whether folders may be typed. */
export const dataFoldersKey = ['data.folders'] as const;

/** The desktop app's folder dialog, when the page runs inside it (null in a browser). */
export function desktopFolderPicker(): NonNullable<BridgeApi['chooseFolder']> | null {
  const bridge = (window as Window & { api?: BridgeApi }).api;
  return bridge?.chooseFolder ?? null;
}

/** Random enough to tell this window's operations from another's. */
export function newOperationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `op-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function dateTimeText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const countText = (n: number, what: string) =>
  `${n.toLocaleString()} ${what}${n === 1 ? '' : 's'}`;

/**
 * True when the browser gave up waiting for the answer (browser mode answers within 30 s) while the
 * app goes on: the outcome then arrives as the operation's last progress event.
 */
export function stoppedWaiting(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.kind === 'unavailable' &&
    error.message.startsWith('The app did not answer in time')
  );
}

/** The problems an import refusal lists (file, document or line, what is wrong). */
export interface FolderProblem {
  file: string;
  document: string | null;
  line: number | null;
  message: string;
}

export function folderProblems(error: unknown): FolderProblem[] {
  if (!(error instanceof ApiError) || error.kind !== 'validation') return [];
  const details = error.details as { problems?: FolderProblem[] } | undefined;
  return Array.isArray(details?.problems) ? details.problems : [];
}
