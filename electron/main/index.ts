// Electron shell: lifecycle, window, tray, menu and IPC wiring around the Electron-free core.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  type BrowserWindow,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  powerMonitor,
  session,
} from 'electron';
import packageJson from '../../package.json';
import { contentSecurityPolicy } from '../../shared/security';
import { createCore, type Core } from '../core/compose';
import { spawnEmbeddedServer } from '../embedded-db/index';
import { createLogger } from '../core/logger';
import { systemClock } from '../core/ports';
import { forwardEvents, registerChannels, type WindowSessions } from './ipc';
import { appMenuTemplate } from './menu';
import { desktopNotifier } from './notifier';
import { registerPdfExport } from './pdf';
import { registerFolderPicker } from './folders';
import { openPrefs } from './prefs';
import { desktopSecretStore } from './secrets';
import { appUrlMatcher } from './security';
import { createAppTray, trayIconPath, type AppTray } from './tray';
import { createMainWindow } from './window';

const here = import.meta.dirname;
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererIndex = join(here, '../renderer/index.html');
const isAppUrl = appUrlMatcher(pathToFileURL(rendererIndex).href, devServerUrl);

let mainWindow: BrowserWindow | undefined;
let tray: AppTray | undefined;
let core: Core | undefined;

function showWindow() {
  if (!mainWindow || mainWindow.isDestroyed()) {
    openWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Shows the window on one of the app's pages (a notification's click): '/weather' → '#/weather'. */
function showPage(route?: string) {
  showWindow();
  if (!route || !/^\/[a-z/-]*$/.test(route)) return;
  const contents = mainWindow?.webContents;
  const go = () =>
    void contents?.executeJavaScript(`location.hash = ${JSON.stringify(`#${route}`)}`);
  if (contents?.isLoading()) contents.once('did-finish-load', go);
  else go();
}

const prefs = openPrefs();

function openWindow() {
  mainWindow = createMainWindow({
    preload: join(here, '../preload/index.cjs'),
    saved: prefs.get('window'),
    isAppUrl,
    onStateChange: (state) => prefs.set('window', state),
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#121212' : '#ffffff',
  });
  if (devServerUrl) void mainWindow.loadURL(devServerUrl);
  else void mainWindow.loadFile(rendererIndex);
}

async function start() {
  const logger = createLogger(
    (line) => process.stderr.write(`${line}\n`),
    app.isPackaged ? 'info' : 'debug',
  );
  core = createCore(
    {
      appName: packageJson.productName,
      version: app.getVersion(),
      mode: 'desktop',
      platform: process.platform,
      validateOutput: !app.isPackaged,
      databaseUri: process.env.MONGODB_URI || undefined,
    },
    {
      clock: systemClock,
      logger,
      paths: { dataDir: app.getPath('userData') },
      notifier: desktopNotifier(() => prefs.get('alertsPaused'), showPage),
      secrets: desktopSecretStore(
        {
          get: (key) => prefs.get('encryptedSecrets')[key],
          set: (key, value) =>
            prefs.set('encryptedSecrets', { ...prefs.get('encryptedSecrets'), [key]: value }),
          delete: (key) => {
            const { [key]: _removed, ...rest } = prefs.get('encryptedSecrets');
            prefs.set('encryptedSecrets', rest);
          },
        },
        process.platform,
      ),
      // Electron's own binary runs the server script as plain Node (ELECTRON_RUN_AS_NODE).
      embeddedDatabase: (dbPath) =>
        spawnEmbeddedServer({ dbPath, entry: join(here, '../embedded-db/cli.js') }),
    },
  );
  // The header covers the dev server; the built page carries the same policy in a meta tag.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy()],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'notifications'),
  );
  const sessions: WindowSessions = new Map();
  registerChannels(ipcMain, core, isAppUrl, sessions);
  registerPdfExport(ipcMain, isAppUrl, logger);
  registerFolderPicker(ipcMain, isAppUrl, (path) => core?.allowFolder(path), logger);
  forwardEvents(core, () => mainWindow?.webContents, sessions);
  await core.start();
  // Back from sleep: the forecast has moved on, so the weather watch checks at once.
  powerMonitor.on('resume', () => core?.wake());

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        isDev: !app.isPackaged,
        showAbout: () => app.showAboutPanel(),
      }),
    ),
  );
  tray = createAppTray(
    nativeImage.createFromPath(
      trayIconPath({
        platform: process.platform,
        packaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        devResourcesDir: join(here, '../../resources'),
      }),
    ),
    prefs.get('alertsPaused'),
    {
      open: showWindow,
      setAlertsPaused: (paused) => prefs.set('alertsPaused', paused),
      quit: () => app.quit(),
    },
  );
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // The tray keeps the app alive (weather alerts) when the window is closed, except on explicit Quit.
  app.on('window-all-closed', () => undefined);
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Quit once the core has stopped, so the database server flushes and releases its folder.
    event.preventDefault();
    quitting = true;
    tray?.destroy();
    void (core?.stop() ?? Promise.resolve()).finally(() => app.quit());
  });
  app.whenReady().then(start, (err: unknown) => {
    process.stderr.write(`ServicePro Dispatch could not start: ${String(err)}\n`);
    app.exit(1);
  });
}
