// A MongoDB without change streams (a standalone server) still gets a live board: the feed notices
// the refusal and polls for appointments and presence marks changed since its last look.
import type { Db } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { silentLogger } from '../../../electron/core/logger';
import { POLL_INTERVAL_MS, startBoardFeed } from '../../../electron/core/services/board/live';
import { testDb } from '../../support/db';

const { db } = testDb('board_polling');

/** The same database, except that $changeStream is refused the way a standalone mongod refuses it. */
function withoutChangeStreams(real: Db): Db {
  const refusing = {
    next: () =>
      Promise.reject(
        Object.assign(new Error('The $changeStream stage is only supported on replica sets'), {
          code: 40573,
        }),
      ),
    close: () => Promise.resolve(),
  };
  return new Proxy(real, {
    get(target, property) {
      if (property !== 'collection') return Reflect.get(target, property, target) as unknown;
      return (name: string) => {
        const collection = target.collection(name);
        return new Proxy(collection, {
          get(c, p) {
            if (p === 'watch') return () => refusing;
            const value = Reflect.get(c, p, c) as unknown;
            return typeof value === 'function' ? value.bind(c) : value;
          },
        });
      };
    },
  });
}

let stop: (() => Promise<void>) | undefined;
afterAll(async () => stop?.());

describe('live board without change streams', () => {
  it('falls back to polling and still reports changed jobs and presence marks', async () => {
    const events = createEventBus();
    const heard: { name: string; payload: Record<string, unknown> }[] = [];
    events.subscribe((name, payload) => heard.push({ name, payload: payload as never }));
    const feed = startBoardFeed(withoutChangeStreams(db), events, silentLogger, () => new Date());
    stop = () => feed.stop();
    await expect.poll(() => feed.mode, { timeout: 5_000 }).toBe('polling');

    await db.collection('appointments').insertOne({
      appointment_id: 'apt_polled1',
      business_id: 'bus_polled',
      scheduled_date: new Date('2026-04-16T00:00:00Z'),
      updated_at: new Date(),
    });
    await db.collection('board_presence').insertOne({
      _id: 'bus_polled:usr_1' as never,
      business_id: 'bus_polled',
      user_id: 'usr_1',
      user_name: 'Pat Example',
      appointment_id: 'apt_polled1',
      expires_at: new Date(Date.now() + 15_000),
      updated_at: new Date(),
    });
    await expect
      .poll(() => heard.map((h) => h.name).sort(), { timeout: POLL_INTERVAL_MS * 4 })
      .toEqual(['board.changed', 'board.presence']);
    expect(heard.find((h) => h.name === 'board.changed')?.payload).toEqual({
      business_id: 'bus_polled',
      dates: ['2026-04-16'],
      appointment_ids: ['apt_polled1'],
    });
    expect(heard.find((h) => h.name === 'board.presence')?.payload).toMatchObject({
      user_name: 'Pat Example',
      appointment_id: 'apt_polled1',
    });
  });
});
