// Binds every contract channel to ipcMain and forwards core events to the window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, IPC_EVENT_CHANNEL, IPC_PREFIX, type Result } from '../../shared/contract';
import type { Core } from '../core/compose';

/** Registers one ipcMain.handle per channel; returns a function that removes them all. */
export function registerChannels(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'dispatch'>,
  isAppUrl: (url: string) => boolean,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(
      IPC_PREFIX + channel,
      (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
        // Only the app's own page may call in, never an iframe or a page navigated elsewhere.
        const url = event.senderFrame?.url ?? '';
        if (!isAppUrl(url)) {
          return Promise.resolve({
            ok: false,
            error: { kind: 'forbidden', message: 'This page is not allowed to talk to the app.' },
          });
        }
        return core.dispatch({ session: null, origin: 'ipc' }, channel, input);
      },
    );
  }
  return () => channelNames.forEach((channel) => ipcMain.removeHandler(IPC_PREFIX + channel));
}

export function forwardEvents(
  core: Pick<Core, 'events'>,
  target: () => WebContents | undefined,
): () => void {
  return core.events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}
