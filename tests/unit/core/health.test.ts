import { describe, expect, it } from 'vitest';
import { runProbes, worstStatus } from '../../../electron/core/health';

describe('health', () => {
  it('takes the worst status of all checks', () => {
    expect(worstStatus([])).toBe('ok');
    expect(
      worstStatus([
        { name: 'a', status: 'ok', message: '' },
        { name: 'b', status: 'degraded', message: '' },
      ]),
    ).toBe('degraded');
    expect(
      worstStatus([
        { name: 'a', status: 'down', message: '' },
        { name: 'b', status: 'degraded', message: '' },
      ]),
    ).toBe('down');
  });

  it('reports a probe that throws as down, worst first, instead of failing the whole check', async () => {
    const checks = await runProbes(
      new Map([
        ['secrets', () => ({ name: 'secrets', status: 'ok' as const, message: 'fine' })],
        [
          'database',
          () => {
            throw new Error('connection refused');
          },
        ],
      ]),
    );
    expect(checks).toEqual([
      { name: 'database', status: 'down', message: 'Health check failed: connection refused' },
      { name: 'secrets', status: 'ok', message: 'fine' },
    ]);
  });
});
