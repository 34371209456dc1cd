// Binds every contract channel to ipcMain and forwards core events to the window.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelNames, IPC_EVENT_CHANNEL, IPC_PREFIX, type Result } from '../../shared/contract';
import type { Core } from '../core/compose';
import type { Session } from '../core/context';
import { mayReceive } from '../core/events';

/** Registers one ipcMain.handle per channel; returns a function that removes them all. */
/** Sign-ins per window (webContents id): each window is its own connection. */
export type WindowSessions = Map<number, Session>;

export function registerChannels(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Pick<Core, 'dispatch'>,
  isAppUrl: (url: string) => boolean,
  sessions: WindowSessions = new Map(),
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
        const id = event.sender.id;
        return core.dispatch(
          {
            session: sessions.get(id) ?? null,
            origin: 'ipc',
            setSession: (session) => (session ? sessions.set(id, session) : sessions.delete(id)),
          },
          channel,
          input,
        );
      },
    );
  }
  return () => channelNames.forEach((channel) => ipcMain.removeHandler(IPC_PREFIX + channel));
}

export function forwardEvents(
  core: Pick<Core, 'events'>,
  target: () => WebContents | undefined,
  sessions: WindowSessions = new Map(),
): () => void {
  return core.events.subscribe((name, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    if (mayReceive(sessions.get(contents.id) ?? null, payload)) {
      contents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
}
