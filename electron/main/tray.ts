// Tray icon and its menu: Open, Pause alerts, Quit.
import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';

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
