// The main window: secure preferences, saved bounds, hardened contents.
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { MIN_SIZE, restoreBounds, type SavedWindowState } from './bounds';
import { hardenWebContents } from './security';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
  };
}

export interface MainWindowOptions {
  preload: string;
  saved: SavedWindowState | undefined;
  isAppUrl: (url: string) => boolean;
  onStateChange: (state: SavedWindowState) => void;
  backgroundColor: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const bounds = restoreBounds(
    options.saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'ServicePro Dispatch',
    backgroundColor: options.backgroundColor,
    webPreferences: secureWebPreferences(options.preload),
  });
  hardenWebContents(win.webContents, options.isAppUrl);
  if (options.saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    options.onStateChange({ ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
  return win;
}
