import { describe, expect, inject, it } from 'vitest';
import { createDispatch, type Handlers } from '../../../electron/core/dispatch';
import { ConflictError } from '../../../electron/core/errors';
import { createTestCore, recordingLogger } from '../../support/core';

const call = { session: null, origin: 'test' as const };
const clock = { now: () => new Date('2026-03-08T12:00:00Z') };

function dispatchWith(overrides: Partial<Handlers>, validateOutput = true) {
  const { logger, records } = recordingLogger();
  const base: Partial<Handlers> = {
    'app.info': () => ({
      name: 'x',
      version: '1',
      mode: 'browser',
      platform: 'linux',
      startedAt: clock.now().toISOString(),
    }),
    'app.health': () => ({
      status: 'ok',
      checkedAt: clock.now().toISOString(),
      uptimeSeconds: 1,
      checks: [],
    }),
  };
  return {
    dispatch: createDispatch({
      handlers: { ...base, ...overrides } as Handlers,
      logger,
      clock,
      validateOutput,
    }),
    records,
  };
}

describe('dispatch', () => {
  it('answers a known channel with an ok result', async () => {
    const { dispatch } = dispatchWith({});
    const result = await dispatch(call, 'app.info', {});
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'x', mode: 'browser' }),
    });
  });

  it('refuses an unknown channel as a validation error without running anything', async () => {
    const { dispatch } = dispatchWith({});
    const result = await dispatch(call, 'app.deleteEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { kind: 'validation', message: 'Unknown channel "app.deleteEverything".' },
    });
  });

  it('refuses a channel name that is not a string', async () => {
    const { dispatch } = dispatchWith({});
    const result = await dispatch(call, { toString: () => 'app.info' }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('validation');
  });

  it('refuses input that breaks the schema, naming the field, before the handler runs', async () => {
    let ran = false;
    const { dispatch } = dispatchWith({
      'app.info': () => {
        ran = true;
        throw new Error('must not run');
      },
    });
    const result = await dispatch(call, 'app.info', { surprise: 1 });
    expect(ran).toBe(false);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('validation');
    expect(result.error.message).toMatch(/^Invalid input for app\.info — /);
    expect(result.error.details).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/surprise/) }),
    ]);
  });

  it('passes an expected failure through as its typed value', async () => {
    const { dispatch } = dispatchWith({
      'app.info': () => {
        throw new ConflictError('Someone else moved this job first.', { current_version: 4 });
      },
    });
    expect(await dispatch(call, 'app.info', undefined)).toEqual({
      ok: false,
      error: {
        kind: 'conflict',
        message: 'Someone else moved this job first.',
        details: { current_version: 4 },
      },
    });
  });

  it('turns a bug into an internal error with an id, logging the stack but never sending it', async () => {
    const { dispatch, records } = dispatchWith({
      'app.info': () => {
        throw new TypeError('cannot read properties of undefined (reading "crew")');
      },
    });
    const result = await dispatch(call, 'app.info', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('internal');
    expect(result.error.id).toMatch(/^[\w-]{10}$/);
    expect(result.error.message).toContain(result.error.id);
    expect(JSON.stringify(result)).not.toContain('crew');
    const logged = records.find((r) => r.fields.id === result.error.id);
    expect(logged?.level).toBe('error');
    expect(String(logged?.fields.stack)).toContain('TypeError');
  });

  it('catches a handler whose output breaks the contract when output validation is on', async () => {
    const broken = () =>
      ({ status: 'fine', checkedAt: 'yesterday', uptimeSeconds: -1, checks: [] }) as never;
    const strict = dispatchWith({ 'app.health': broken }, true);
    const strictResult = await strict.dispatch(call, 'app.health', {});
    expect(strictResult.ok).toBe(false);
    if (!strictResult.ok) expect(strictResult.error.kind).toBe('internal');
    const lax = dispatchWith({ 'app.health': broken }, false);
    expect((await lax.dispatch(call, 'app.health', {})).ok).toBe(true);
  });
});

describe('access and permissions', () => {
  const switchBusiness = () => ({}) as never;
  const staff = { user_id: 'usr_1', business_id: 'bus_1', role: 'staff' as const, name: 'Dana' };

  it('asks for sign-in before a session channel runs', async () => {
    let ran = false;
    const { dispatch } = dispatchWith({
      'auth.switchBusiness': () => ((ran = true), switchBusiness()),
    });
    expect(await dispatch(call, 'auth.switchBusiness', { business_id: 'bus_2' })).toEqual({
      ok: false,
      error: { kind: 'unauthenticated', message: 'Please sign in first.' },
    });
    expect(ran).toBe(false);
  });

  it('refuses a role the permission table does not allow, naming the role, before the handler runs', async () => {
    let ran = false;
    const { dispatch } = dispatchWith({
      'auth.switchBusiness': () => ((ran = true), switchBusiness()),
    });
    const result = await dispatch({ ...call, session: staff }, 'auth.switchBusiness', {
      business_id: 'bus_2',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'forbidden',
        message: expect.stringContaining('Your role (staff) does not allow this'),
        details: { permission: 'business.switch' },
      },
    });
    expect(ran).toBe(false);
  });
});

describe('the composed core', () => {
  it('reports its identity and a health check for where secrets are kept', async () => {
    const core = createTestCore();
    const info = await core.dispatch(call, 'app.info', {});
    expect(info).toEqual({
      ok: true,
      value: expect.objectContaining({ name: 'ServicePro Dispatch', version: '0.0.0-test' }),
    });
    const health = await core.dispatch(call, 'app.health', undefined);
    expect(health.ok).toBe(true);
    if (!health.ok) return;
    const value = health.value as {
      status: string;
      checks: { name: string; status: string; message: string }[];
    };
    // Not started, so the database is not open yet; the keychain is absent in tests.
    expect(value.status).toBe('down');
    expect(value.checks).toEqual([
      { name: 'database', status: 'down', message: 'The database is starting…' },
      expect.objectContaining({
        name: 'secrets',
        status: 'degraded',
        message: expect.stringContaining('keytar is not loaded'),
      }),
    ]);
  });

  it('pushes an app.healthChanged event when overall health changes', async () => {
    let available = false;
    const core = createTestCore({
      databaseUri: inject('mongoUri'),
      databaseName: 'health_changed',
      secrets: {
        backend: 'test store',
        get available() {
          return available;
        },
        get: async () => null,
        set: async () => undefined,
        delete: async () => undefined,
      },
    });
    await core.start();
    const seen: unknown[] = [];
    core.events.subscribe((name, payload) => seen.push({ name, payload }));
    await core.dispatch(call, 'app.health', {});
    expect(seen).toEqual([]);
    available = true;
    await core.dispatch(call, 'app.health', {});
    await core.stop();
    expect(seen).toEqual([{ name: 'app.healthChanged', payload: { status: 'ok' } }]);
  });
});
