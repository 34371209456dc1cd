// Preload: exposes window.api (invoke a contract channel, listen to events, save the page as a PDF,
// choose a folder) and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_PREFIX,
  IPC_SAVE_PDF_CHANNEL,
  IPC_CHOOSE_FOLDER_CHANNEL,
  type BridgeApi,
} from '../../shared/contract/bridge';

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
  savePdf: async (fileName) => {
    try {
      return await ipcRenderer.invoke(IPC_SAVE_PDF_CHANNEL, fileName);
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'internal', message: `The PDF could not be saved: ${String(error)}` },
      };
    }
  },
  chooseFolder: async (request) => {
    try {
      return await ipcRenderer.invoke(IPC_CHOOSE_FOLDER_CHANNEL, request);
    } catch (error) {
      return {
        ok: false,
        error: { kind: 'internal', message: `The folder dialog failed: ${String(error)}` },
      };
    }
  },
};

contextBridge.exposeInMainWorld('api', api);
