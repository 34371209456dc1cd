// Saves the app's page as a PDF (the report's "Save as PDF"): printToPDF of the asking window, written
// where the user picks in a save dialog. Main only checks the asker and the name; the page lays itself
// out for print with its own print styles.
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BrowserWindow, dialog, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_SAVE_PDF_CHANNEL, type Result } from '../../shared/contract';
import type { Logger } from '../core/ports';

/** A plain file name ending in .pdf, no folders: what the page may suggest. */
export function pdfFileName(input: unknown): string | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 120) return null;
  if (basename(input) !== input || !/^[\w. -]+\.pdf$/i.test(input)) return null;
  return input;
}

export function registerPdfExport(
  ipcMain: Pick<IpcMain, 'handle'>,
  isAppUrl: (url: string) => boolean,
  logger: Logger,
): void {
  ipcMain.handle(
    IPC_SAVE_PDF_CHANNEL,
    async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ path: string | null }>> => {
      if (!isAppUrl(event.senderFrame?.url ?? '')) {
        return {
          ok: false,
          error: { kind: 'forbidden', message: 'This page is not allowed to talk to the app.' },
        };
      }
      const fileName = pdfFileName(input);
      if (!fileName) {
        return {
          ok: false,
          error: { kind: 'validation', message: 'The PDF needs a plain file name ending in .pdf.' },
        };
      }
      const window = BrowserWindow.fromWebContents(event.sender);
      const options = { defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: true, value: { path: null } };
      try {
        const pdf = await event.sender.printToPDF({ printBackground: true, pageSize: 'Letter' });
        await writeFile(choice.filePath, pdf);
        return { ok: true, value: { path: choice.filePath } };
      } catch (error) {
        logger.log('error', 'Saving a PDF failed', {
          error: error instanceof Error ? error.stack : String(error),
        });
        return {
          ok: false,
          error: {
            kind: 'unavailable',
            message: `The PDF could not be written to ${choice.filePath}: ${error instanceof Error ? error.message : String(error)}. Choose another folder and try again.`,
          },
        };
      }
    },
  );
}
