import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logger';

describe('logger', () => {
  it('writes one JSON line per record and never a secret-looking field', () => {
    const lines: string[] = [];
    const logger = createLogger(
      (l) => lines.push(l),
      'info',
      () => new Date('2026-01-02T03:04:05Z'),
    );
    logger.log('debug', 'hidden');
    logger.log('info', 'Connected', { mongodb_uri: 'mongodb://u:pw@h', authToken: 'x', crew: 'A' });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      t: '2026-01-02T03:04:05.000Z',
      level: 'info',
      message: 'Connected',
      mongodb_uri: '[redacted]',
      authToken: '[redacted]',
      crew: 'A',
    });
  });
});
