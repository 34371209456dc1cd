// Health probe that says where secrets are kept, and says so plainly when it is a fallback.
import type { HealthProbe } from '../health';
import type { SecretStore } from '../ports';

/** Key read to prove the store answers; it is never written. */
const PROBE_KEY = 'health-check';

export function secretsProbe(store: SecretStore): HealthProbe {
  return async () => {
    if (store.available) {
      try {
        await store.get(PROBE_KEY);
      } catch (err) {
        return {
          name: 'secrets',
          status: 'degraded',
          message: `The ${store.backend} cannot be read right now: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    }
    if (!store.available) {
      return {
        name: 'secrets',
        status: 'degraded',
        message: `No secure secret store (${store.fallbackReason ?? 'unknown reason'}): database URIs and API keys cannot be saved.`,
      };
    }
    return {
      name: 'secrets',
      status: 'ok',
      message: store.fallbackReason
        ? `Secrets are kept with ${store.backend}; ${store.fallbackReason}.`
        : `Secrets are kept in the ${store.backend}.`,
    };
  };
}
