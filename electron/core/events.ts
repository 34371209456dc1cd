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

/**
 * Tenancy for pushed events: an event about a business reaches only connections signed in to it;
 * events without a business (app health) reach everyone.
 */
export function mayReceive(session: { business_id: string } | null, payload: unknown): boolean {
  const businessId = (payload as { business_id?: unknown } | null)?.business_id;
  if (typeof businessId !== 'string') return true;
  return session?.business_id === businessId;
}
