import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../../shared/contract';
import { decodeWire } from '../../../shared/contract/wire-bson';
import { createOwner, OWNER_FORM } from '../../support/fixtures';
import { startTestHost, type RunningHost } from '../../support/host';

let running: RunningHost;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ServicePro Dispatch</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), 'export {};');
  running = await startTestHost(dir);
});
afterAll(() => running.close());

const wsUrl = (query: string) => `ws://127.0.0.1:${running.host.port}/api${query}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when it opened. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

async function connect(): Promise<{ ws: WebSocket; next: () => Promise<WireMessage> }> {
  const ws = new WebSocket(wsUrl(`?token=${running.host.token}`), {
    headers: { Origin: running.host.origin },
  });
  const inbox: WireMessage[] = [];
  const waiters: ((m: WireMessage) => void)[] = [];
  ws.on('message', (data) => {
    const message = decodeWire(data.toString()) as WireMessage;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const next = () =>
    new Promise<WireMessage>((resolve) => {
      const queued = inbox.shift();
      if (queued) resolve(queued);
      else waiters.push(resolve);
    });
  return { ws, next };
}

describe('web host', () => {
  it('serves the renderer under a strict Content-Security-Policy', async () => {
    const res = await fetch(`${running.host.origin}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('ServicePro Dispatch');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('lets the browser keep the content-named assets, and asks again for the page itself', async () => {
    const page = await fetch(`${running.host.origin}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${running.host.origin}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${running.host.origin}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('refuses a WebSocket without the token, with a wrong token, or from another site', async () => {
    expect(await upgradeStatus(wsUrl(''))).toBe(401);
    expect(await upgradeStatus(wsUrl('?token=guess'))).toBe(401);
    expect(
      await upgradeStatus(wsUrl(`?token=${running.host.token}`), {
        Origin: 'https://evil.example',
      }),
    ).toBe(403);
    expect(
      await upgradeStatus(`ws://127.0.0.1:${running.host.port}/other?token=${running.host.token}`),
    ).toBe(404);
    expect(
      await upgradeStatus(wsUrl(`?token=${running.host.token}`), { Origin: running.host.origin }),
    ).toBe(101);
  });

  it('round-trips app.health through the WebSocket', async () => {
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ id: 7, channel: 'app.health' }));
    const reply = await next();
    expect(reply).toMatchObject({
      type: 'result',
      id: 7,
      result: { ok: true, value: { status: 'degraded' } },
    });
    ws.close();
  });

  it('answers malformed requests with a validation error and runs nothing', async () => {
    const { ws, next } = await connect();
    ws.send('{not json');
    expect(await next()).toMatchObject({
      type: 'result',
      id: null,
      result: {
        ok: false,
        error: { kind: 'validation', message: expect.stringMatching(/^Malformed request/) },
      },
    });
    ws.send(JSON.stringify({ id: 3, input: {} }));
    expect(await next()).toMatchObject({
      id: 3,
      result: {
        ok: false,
        error: { kind: 'validation', details: [expect.objectContaining({ path: 'channel' })] },
      },
    });
    ws.send(JSON.stringify({ id: 4, channel: 'app.nope' }));
    expect(await next()).toMatchObject({
      id: 4,
      result: { ok: false, error: { kind: 'validation', message: 'Unknown channel "app.nope".' } },
    });
    ws.send(JSON.stringify({ id: 5, channel: 'app.info', input: { mode: 'desktop' } }));
    expect(await next()).toMatchObject({
      id: 5,
      result: { ok: false, error: { kind: 'validation' } },
    });
    ws.send(JSON.stringify({ id: 6, channel: 'app.info' }));
    expect(await next()).toMatchObject({ id: 6, result: { ok: true, value: { mode: 'browser' } } });
    ws.close();
  });

  it('answers the requests sent right behind a sign-in resume as the user it signs in', async () => {
    await createOwner(running.core);
    const { email, password } = OWNER_FORM.owner;
    const first = await connect();
    first.ws.send(JSON.stringify({ id: 1, channel: 'auth.signIn', input: { email, password } }));
    const signedIn = await first.next();
    first.ws.close();
    if (signedIn.type !== 'result' || !signedIn.result.ok) throw new Error('sign-in failed');
    const { resume_token } = signedIn.result.value as { resume_token: string };

    // A new tab opening: its resume and its first questions leave together, none waits for another.
    const { ws, next } = await connect();
    ws.send(JSON.stringify({ id: 1, channel: 'auth.resume', input: { resume_token } }));
    ws.send(JSON.stringify({ id: 2, channel: 'auth.status' }));
    ws.send(JSON.stringify({ id: 3, channel: 'board.day', input: { date: '2026-12-07' } }));
    const replies = new Map<unknown, WireMessage>();
    for (let i = 0; i < 3; i++) {
      const reply = await next();
      if (reply.type === 'result') replies.set(reply.id, reply);
    }
    expect(replies.get(1)).toMatchObject({ result: { ok: true } });
    expect(replies.get(2)).toMatchObject({
      result: { ok: true, value: { session: { user: { email } }, needsSetup: false } },
    });
    expect(replies.get(3)).toMatchObject({
      result: { ok: true, value: { date: '2026-12-07', timezone: 'America/Chicago' } },
    });
    ws.close();
  });

  it("pushes core events to connected pages, keeping one business's events from others", async () => {
    const { ws, next } = await connect();
    // Not signed in to bus_1: its board change must not arrive; the app-wide health change must.
    running.core.events.emit('board.changed', {
      business_id: 'bus_1',
      dates: ['2026-03-08'],
      appointment_ids: ['apt_1'],
    });
    running.core.events.emit('app.healthChanged', { status: 'down' });
    expect(await next()).toEqual({
      type: 'event',
      name: 'app.healthChanged',
      payload: { status: 'down' },
    });
    ws.close();
  });
});
