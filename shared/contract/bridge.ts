// What crosses the transport: the preload's window.api shape and the WebSocket wire format.
// Kept free of zod so the sandboxed preload bundle stays small.
import type { Result } from './result';

/** IPC channel names are the contract's names under this prefix, so the renderer can reach nothing else. */
export const IPC_PREFIX = 'sp:';
/** The single IPC channel main → renderer events travel on. */
export const IPC_EVENT_CHANNEL = 'sp:event';
/** Path of the WebSocket endpoint on the web host. */
export const WS_PATH = '/api';
/** Query parameter (page URL and WebSocket URL) that carries the per-launch token. */
export const TOKEN_PARAM = 'token';

export type EventListener = (name: string, payload: unknown) => void;

/** Exposed by electron/preload as `window.api`; the renderer's IPC transport wraps it. */
export interface BridgeApi {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  /**
   * Desktop only: the window's page as a PDF (print styles), saved where the user chooses in a save
   * dialog opened on `fileName`; `path` is null when they cancel.
   */
  savePdf?(fileName: string): Promise<Result<{ path: string | null }>>;
  /**
   * Desktop only: a folder chosen in a native dialog — for `export` a new folder's name and place
   * (a save dialog opened on `defaultPath`), for `import` an existing folder. In the desktop app
   * data.export and data.import accept only folders chosen this way; `path` is null when they cancel.
   */
  chooseFolder?(request: ChooseFolderRequest): Promise<Result<{ path: string | null }>>;
}

export interface ChooseFolderRequest {
  purpose: 'export' | 'import';
  /** Where the dialog opens (an absolute path; anything else is ignored). */
  defaultPath?: string;
}

/** The IPC channel of `chooseFolder`: outside IPC_PREFIX, as it is no contract channel. */
export const IPC_CHOOSE_FOLDER_CHANNEL = 'sp-folder:choose';

/** The IPC channel of `savePdf`: outside IPC_PREFIX, as it is no contract channel. */
export const IPC_SAVE_PDF_CHANNEL = 'sp-pdf:save';

/** WebSocket messages, browser → host. */
export interface WireRequest {
  id: number;
  channel: string;
  input?: unknown;
}

/** WebSocket messages, host → browser: a reply to a request, or a pushed event. */
export type WireMessage =
  | { type: 'result'; id: number | null; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };
