// The embedded server's change log: a getMore reads the events after its cursor, found by their
// consecutive sequence numbers — including once the oldest events have been trimmed away — and a
// stream never sees an event twice or skips one. A waiting stream hears of a write once the write
// is on disk, after its writer's answer.
import { describe, expect, it } from 'vitest';
import { ChangeStreamHub } from '../../../electron/embedded-db/changestreams';
import type { ChangeCursorState } from '../../../electron/embedded-db/cursors';
import type { ChangeEvent, Engine } from '../../../electron/embedded-db/engine';

/**
 * A hub fed by hand: `write(n)` records an insert of document n into app.jobs (or `coll`). Writes
 * are durable at once unless `onDisk` is given: then when the promise it returns settles.
 */
function hub(capacity: number, onDisk: () => Promise<void> = () => Promise.resolve()) {
  let record: (event: ChangeEvent) => void = () => undefined;
  const engine = {
    onChange: (listener: (event: ChangeEvent) => void) => {
      record = listener;
      return () => undefined;
    },
    durable: onDisk,
  } as unknown as Engine;
  const changes = new ChangeStreamHub(engine, capacity);
  const write = (n: number, coll = 'jobs') =>
    record({
      operationType: 'insert',
      db: 'app',
      coll,
      documentKey: { _id: n },
      fullDocument: { _id: n },
    });
  return { changes, write };
}

const cursor = (afterSeq: number, coll: string | null = 'jobs'): ChangeCursorState => ({
  db: 'app',
  coll,
  pipeline: [],
  afterSeq,
  fullDocument: 'default',
});

const ids = (docs: Array<{ documentKey?: unknown }>) =>
  docs.map((d) => (d.documentKey as { _id: number })._id);

describe('change log', () => {
  it('gives a cursor the events after it, once each, as writes come', () => {
    const { changes, write } = hub(100);
    for (let n = 1; n <= 10; n++) write(n);
    const state = cursor(changes.latest);
    expect(changes.collect(state, () => null)).toEqual([]);
    write(11);
    write(12, 'clients');
    write(13);
    expect(ids(changes.collect(state, () => null))).toEqual([11, 13]);
    expect(state.afterSeq).toBe(changes.latest);
    expect(changes.collect(state, () => null)).toEqual([]);
  });

  it('starts a cursor from the middle of the log on the next event', () => {
    const { changes, write } = hub(100);
    for (let n = 1; n <= 50; n++) write(n);
    expect(ids(changes.collect(cursor(47), () => null))).toEqual([48, 49, 50]);
    expect(ids(changes.collect(cursor(0, null), () => null))).toHaveLength(50);
  });

  it('finds the next events once the oldest were trimmed away', () => {
    const { changes, write } = hub(5);
    // Over twice the capacity: the log keeps the newest 5, then grows again.
    for (let n = 1; n <= 14; n++) write(n);
    expect(ids(changes.collect(cursor(12), () => null))).toEqual([13, 14]);
    // A cursor older than the oldest event kept reads from the oldest one kept.
    const behind = ids(changes.collect(cursor(2), () => null));
    expect(behind[0]).toBeGreaterThan(3);
    expect(behind.at(-1)).toBe(14);
    expect(behind).toEqual([...behind].sort((a, b) => a - b));
  });

  it('wakes a waiting stream once the write is on disk, not before', async () => {
    let onDisk: () => void = () => undefined;
    const { changes, write } = hub(100, () => new Promise<void>((resolve) => (onDisk = resolve)));
    let woken = false;
    const waiting = changes.wait(5_000).then(() => (woken = true));
    write(1);
    write(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBe(false);
    onDisk();
    await waiting;
    expect(ids(changes.collect(cursor(0), () => null))).toEqual([1, 2]);
  });
});
