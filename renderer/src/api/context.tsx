// React access to the API client and the connection state.
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Api, EventName, EventPayload } from '../../../shared/contract';
import type { ConnectionState, Transport } from './transport';

interface ApiContextValue {
  api: Api;
  transport: Transport;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({ value, children }: { value: ApiContextValue; children: ReactNode }) {
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi must be used inside <ApiProvider>.');
  return value;
}

export const useApi = (): Api => useApiContext().api;

export const useTransport = (): Transport => useApiContext().transport;

export function useConnectionState(): ConnectionState {
  const { transport } = useApiContext();
  return useSyncExternalStore(
    (notify) => transport.onStateChange(notify),
    () => transport.state(),
  );
}

/** Runs `listener` for each pushed event of that name (main → renderer), for as long as mounted. */
export function useContractEvent<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
) {
  const { transport } = useApiContext();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(
    () =>
      transport.onEvent((eventName, payload) => {
        if (eventName === name) latest.current(payload as EventPayload<E>);
      }),
    [transport, name],
  );
}
