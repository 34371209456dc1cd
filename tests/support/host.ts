// Starts the real core and web host for tests, on a free port.
import { startWebHost, type WebHost } from '../../electron/host/server';
import type { Core } from '../../electron/core/compose';
import { silentLogger } from '../../electron/core/logger';
import { createTestCore, type TestCoreOptions } from './core';

export interface RunningHost {
  host: WebHost;
  core: Core;
  close(): Promise<void>;
}

export async function startTestHost(
  rendererDir: string,
  options: TestCoreOptions = {},
): Promise<RunningHost> {
  const core = createTestCore(options);
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
