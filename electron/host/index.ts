// Entry of browser mode (`npm run web`): composes the core under plain Node and serves it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import packageJson from '../../package.json';
import { createCore } from '../core/compose';
import { spawnEmbeddedServer } from '../embedded-db/index';
import { createLogger } from '../core/logger';
import { defaultDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { defaultNodeSecretStore } from '../core/secrets/keytar';
import { parseHostArgs } from './args';
import { startWebHost } from './server';

async function main() {
  const args = parseHostArgs(process.argv.slice(2));
  const dataDir = args.dataDir ?? defaultDataDir();
  mkdirSync(dataDir, { recursive: true });
  const logger = createLogger((line) => process.stderr.write(`${line}\n`), 'info');
  const core = createCore(
    {
      appName: packageJson.productName,
      version: packageJson.version,
      mode: 'browser',
      platform: process.platform,
      validateOutput: process.env.NODE_ENV !== 'production',
      databaseUri: process.env.MONGODB_URI || undefined,
    },
    {
      clock: systemClock,
      logger,
      paths: { dataDir },
      // Browser mode has no OS tray: alerts reach the page as contract events instead.
      notifier: { notify: (note) => logger.log('info', 'Alert', { title: note.title }) },
      secrets: defaultNodeSecretStore(),
      embeddedDatabase: (dbPath) =>
        spawnEmbeddedServer({
          dbPath,
          entry: resolve(import.meta.dirname, '../embedded-db/cli.js'),
        }),
    },
  );
  await core.start();
  const host = await startWebHost({
    core,
    logger,
    port: args.port,
    rendererDir: resolve(import.meta.dirname, '../renderer'),
  });
  process.stdout.write(`ServicePro Dispatch (browser mode) is running at ${host.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Could not start browser mode: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
