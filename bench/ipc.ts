// `npm run bench:ipc`: cost of one contract call, in process and through the web host's WebSocket.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createCore } from '../electron/core/compose';
import { silentLogger } from '../electron/core/logger';
import { systemClock } from '../electron/core/ports';
import { defaultNodeSecretStore } from '../electron/core/secrets/keytar';
import { startWebHost } from '../electron/host/server';
import { percentile, report } from './stats';

const CALLS = 5_000;

const core = createCore(
  {
    appName: 'bench',
    version: '0',
    mode: 'browser',
    platform: process.platform,
    validateOutput: false,
  },
  {
    clock: systemClock,
    logger: silentLogger,
    paths: { dataDir: tmpdir() },
    notifier: { notify: () => undefined },
    secrets: defaultNodeSecretStore(),
    embeddedDatabase: () => Promise.reject(new Error('this benchmark needs no database')),
  },
);
const call = { session: null, origin: 'test' as const };

const inProcess: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const t = performance.now();
  await core.dispatch(call, 'app.info', {});
  inProcess.push(performance.now() - t);
}
inProcess.sort((a, b) => a - b);

const rendererDir = mkdtempSync(join(tmpdir(), 'sp-bench-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
const host = await startWebHost({ core, rendererDir, logger: silentLogger, port: 0 });
const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
await new Promise((resolve) => ws.once('open', resolve));

const overSocket: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const t = performance.now();
  await new Promise<void>((resolve) => {
    ws.once('message', () => resolve());
    ws.send(JSON.stringify({ id: i, channel: 'app.info', input: {} }));
  });
  overSocket.push(performance.now() - t);
}
overSocket.sort((a, b) => a - b);
ws.close();
await host.close();

report('dispatch_p50_us', percentile(inProcess, 50) * 1000, 'us');
report('dispatch_p99_us', percentile(inProcess, 99) * 1000, 'us');
report('ws_roundtrip_p50_ms', percentile(overSocket, 50), 'ms');
report('ws_roundtrip_p99_ms', percentile(overSocket, 99), 'ms');
