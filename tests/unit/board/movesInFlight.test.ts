import { describe, expect, it } from 'vitest';
import { afterMovesSettle, trackMove } from '../../../renderer/src/features/board/movesInFlight';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('moves in flight', () => {
  it('lets the day reload at once when no move is waiting', async () => {
    await expect(afterMovesSettle()).resolves.toBeUndefined();
  });

  it('holds the day reload until every move sent so far is answered, refused ones included', async () => {
    const first = deferred();
    const second = deferred();
    void trackMove(first.promise);
    const refused = trackMove(second.promise).catch(() => 'refused');
    let reloaded = false;
    const reload = afterMovesSettle().then(() => {
      reloaded = true;
    });
    first.resolve();
    await first.promise;
    await Promise.resolve();
    expect(reloaded).toBe(false);
    second.reject(new Error('clash'));
    await expect(refused).resolves.toBe('refused');
    await reload;
    expect(reloaded).toBe(true);
  });

  it('also waits for a move sent while it was waiting', async () => {
    const first = deferred();
    const later = deferred();
    void trackMove(first.promise);
    let reloaded = false;
    const reload = afterMovesSettle().then(() => {
      reloaded = true;
    });
    void trackMove(later.promise);
    first.resolve();
    await first.promise;
    await new Promise((r) => setTimeout(r, 0));
    expect(reloaded).toBe(false);
    later.resolve();
    await reload;
    expect(reloaded).toBe(true);
  });
});
