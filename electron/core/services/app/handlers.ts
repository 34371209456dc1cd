// app.info and app.health: identity of this copy of the app, and the state of its parts.
import type { Handlers } from '../../dispatch';
import type { EventBus } from '../../events';
import { runProbes, worstStatus, type HealthProbe } from '../../health';
import type { HealthStatus } from '../../../../shared/contract';
import type { CoreConfig } from '../../config';

export interface AppServiceDeps {
  config: CoreConfig;
  probes: ReadonlyMap<string, HealthProbe>;
  events: EventBus;
  startedAt: Date;
}

export function createAppHandlers({
  config,
  probes,
  events,
  startedAt,
}: AppServiceDeps): Pick<Handlers, 'app.info' | 'app.health'> {
  let lastStatus: HealthStatus | null = null;
  return {
    'app.info': () => ({
      name: config.appName,
      version: config.version,
      mode: config.mode,
      platform: config.platform,
      startedAt: startedAt.toISOString(),
    }),
    'app.health': async (ctx) => {
      const checks = await runProbes(probes);
      const status = worstStatus(checks);
      if (lastStatus !== null && status !== lastStatus)
        events.emit('app.healthChanged', { status });
      lastStatus = status;
      const now = ctx.clock.now();
      return {
        status,
        checkedAt: now.toISOString(),
        uptimeSeconds: Math.max(0, (now.getTime() - startedAt.getTime()) / 1000),
        checks,
      };
    },
  };
}
