// Chooses a folder for an export or an import in a native dialog (Settings → Database's Export… and
// Import…). What the user picks is granted to the core, which in the desktop app accepts no other
// folder from the page: the page may suggest where the dialog opens, never what is chosen.
import { isAbsolute } from 'node:path';
import {
  BrowserWindow,
  dialog,
  type IpcMain,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import {
  IPC_CHOOSE_FOLDER_CHANNEL,
  type ChooseFolderRequest,
  type Result,
} from '../../shared/contract';
import type { Logger } from '../core/ports';

/** The request as main reads it; null when it is not one. */
export function folderRequest(input: unknown): ChooseFolderRequest | null {
  if (typeof input !== 'object' || input === null) return null;
  const { purpose, defaultPath } = input as Record<string, unknown>;
  if (purpose !== 'export' && purpose !== 'import') return null;
  const usable =
    typeof defaultPath === 'string' &&
    defaultPath.length <= 1024 &&
    !defaultPath.includes('\0') &&
    isAbsolute(defaultPath);
  return usable ? { purpose, defaultPath } : { purpose };
}

export function registerFolderPicker(
  ipcMain: Pick<IpcMain, 'handle'>,
  isAppUrl: (url: string) => boolean,
  grant: (path: string) => void,
  logger: Logger,
): void {
  ipcMain.handle(
    IPC_CHOOSE_FOLDER_CHANNEL,
    async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ path: string | null }>> => {
      if (!isAppUrl(event.senderFrame?.url ?? '')) {
        return {
          ok: false,
          error: { kind: 'forbidden', message: 'This page is not allowed to talk to the app.' },
        };
      }
      const request = folderRequest(input);
      if (!request) {
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: 'Say whether the folder is for an export or an import.',
          },
        };
      }
      const window = BrowserWindow.fromWebContents(event.sender);
      try {
        let path: string | null = null;
        if (request.purpose === 'export') {
          const options: SaveDialogOptions = {
            title: 'Export the business’s data to a new folder',
            buttonLabel: 'Export here',
            defaultPath: request.defaultPath,
            properties: ['createDirectory'],
          };
          const choice = window
            ? await dialog.showSaveDialog(window, options)
            : await dialog.showSaveDialog(options);
          path = choice.canceled || !choice.filePath ? null : choice.filePath;
        } else {
          const options: OpenDialogOptions = {
            title: 'Choose the folder an export made',
            buttonLabel: 'Import this folder',
            defaultPath: request.defaultPath,
            properties: ['openDirectory'],
          };
          const choice = window
            ? await dialog.showOpenDialog(window, options)
            : await dialog.showOpenDialog(options);
          path = choice.canceled ? null : (choice.filePaths[0] ?? null);
        }
        if (path) grant(path);
        return { ok: true, value: { path } };
      } catch (error) {
        logger.log('error', 'The folder dialog failed', {
          error: error instanceof Error ? error.stack : String(error),
        });
        return {
          ok: false,
          error: {
            kind: 'unavailable',
            message: 'The folder dialog could not be opened. Try again.',
          },
        };
      }
    },
  );
}
