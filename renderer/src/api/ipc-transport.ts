// Transport over Electron IPC: wraps the preload's window.api.
import type { BridgeApi } from '../../../shared/contract';
import type { Transport } from './transport';

export function ipcTransport(bridge: BridgeApi): Transport {
  return {
    kind: 'ipc',
    invoke: (channel, input) => bridge.invoke(channel, input),
    onEvent: (listener) => bridge.onEvent(listener),
    // IPC to our own main process cannot drop while the window is open.
    state: () => 'open',
    onStateChange: () => () => undefined,
    setResumeToken: () => undefined,
  };
}
