// A stand-in for the `electron` module so the shell's logic runs under Node (Electron never runs in CI).
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type OpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  openHandler: OpenHandler | undefined;
  sent: unknown[][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: OpenHandler) {
    this.openHandler = handler;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Fires an event the way Electron does, returning whether a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  maximized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  show() {}
  getNormalBounds() {
    const { x, y, width, height } = this.options as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    return { x, y, width, height };
  }
}

export const screen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays() {
    return this.displays;
  },
};

export const shell = { openExternal: vi.fn(async () => undefined) };

export class Tray extends EventEmitter {
  static created: Tray[] = [];
  tooltip = '';
  menu: { template: Record<string, unknown>[] } | undefined;
  destroyed = false;
  constructor(readonly icon: unknown) {
    super();
    Tray.created.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: Record<string, unknown>[] }) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = {
  buildFromTemplate: (template: Record<string, unknown>[]) => ({ template }),
};

export const safeStorage = {
  encryptionAvailable: true,
  backend: 'gnome_libsecret',
  isEncryptionAvailable() {
    return this.encryptionAvailable;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString: (plain: string) => Buffer.from(`enc:${plain}`),
  decryptString: (buf: Buffer) => buf.toString().replace(/^enc:/, ''),
};

export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  static isSupported() {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
}
