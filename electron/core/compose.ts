// createCore: composes services, handlers and background work into one dispatchable core.
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch, type Handlers } from './dispatch';
import { createEventBus, type EventBus } from './events';
import type { HealthProbe } from './health';
import type { Ports } from './ports';
import { createAppHandlers } from './services/app/handlers';
import { secretsProbe } from './secrets/probe';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  /** Starts background services (timers, connections). Call once after composition. */
  start(): Promise<void>;
  /** Stops background services; safe to call more than once. */
  stop(): Promise<void>;
}

export function createCore(config: CoreConfig, ports: Ports): Core {
  const events = createEventBus();
  const startedAt = ports.clock.now();
  const probes = new Map<string, HealthProbe>([['secrets', secretsProbe(ports.secrets)]]);

  const handlers: Handlers = {
    ...createAppHandlers({ config, probes, events, startedAt }),
  };

  const dispatch = createDispatch({
    handlers,
    logger: ports.logger,
    clock: ports.clock,
    validateOutput: config.validateOutput,
  });

  let started = false;
  return {
    dispatch,
    events,
    async start() {
      if (started) return;
      started = true;
      ports.logger.log('info', 'Core started', { mode: config.mode, version: config.version });
    },
    async stop() {
      if (!started) return;
      started = false;
      ports.logger.log('info', 'Core stopped');
    },
  };
}
