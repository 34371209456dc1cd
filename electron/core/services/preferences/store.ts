// This computer's display preferences as a small JSON file in the data folder, written atomically
// (temp file → fsync → rename) so a crash mid-write leaves the old file or the new one, never half.
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_PREFERENCES,
  densityPreferenceSchema,
  themePreferenceSchema,
  type Preferences,
} from '../../../../shared/contract/channels/preferences';
import type { Logger } from '../../ports';

/**
 * Not `preferences.json`: in the desktop app the data folder is Electron's userData, where
 * electron/main/prefs.ts (electron-store) already keeps the window's `preferences.json`.
 */
export const PREFERENCES_FILE = 'ui-preferences.json';

/** Reads any stored object: a missing or unusable value gives its default, the others are kept. */
const reader = z.object({
  theme: themePreferenceSchema.catch(DEFAULT_PREFERENCES.theme),
  density: densityPreferenceSchema.catch(DEFAULT_PREFERENCES.density),
});

export interface PreferencesStore {
  read(): Promise<Preferences>;
  /** Merges `changes` into the stored preferences and writes them; returns what is stored. */
  update(changes: Partial<Preferences>): Promise<Preferences>;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export function preferencesStore(file: string, logger: Logger): PreferencesStore {
  /** Updates run one after another, so two quick changes never write over each other. */
  let writing: Promise<unknown> = Promise.resolve();

  async function read(): Promise<Preferences> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        logger.log('warn', 'The display preferences could not be read; using the defaults', {
          reason: err instanceof Error ? err.message : String(err),
        });
      }
      return { ...DEFAULT_PREFERENCES };
    }
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      logger.log('warn', 'The display preferences file is not JSON; using the defaults', { file });
      return { ...DEFAULT_PREFERENCES };
    }
    const parsed = reader.safeParse(stored);
    return parsed.success ? parsed.data : { ...DEFAULT_PREFERENCES };
  }

  return {
    read,
    update(changes) {
      const run = writing.then(async () => {
        const given = Object.entries(changes).filter(([, value]) => value !== undefined);
        const next: Preferences = { ...(await read()), ...Object.fromEntries(given) };
        await writeAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
        return next;
      });
      writing = run.catch(() => undefined);
      return run;
    },
  };
}
