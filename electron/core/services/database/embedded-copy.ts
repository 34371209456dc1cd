// The database folder left on this computer after the data was copied to a server: its size, when
// and where it was copied (a small note beside it in the data folder), and removing it for good.
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedCopy } from '../../../../shared/contract';
import { embeddedDbPath } from '../../db/open';
import type { Paths } from '../../ports';

/** Beside the database folder, not in it: the folder belongs to the embedded server. */
const noteOf = (paths: Paths) => join(paths.dataDir, 'embedded-copy.json');

interface CopyNote {
  copied_at: string;
  copied_to: string;
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size;
  }
  return bytes;
}

async function readNote(paths: Paths): Promise<CopyNote | null> {
  try {
    const note = JSON.parse(await readFile(noteOf(paths), 'utf8')) as Partial<CopyNote>;
    if (typeof note.copied_at !== 'string' || typeof note.copied_to !== 'string') return null;
    return { copied_at: note.copied_at, copied_to: note.copied_to };
  } catch {
    return null;
  }
}

/** The copy on this computer, if its folder holds anything (null when there is none). */
export async function embeddedCopyOf(paths: Paths): Promise<EmbeddedCopy | null> {
  const folder = embeddedDbPath({ paths });
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) return null;
  const bytes = await folderBytes(folder);
  if (bytes === 0) return null;
  const note = await readNote(paths);
  return {
    folder,
    bytes,
    copiedAt: note && !Number.isNaN(Date.parse(note.copied_at)) ? note.copied_at : null,
    copiedTo: note?.copied_to ?? null,
  };
}

export async function noteCopy(paths: Paths, at: Date, server: string): Promise<void> {
  const note: CopyNote = { copied_at: at.toISOString(), copied_to: server };
  await writeFile(noteOf(paths), `${JSON.stringify(note, null, 2)}\n`, { mode: 0o600 });
}

/** The copy is in use again (the app switched back to it): no note about an old copy. */
export async function forgetCopyNote(paths: Paths): Promise<void> {
  await rm(noteOf(paths), { force: true });
}

/**
 * The process id holding the embedded server's lock on the folder, if it is alive: a server (this
 * app in another window, or `npm run embedded-db`) is using the folder and it must not be deleted.
 */
export async function folderHolder(paths: Paths): Promise<number | null> {
  const text = await readFile(join(embeddedDbPath({ paths }), 'mongod.lock'), 'utf8').catch(
    () => null,
  );
  const pid = text === null ? NaN : Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

export async function removeEmbeddedFolder(paths: Paths): Promise<void> {
  await rm(embeddedDbPath({ paths }), { recursive: true, force: true });
  await forgetCopyNote(paths);
}
