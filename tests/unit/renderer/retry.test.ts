import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/contract/result';
import { QUERY_RETRIES, retryQuery } from '../../../renderer/src/api/retry';

const refused = (kind: ApiError['kind']) => new ApiError({ kind, message: 'No.' });

describe('which failed questions are asked again', () => {
  it('never asks again when the answer cannot change', () => {
    for (const kind of [
      'not_found',
      'forbidden',
      'validation',
      'conflict',
      'unauthenticated',
    ] as const) {
      expect(retryQuery(0, refused(kind))).toBe(false);
    }
  });

  it('asks again, a few times, after a passing fault or a lost connection', () => {
    for (const error of [
      refused('unavailable'),
      refused('rate_limited'),
      refused('internal'),
      new Error('Connection lost'),
    ]) {
      expect(retryQuery(0, error)).toBe(true);
      expect(retryQuery(QUERY_RETRIES - 1, error)).toBe(true);
      expect(retryQuery(QUERY_RETRIES, error)).toBe(false);
    }
  });
});
