// The renderer's view of a transport: invoke a channel, hear events, know whether the link is up.
import type { EventListener, Result } from '../../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  state(): ConnectionState;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
}
