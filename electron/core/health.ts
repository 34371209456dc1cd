// Health: each part of the app contributes a probe; the worst status wins.
import type { HealthCheck, HealthStatus } from '../../shared/contract';

export type HealthProbe = () => HealthCheck | Promise<HealthCheck>;

const rank: Record<HealthStatus, number> = { ok: 0, degraded: 1, down: 2 };

export function worstStatus(checks: readonly HealthCheck[]): HealthStatus {
  return checks.reduce<HealthStatus>(
    (worst, c) => (rank[c.status] > rank[worst] ? c.status : worst),
    'ok',
  );
}

/** Runs every probe; a probe that throws reports itself as down instead of failing the whole check. */
export async function runProbes(probes: ReadonlyMap<string, HealthProbe>): Promise<HealthCheck[]> {
  const checks = await Promise.all(
    [...probes].map(async ([name, probe]): Promise<HealthCheck> => {
      try {
        return await probe();
      } catch (err) {
        return {
          name,
          status: 'down',
          message: `Health check failed: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
    }),
  );
  return checks.sort((a, b) => rank[b.status] - rank[a.status] || a.name.localeCompare(b.name));
}
