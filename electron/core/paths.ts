// Where the app keeps its data when no shell says otherwise (browser mode, CLI tools).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'ServicePro Dispatch';

/** The same folder Electron's app.getPath('userData') gives, so both modes share one database. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.SERVICEPRO_DATA_DIR) return env.SERVICEPRO_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME);
}
