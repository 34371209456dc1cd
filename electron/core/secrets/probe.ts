// Health probe that says where secrets are kept, and says so plainly when it is a fallback.
import type { HealthProbe } from '../health';
import type { SecretStore } from '../ports';

export function secretsProbe(store: SecretStore): HealthProbe {
  return () => {
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
