// Vitest global setup: one embedded database server per run (unless MONGODB_URI points elsewhere).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../electron/embedded-db/index';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('mongoUri', external);
    return async () => undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'servicepro-db-'));
  const server = await startEmbeddedServer({ dbPath: dir });
  project.provide('mongoUri', server.uri);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
