// The core's push-event bus: typed by the contract's event map, validated before delivery.
import { events, type EventName, type EventPayload } from '../../shared/contract';

export type CoreEventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: CoreEventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<CoreEventListener>();
  return {
    emit(name, payload) {
      // A malformed event is a bug in the core: fail loudly here rather than confuse a renderer.
      const parsed = events[name].parse(payload);
      for (const listener of listeners) listener(name, parsed);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
