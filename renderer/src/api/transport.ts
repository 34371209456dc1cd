// The renderer's view of a transport: invoke a channel, hear events, know whether the link is up.
import type { EventListener, Result } from '../../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  state(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /**
   * Keeps (or forgets) the token that resumes the sign-in on a new connection. Browser mode needs it
   * across reloads and reconnects; Electron's IPC keeps the sign-in per window by itself.
   */
  setResumeToken(token: string | null): void;
}
