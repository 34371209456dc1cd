// Starts the real core and web host for tests, on a free port.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Core } from '../../electron/core/compose';
import { silentLogger } from '../../electron/core/logger';
import { startWebHost, type WebHost } from '../../electron/host/server';
import { createTestCore, type TestCoreOptions } from './core';

export interface RunningHost {
  host: WebHost;
  core: Core;
  close(): Promise<void>;
}

/** A core on the run's database server (a fresh database per host) behind a real web host. */
export async function startTestHost(
  rendererDir: string,
  options: TestCoreOptions = {},
): Promise<RunningHost> {
  const databaseName = `host_${randomBytes(4).toString('hex')}`;
  const core = createTestCore({ databaseUri: inject('mongoUri'), databaseName, ...options });
  await core.start();
  const host = await startWebHost({ core, rendererDir, logger: silentLogger, port: 0 });
  return {
    host,
    core,
    async close() {
      await host.close();
      await core.stop();
    },
  };
}
