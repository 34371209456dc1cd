// The weather watch's timing: a sweep at start-up, every interval and on wake from sleep; sweeps
// never overlap (one asked for meanwhile runs once afterwards); nothing runs after stop.
import type { Db } from 'mongodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../../electron/core/events';
import { silentLogger } from '../../../electron/core/logger';
import { unavailableSecretStore } from '../../../electron/core/secrets/keytar';
import { WeatherWatch, alertText } from '../../../electron/core/services/weather/watch';

const INTERVAL = 30 * 60_000;

/** A database whose business list takes `ms` to read, counting reads and how many overlap. */
function slowDb(ms: number) {
  const stats = { sweeps: 0, running: 0, maxRunning: 0 };
  const db = {
    collection: () => ({
      find: () => ({
        toArray: async () => {
          stats.sweeps++;
          stats.running++;
          stats.maxRunning = Math.max(stats.maxRunning, stats.running);
          await new Promise((resolve) => setTimeout(resolve, ms));
          stats.running--;
          return [];
        },
      }),
    }),
  } as unknown as Db;
  return { db, stats };
}

function watchOn(db: Db) {
  return new WeatherWatch(
    {
      db: () => db,
      clock: { now: () => new Date() },
      logger: silentLogger,
      events: createEventBus(),
      notifier: { notify: () => undefined },
      secrets: unavailableSecretStore('not in tests'),
    },
    { intervalMs: INTERVAL },
  );
}

describe('the weather watch', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('sweeps at start-up, then every interval, and at once on wake', async () => {
    const { db, stats } = slowDb(10);
    const watch = watchOn(db);
    watch.start();
    await vi.advanceTimersByTimeAsync(20);
    expect(stats.sweeps).toBe(1);
    expect(watch.nextSweepAt()?.getTime()).toBeGreaterThan(Date.now() + INTERVAL - 1_000);

    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(stats.sweeps).toBe(2);

    watch.wake();
    await vi.advanceTimersByTimeAsync(20);
    expect(stats.sweeps).toBe(3);
    // Waking restarts the interval from that sweep.
    await vi.advanceTimersByTimeAsync(INTERVAL - 1_000);
    expect(stats.sweeps).toBe(3);

    await watch.stop();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(stats.sweeps).toBe(3);
  });

  it('never runs two sweeps at once: one asked for meanwhile runs once, after', async () => {
    const { db, stats } = slowDb(5_000);
    const watch = watchOn(db);
    const first = watch.sweepAll();
    const second = watch.sweepAll();
    const third = watch.sweepAll();
    await vi.advanceTimersByTimeAsync(12_000);
    await Promise.all([first, second, third]);
    expect(stats.maxRunning).toBe(1);
    expect(stats.sweeps).toBe(2);
  });
});

describe('the alert text', () => {
  const risk = (date: string, ...conditions: ('rain' | 'wind' | 'heat' | 'cold')[]) => ({
    appointment_id: `apt_${date}_${conditions.join('')}`,
    date,
    conditions,
  });

  it('says how many jobs, when and what', () => {
    expect(alertText([risk('2026-06-12', 'rain')], '2026-06-11', 48).body).toBe(
      '1 job tomorrow at risk of rain — review',
    );
    expect(
      alertText([risk('2026-06-11', 'rain'), risk('2026-06-11', 'wind')], '2026-06-11', 48).body,
    ).toBe('2 jobs today at risk of rain and high wind — review');
    expect(alertText([risk('2026-06-13', 'heat')], '2026-06-11', 72).body).toBe(
      '1 job on Sat, Jun 13 at risk of heat — review',
    );
    expect(
      alertText([risk('2026-06-12', 'cold'), risk('2026-06-13', 'rain')], '2026-06-11', 72).body,
    ).toBe('2 jobs in the next 72 hours at risk of rain and freezing cold — review');
  });
});
