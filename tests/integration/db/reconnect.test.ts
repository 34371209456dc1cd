import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedServer } from '../../../electron/embedded-db/index';
import { connection, createTestCore } from '../../support/core';
import { OWNER_FORM } from '../../support/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'servicepro-reconnect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Health = { status: string; checks: { name: string; status: string; message: string }[] };
const database = (h: Health) => h.checks.find((c) => c.name === 'database');

// Stops and restarts the app's own database server, so it needs the embedded one.
describe.skipIf(!!process.env.MONGODB_URI)('losing the database', () => {
  it('reports the loss plainly, refuses changes meanwhile, and carries on when it is back', async () => {
    let server = await startEmbeddedServer({ dbPath: dir });
    const core = createTestCore({ databaseUri: server.uri, databaseName: 'app' });
    await core.start();
    const tab = connection(core);
    await tab.value('auth.createOwner', OWNER_FORM);
    expect(database(await tab.value<Health>('app.health'))?.status).toBe('ok');

    await server.close();
    const down = await tab.value<Health>('app.health');
    expect(database(down)).toMatchObject({
      status: 'down',
      message: expect.stringContaining('Cannot reach the database'),
    });
    const refused = await tab.call('services.create', {
      data: {
        name: 'Leaf removal',
        vertical: 'lawn_care',
        category: 'maintenance',
        default_duration_minutes: 60,
        default_price: 50,
      },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('nothing was changed') },
    });

    server = await startEmbeddedServer({ dbPath: dir, port: server.port });
    let health = await tab.value<Health>('app.health');
    for (let i = 0; i < 20 && database(health)?.status !== 'ok'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await tab.value<Health>('app.health');
    }
    expect(database(health)?.status).toBe('ok');
    // What was saved before the loss is still there.
    expect(await tab.value('business.get')).toMatchObject({ name: OWNER_FORM.business.name });
    await core.stop();
    await server.close();
  }, 60_000);
});
