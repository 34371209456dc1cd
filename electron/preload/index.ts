// Preload: exposes window.api (invoke a contract channel, listen to events) and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type BridgeApi } from '../../shared/contract/bridge';

const api: BridgeApi = {
  invoke: async (channel, input) => {
    if (typeof channel !== 'string') {
      return { ok: false, error: { kind: 'validation', message: 'Channel must be a string.' } };
    }
    try {
      return await ipcRenderer.invoke(IPC_PREFIX + channel, input);
    } catch {
      // Electron rejects when no handler exists for the name: an unknown channel.
      return {
        ok: false,
        error: { kind: 'validation', message: `Unknown channel "${channel.slice(0, 80)}".` },
      };
    }
  },
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
