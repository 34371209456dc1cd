// Folders for export and import. The renderer is untrusted, so a folder path is accepted only when
// the user chose it in the desktop app's native picker (main grants it to the core), or — in browser
// mode, where the host runs on the user's own computer — typed; either way it must be absolute and
// normalized, an export goes only to a new or empty folder, and an import reads only a folder
// holding a manifest.
import { existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize, parse, sep } from 'node:path';
import { AppError, ForbiddenError } from '../../errors';

export const MANIFEST_FILE = 'manifest.json';

const fieldError = (message: string) =>
  new AppError('validation', message, [{ path: 'folder', message }]);

/** Folders the user picked in the desktop app's dialog during this run (the latest few). */
export class FolderGrants {
  private readonly granted: string[] = [];

  allow(path: string): void {
    if (typeof path !== 'string' || !isAbsolute(path)) return;
    const folder = withoutTrailingSeparator(normalize(path));
    const at = this.granted.indexOf(folder);
    if (at >= 0) this.granted.splice(at, 1);
    this.granted.push(folder);
    if (this.granted.length > 20) this.granted.shift();
  }

  has(path: string): boolean {
    return this.granted.includes(path);
  }
}

function withoutTrailingSeparator(path: string): string {
  const root = parse(path).root;
  let out = path;
  while (out.length > root.length && (out.endsWith('/') || out.endsWith(sep))) {
    out = out.slice(0, -1);
  }
  return out;
}

/**
 * The folder as given, once it is absolute and normalized (no "..", "." or doubled separators); a
 * trailing separator is dropped. In the desktop app it must also be one the user picked.
 */
export function checkFolderPath(
  raw: string,
  access: { typedAllowed: boolean; grants: FolderGrants },
): string {
  if (!isAbsolute(raw)) {
    throw fieldError(
      `Give the folder's full path, starting from the top of the disk (e.g. ${join(homedir(), 'Documents', 'ServicePro export')}), not "${raw}".`,
    );
  }
  const folder = withoutTrailingSeparator(raw);
  const normal = withoutTrailingSeparator(normalize(folder));
  if (normal !== folder) {
    throw fieldError(`Write the folder path without "..", "." or doubled separators: ${normal}`);
  }
  if (parse(folder).root === folder) {
    throw fieldError('Choose a folder, not the top of the disk.');
  }
  if (!access.typedAllowed && !access.grants.has(folder)) {
    throw new ForbiddenError(
      'In the desktop app, choose the folder with the Choose folder… button; a typed folder is not accepted.',
    );
  }
  return folder;
}

/** An export never overwrites: the folder is new (its parent exists) or empty. */
export async function checkExportFolder(folder: string): Promise<{ exists: boolean }> {
  const found = await stat(folder).catch(() => null);
  if (found) {
    if (!found.isDirectory()) throw fieldError(`${folder} is a file, not a folder.`);
    const entries = await readdir(folder);
    if (entries.length > 0) {
      throw fieldError(
        `${folder} is not empty (it holds ${entries.length} item${entries.length === 1 ? '' : 's'}). An export never overwrites files: choose a new folder name or an empty folder.`,
      );
    }
    return { exists: true };
  }
  const parent = dirname(folder);
  const parentFound = await stat(parent).catch(() => null);
  if (!parentFound?.isDirectory()) {
    throw fieldError(
      `The folder ${parent} does not exist, so ${folder} cannot be made in it. Choose a folder that exists.`,
    );
  }
  return { exists: false };
}

/** An import reads a folder an export made: it holds manifest.json. */
export async function checkImportFolder(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) throw fieldError(`There is no folder ${folder}.`);
  const manifest = await stat(join(folder, MANIFEST_FILE)).catch(() => null);
  if (!manifest?.isFile()) {
    throw fieldError(
      `${folder} holds no ${MANIFEST_FILE}, so it is not an export. Choose the folder an export made: it holds ${MANIFEST_FILE} and one .json file per collection.`,
    );
  }
}

/** The business's name as a folder name: no characters any of Windows, macOS or Linux refuse. */
function folderSafe(name: string): string {
  const safe = name
    .replace(/[<>:"/\\|?*]/g, ' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[. ]+$/, '')
    .trim()
    .slice(0, 60)
    .trim();
  return safe || 'business';
}

/** `<Documents or the data folder>/ServicePro export <business> <date>`. */
export function suggestedExportFolder(
  dataDir: string,
  businessName: string,
  date: string,
  home: string = homedir(),
): string {
  const documents = join(home, 'Documents');
  const base = existsSync(documents) && statSync(documents).isDirectory() ? documents : dataDir;
  return join(base, `ServicePro export ${folderSafe(businessName)} ${date}`);
}
