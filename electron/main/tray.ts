// Tray icon and its menu: Open, Pause alerts, Quit.
import { join } from 'node:path';
import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';

/**
 * The tray image each OS wants: macOS a black "Template" image that it tints for light and dark
 * menu bars, Windows an .ico holding every size its DPI settings use, Linux a PNG. nativeImage
 * picks up the @2x files beside a PNG by itself.
 */
export function trayIconFile(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'trayTemplate.png';
  if (platform === 'win32') return 'tray.ico';
  return 'tray.png';
}

/** Packaged, electron-builder.yml copies the tray images to <resources>/tray (outside the asar). */
export const PACKAGED_TRAY_DIR = 'tray';

export function trayIconPath(options: {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The repository's resources/ folder, used when running from a checkout. */
  devResourcesDir: string;
}): string {
  const dir = options.packaged
    ? join(options.resourcesPath, PACKAGED_TRAY_DIR)
    : options.devResourcesDir;
  return join(dir, trayIconFile(options.platform));
}

export interface TrayActions {
  open(): void;
  setAlertsPaused(paused: boolean): void;
  quit(): void;
}

export function trayMenuTemplate(
  alertsPaused: boolean,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  return [
    { label: 'Open ServicePro Dispatch', click: () => actions.open() },
    {
      label: 'Pause alerts',
      type: 'checkbox',
      checked: alertsPaused,
      click: (item) => actions.setAlertsPaused(item.checked),
    },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export interface AppTray {
  setAlertsPaused(paused: boolean): void;
  destroy(): void;
}

export function createAppTray(
  icon: NativeImage,
  alertsPaused: boolean,
  actions: TrayActions,
): AppTray {
  const tray = new Tray(icon);
  tray.setToolTip('ServicePro Dispatch');
  const render = (paused: boolean) => {
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(paused, {
          ...actions,
          setAlertsPaused: (p) => {
            actions.setAlertsPaused(p);
            render(p);
          },
        }),
      ),
    );
    tray.setToolTip(paused ? 'ServicePro Dispatch — alerts paused' : 'ServicePro Dispatch');
  };
  render(alertsPaused);
  tray.on('click', () => actions.open());
  return { setAlertsPaused: render, destroy: () => tray.destroy() };
}
