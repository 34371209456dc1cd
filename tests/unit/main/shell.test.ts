import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/contract';

vi.mock('electron', () => import('../../support/electron-stub'));

const stub = await import('../../support/electron-stub');
const { createMainWindow, secureWebPreferences } = await import('../../../electron/main/window');
const { appUrlMatcher, isSafeExternalUrl } = await import('../../../electron/main/security');
const { restoreBounds } = await import('../../../electron/main/bounds');
const { createAppTray, trayMenuTemplate } = await import('../../../electron/main/tray');
const { appMenuTemplate } = await import('../../../electron/main/menu');
const { registerChannels, forwardEvents } = await import('../../../electron/main/ipc');
const { desktopSecretStore } = await import('../../../electron/main/secrets');
const { desktopNotifier } = await import('../../../electron/main/notifier');
const { createTestCore } = await import('../../support/core');

const APP_URL = 'file:///opt/ServicePro/resources/app/out/renderer/index.html';
const isAppUrl = appUrlMatcher(APP_URL);

beforeEach(() => {
  stub.shell.openExternal.mockClear();
  stub.BrowserWindow.created.length = 0;
  stub.Notification.shown.length = 0;
});

function openWindow(saved?: Parameters<typeof createMainWindow>[0]['saved']) {
  const onStateChange = vi.fn();
  createMainWindow({
    preload: '/app/preload.cjs',
    saved,
    isAppUrl,
    onStateChange,
    backgroundColor: '#fff',
  });
  const win = stub.BrowserWindow.created.at(-1);
  if (!win) throw new Error('no window created');
  return { win, onStateChange };
}

