// Command-line entry: starts the embedded server, prints its URI once, stops cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startEmbeddedServer } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      host: { type: 'string', default: '127.0.0.1' },
      dbpath: { type: 'string' },
      noauth: { type: 'boolean', default: false },
      'exit-with-parent': { type: 'boolean', default: false },
      'ttl-interval-ms': { type: 'string' },
    },
  });
  if (!values.dbpath) {
    console.error('usage: embedded-db --dbpath <dir> [--port <p>] [--host <h>] [--noauth]');
    process.exit(2);
  }
  const server = await startEmbeddedServer({
    dbPath: values.dbpath,
    port: Number(values.port),
    host: values.host,
    auth: !values.noauth,
    ttlIntervalMs: values['ttl-interval-ms'] ? Number(values['ttl-interval-ms']) : undefined,
  });
  process.stdout.write(`${server.uri}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (values['exit-with-parent']) {
    // A parent that crashed or was killed can't send SIGTERM; its end of our stdin closing tells us.
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