describe('main window', () => {
  it('runs the renderer isolated and sandboxed, without Node', () => {
    const { win } = openWindow();
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/preload.cjs'));
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('blocks navigation away from the app and sends web links to the OS browser', () => {
    const { win } = openWindow();
    expect(win.webContents.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(stub.shell.openExternal).toHaveBeenCalledWith('https://evil.example/phish');
    expect(win.webContents.fire('will-navigate', `${APP_URL}#/clients`)).toBe(false);
    expect(win.webContents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(win.webContents.fire('will-attach-webview')).toBe(true);
  });

  it('denies every window.open, opening only ordinary links externally', () => {
    const { win } = openWindow();
    expect(win.webContents.openHandler?.({ url: 'https://maps.example.com/?q=1' })).toEqual({
      action: 'deny',
    });
    expect(stub.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(win.webContents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({
      action: 'deny',
    });
    expect(win.webContents.openHandler?.({ url: 'file:///C:/Windows/system32/calc.exe' })).toEqual({
      action: 'deny',
    });
    expect(stub.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(isSafeExternalUrl('mailto:jo@example.test')).toBe(true);
    expect(isSafeExternalUrl('smb://server/share')).toBe(false);
  });

  it('reopens where it was left and saves its bounds when closed', () => {
    const { win, onStateChange } = openWindow({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: true,
    });
    expect(win.options).toMatchObject({ x: 100, y: 80, width: 1200, height: 800 });
    expect(win.maximized).toBe(true);
    win.emit('close');
    expect(onStateChange).toHaveBeenCalledWith({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('treats the dev server as the app only in development', () => {
    const dev = appUrlMatcher(APP_URL, 'http://localhost:5173');
    expect(dev('http://localhost:5173/#/board')).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/board')).toBe(false);
    expect(dev('http://localhost:5174/')).toBe(false);
  });
});

describe('window bounds', () => {
  const screenArea = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  it('centres the window when the saved position is on a monitor that is gone', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1200, height: 800 }, screenArea)).toEqual({
      x: 360,
      y: 140,
      width: 1200,
      height: 800,
    });
  });
  it('shrinks a saved size that no longer fits, but not below the minimum', () => {
    expect(restoreBounds({ width: 5000, height: 300 }, screenArea)).toMatchObject({
      width: 1920,
      height: 600,
    });
  });
  it('uses a second monitor when the window was left there', () => {
    const two = [...screenArea, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(restoreBounds({ x: 2100, y: 50, width: 1400, height: 900 }, two)).toEqual({
      x: 2100,
      y: 50,
      width: 1400,
      height: 900,
    });
  });
});

describe('tray', () => {
  it('offers Open, Pause alerts and Quit, with pause reflecting the saved choice', () => {
    const actions = { open: vi.fn(), setAlertsPaused: vi.fn(), quit: vi.fn() };
    const items = trayMenuTemplate(true, actions);
    expect(items.map((i) => i.label ?? i.type)).toEqual([
      'Open ServicePro Dispatch',
      'Pause alerts',
      'separator',
      'Quit',
    ]);
    expect(items[1]).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('pauses alerts from its menu, shows it in the tooltip, and opens the window on click', () => {
    const actions = { open: vi.fn(), setAlertsPaused: vi.fn(), quit: vi.fn() };
    createAppTray({} as never, false, actions);
    const tray = stub.Tray.created.at(-1);
    const pause = tray?.menu?.template[1] as { click: (item: { checked: boolean }) => void };
    pause.click({ checked: true });
    expect(actions.setAlertsPaused).toHaveBeenCalledWith(true);
    expect(tray?.tooltip).toBe('ServicePro Dispatch — alerts paused');
    expect(tray?.menu?.template[1]).toMatchObject({ checked: true });
    tray?.emit('click');
    expect(actions.open).toHaveBeenCalled();
    (tray?.menu?.template[3] as { click: () => void }).click();
    expect(actions.quit).toHaveBeenCalled();
  });
});

describe('application menu', () => {
  it('has the macOS app menu only on macOS, and developer tools only in development', () => {
    const mac = appMenuTemplate('darwin', { isDev: false, showAbout: vi.fn() });
    const win = appMenuTemplate('win32', { isDev: true, showAbout: vi.fn() });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(win[0]).toMatchObject({ label: 'File' });
    const roles = (t: typeof mac) => JSON.stringify(t);
    expect(roles(mac)).not.toContain('toggleDevTools');
    expect(roles(win)).toContain('toggleDevTools');
  });
});

describe('IPC', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    return {
      handlers,
      handle: (name: string, fn: (event: unknown, input: unknown) => Promise<unknown>) =>
        void handlers.set(name, fn),
      removeHandler: (name: string) => void handlers.delete(name),
    };
  }

  it('registers one handler per contract channel and removes them all', () => {
    const ipc = fakeIpcMain();
    const remove = registerChannels(ipc as never, createTestCore(), isAppUrl);
    expect([...ipc.handlers.keys()].sort()).toEqual(channelNames.map((c) => `sp:${c}`).sort());
    remove();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers the app page through the core, validating its input, and refuses other frames', async () => {
    const ipc = fakeIpcMain();
    registerChannels(ipc as never, createTestCore(), isAppUrl);
    const handler = ipc.handlers.get('sp:app.info');
    const fromApp = { sender: { id: 1 }, senderFrame: { url: `${APP_URL}#/board` } };
    expect(await handler?.(fromApp, {})).toMatchObject({
      ok: true,
      value: { name: 'ServicePro Dispatch' },
    });
    expect(await handler?.(fromApp, { extra: true })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(
      await handler?.({ sender: { id: 2 }, senderFrame: { url: 'https://evil.example/' } }, {}),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it("forwards core events to the window, only those of the window's own business", () => {
    const core = createTestCore();
    const contents = new stub.FakeWebContents();
    const sessions = new Map([
      [
        contents.id,
        { user_id: 'usr_1', business_id: 'bus_1', role: 'staff' as const, name: 'Dana' },
      ],
    ]);
    forwardEvents(core, () => contents as never, sessions);
    const alert = (business_id: string) => ({
      business_id,
      title: 'Rain',
      body: '3 jobs at risk',
      appointment_ids: [],
    });
    core.events.emit('weather.alert', alert('bus_2'));
    core.events.emit('weather.alert', alert('bus_1'));
    expect(contents.sent).toEqual([['sp:event', 'weather.alert', alert('bus_1')]]);
  });
});

describe('desktop secrets', () => {
  const blobs = () => {
    const m = new Map<string, string>();
    return {
      m,
      get: (k: string) => m.get(k),
      set: (k: string, v: string) => void m.set(k, v),
      delete: (k: string) => void m.delete(k),
    };
  };
  const noKeytar = () => ({ ok: false as const, reason: 'keytar is not installed' });

  it('falls back to safeStorage when keytar is missing, saying so, and stores only ciphertext', async () => {
    stub.safeStorage.encryptionAvailable = true;
    stub.safeStorage.backend = 'gnome_libsecret';
    const b = blobs();
    const store = desktopSecretStore(b, 'linux', noKeytar);
    expect(store).toMatchObject({ backend: 'Electron safeStorage', available: true });
    expect(store.fallbackReason).toContain('keytar is not installed');
    await store.set('mongodb_uri', 'mongodb://u:pw@h');
    expect(b.m.get('mongodb_uri')).not.toContain('pw@h');
    expect(await store.get('mongodb_uri')).toBe('mongodb://u:pw@h');
  });

  it("refuses safeStorage's plaintext fallback on a Linux desktop without a keyring", async () => {
    stub.safeStorage.backend = 'basic_text';
    const store = desktopSecretStore(blobs(), 'linux', noKeytar);
    expect(store.available).toBe(false);
    await expect(store.set('k', 'v')).rejects.toMatchObject({ kind: 'unavailable' });
    stub.safeStorage.backend = 'gnome_libsecret';
  });
});

describe('notifications', () => {
  it('stays silent while alerts are paused', () => {
    let paused = true;
    const notifier = desktopNotifier(() => paused);
    notifier.notify({ title: 'Rain', body: '3 jobs tomorrow at risk' });
    expect(stub.Notification.shown).toHaveLength(0);
    paused = false;
    notifier.notify({ title: 'Rain', body: '3 jobs tomorrow at risk' });
    expect(stub.Notification.shown.map((n) => n.options.title)).toEqual(['Rain']);
  });

  it('opens the page the alert is about when it is clicked', () => {
    const opened: (string | undefined)[] = [];
    const notifier = desktopNotifier(
      () => false,
      (route) => opened.push(route),
    );
    notifier.notify({
      title: 'Weather risk',
      body: '3 jobs tomorrow at risk of rain — review',
      route: '/weather',
    });
    const note = stub.Notification.shown.at(-1);
    expect(note?.options.body).toBe('3 jobs tomorrow at risk of rain — review');
    note?.emit('click');
    expect(opened).toEqual(['/weather']);
  });
});
