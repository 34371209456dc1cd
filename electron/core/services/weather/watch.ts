// The weather watch in the background: a sweep of every business with `weather_enabled` at start-up,
// every 30 minutes and on wake from sleep. Sweeps never overlap (a request during one runs once
// after it); one business's failure is recorded for it and the others go on. New risks raise one
// alert per business and sweep — never twice for the same job and condition.
import type { Db } from 'mongodb';
import { businessSchema, type Business } from '../../../../shared/schemas';
import { localDateOf, addDays, type DateKey } from '../../../../shared/time';
import type { EventBus } from '../../events';
import type { Clock, Logger, Notifier, SecretStore } from '../../ports';
import { createWeatherProvider } from '../../weather/providers';
import {
  WEATHER_PROVIDER_NAMES,
  type WeatherProvider,
  type WeatherProviderId,
} from '../../weather/types';
import { shortDate } from '../scheduling/format';
import { ForecastSource, type ChosenProvider, type SweepMemo } from './forecasts';
import { sweepBusiness, type BusinessSweep, type ConditionKind, type NewRisk } from './sweep';

export const DEFAULT_SWEEP_INTERVAL_MS = 30 * 60_000;

export interface WeatherWatchOptions {
  /** Provider base URLs (a test double); each provider's public API otherwise. */
  baseUrls?: Partial<Record<WeatherProviderId, string>>;
  timeoutMs?: number;
  intervalMs?: number;
  /** Run sweeps on a timer (off in tests that sweep by hand). */
  timer?: boolean;
}

export interface WeatherWatchDeps {
  db: () => Db | null;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  notifier: Notifier;
  secrets: SecretStore;
}

export interface BusinessWatchState {
  last_sweep_at: Date | null;
  last_error: string | null;
}

export interface SweepTotals {
  businesses: number;
  checked: number;
  at_risk: number;
  proposals: number;
  provider_calls: number;
  distinct_cells_days: number;
  alerts: number;
}

/** The keychain entry of a keyed provider's API key for one business. */
export const weatherKeyName = (provider: WeatherProviderId, businessId: string) =>
  `weather.${provider}.api_key.${businessId}`;

const CONDITION_WORDS: Record<ConditionKind, string> = {
  rain: 'rain',
  wind: 'high wind',
  heat: 'heat',
  cold: 'freezing cold',
};

/** "3 jobs tomorrow at risk of rain — review" (or "on Fri, Jun 12", or "in the next 48 hours"). */
export function alertText(
  risks: readonly NewRisk[],
  today: DateKey,
  windowHours: number,
): { title: string; body: string } {
  const dates = [...new Set(risks.map((r) => r.date))];
  const when =
    dates.length > 1
      ? `in the next ${windowHours} hours`
      : dates[0] === today
        ? 'today'
        : dates[0] === addDays(today, 1)
          ? 'tomorrow'
          : `on ${shortDate(dates[0] as DateKey)}`;
  const kinds = (['rain', 'wind', 'heat', 'cold'] as const).filter((k) =>
    risks.some((r) => r.conditions.includes(k)),
  );
  const words = kinds.map((k) => CONDITION_WORDS[k]);
  const what =
    words.length <= 1
      ? (words[0] ?? 'bad weather')
      : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  const n = risks.length;
  return {
    title: 'Weather risk',
    body: `${n} ${n === 1 ? 'job' : 'jobs'} ${when} at risk of ${what} — review`,
  };
}

export class WeatherWatch {
  private sourceFor: ForecastSource | null = null;
  private sourceDb: Db | null = null;
  private readonly state = new Map<string, BusinessWatchState>();
  private readonly providers = new Map<string, WeatherProvider>();
  private running: Promise<SweepTotals> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private nextAt: Date | null = null;
  private stopped = false;

  constructor(
    private readonly deps: WeatherWatchDeps,
    private readonly options: WeatherWatchOptions = {},
  ) {}

  /** Starts the timer: a sweep now, then every interval. */
  start(): void {
    this.stopped = false;
    if (this.options.timer === false) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextAt = null;
    await this.running?.catch(() => undefined);
  }

  /** The computer woke from sleep: the forecast may have moved on, so sweep now. */
  wake(): void {
    if (this.stopped || this.options.timer === false) return;
    this.schedule(0);
  }

  nextSweepAt(): Date | null {
    return this.nextAt;
  }

  stateOf(businessId: string): BusinessWatchState {
    return this.state.get(businessId) ?? { last_sweep_at: null, last_error: null };
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    const interval = this.options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    this.nextAt = new Date(this.deps.clock.now().getTime() + ms);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sweepAll()
        .catch((err: unknown) =>
          this.deps.logger.log('error', 'Weather sweep failed', {
            reason: err instanceof Error ? err.message : String(err),
          }),
        )
        .finally(() => {
          if (!this.stopped) this.schedule(interval);
        });
    }, ms);
    this.timer.unref?.();
  }

  private forecasts(db: Db): ForecastSource {
    if (!this.sourceFor || this.sourceDb !== db) {
      this.sourceFor = new ForecastSource(db, () => this.deps.clock.now(), this.deps.logger);
      this.sourceDb = db;
    }
    return this.sourceFor;
  }

  /** Provider calls made since start (the benchmark's figure). */
  providerCalls(): number {
    return this.sourceFor?.calls ?? 0;
  }

  /** The provider a business's forecasts come from: its choice, or Open-Meteo when a key is missing. */
  async providerFor(business: Business): Promise<ChosenProvider> {
    const wanted = business.config.weather_api_provider;
    const make = (id: WeatherProviderId, apiKey?: string): WeatherProvider => {
      const cacheKey = `${id}|${apiKey ?? ''}`;
      let provider = this.providers.get(cacheKey);
      if (!provider) {
        provider = createWeatherProvider(id, {
          clock: this.deps.clock,
          ...(apiKey ? { apiKey } : {}),
          ...(this.options.baseUrls?.[id] ? { baseUrl: this.options.baseUrls[id] } : {}),
          ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
        });
        this.providers.set(cacheKey, provider);
      }
      return provider;
    };
    if (wanted === 'open_meteo')
      return { id: wanted, provider: make(wanted), fallbackReason: null };
    const key = await this.deps.secrets
      .get(weatherKeyName(wanted, business.business_id))
      .catch(() => null);
    if (!key) {
      return {
        id: 'open_meteo',
        provider: make('open_meteo'),
        fallbackReason: `No ${WEATHER_PROVIDER_NAMES[wanted]} API key is saved on this computer, so forecasts come from Open-Meteo (no key needed). Add the key in Settings → Weather.`,
      };
    }
    return { id: wanted, provider: make(wanted, key), fallbackReason: null };
  }

  /**
   * Sweeps every business with the watch on. A sweep asked for while one runs waits for it and
   * then runs once more (never two at a time).
   */
  async sweepAll(): Promise<SweepTotals> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<SweepTotals> => {
      let totals: SweepTotals;
      do {
        this.again = false;
        totals = await this.sweepOnce(null);
      } while (this.again && !this.stopped);
      return totals;
    };
    this.running = run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sweeps one business now (Check now), in turn with any sweep running. */
  async sweepBusinessNow(businessId: string): Promise<BusinessSweep | null> {
    while (this.running) await this.running.catch(() => undefined);
    let result: BusinessSweep | null = null;
    this.running = this.sweepOnce(businessId, (r) => (result = r)).finally(() => {
      this.running = null;
    });
    await this.running;
    return result;
  }

  private async sweepOnce(
    onlyBusiness: string | null,
    onResult?: (r: BusinessSweep) => void,
  ): Promise<SweepTotals> {
    const db = this.deps.db();
    const totals: SweepTotals = {
      businesses: 0,
      checked: 0,
      at_risk: 0,
      proposals: 0,
      provider_calls: 0,
      distinct_cells_days: 0,
      alerts: 0,
    };
    if (!db) return totals;
    const source = this.forecasts(db);
    const memo: SweepMemo = new Map();
    const cellDays = new Set<string>();
    const docs = await db
      .collection('businesses')
      .find({
        deleted_at: null,
        ...(onlyBusiness ? { business_id: onlyBusiness } : { 'config.weather_enabled': true }),
      })
      .toArray();
    for (const doc of docs) {
      const parsed = businessSchema.safeParse(doc);
      const businessId = String(doc.business_id);
      if (!parsed.success) {
        this.state.set(businessId, {
          last_sweep_at: this.deps.clock.now(),
          last_error: 'The business settings could not be read, so its jobs were not checked.',
        });
        continue;
      }
      const business = parsed.data;
      try {
        const chosen = await this.providerFor(business);
        const result = await sweepBusiness(
          { db, now: () => this.deps.clock.now(), source },
          business,
          chosen,
          memo,
        );
        onResult?.(result);
        totals.businesses++;
        totals.checked += result.checked;
        totals.at_risk += result.at_risk;
        totals.proposals += result.proposals;
        totals.provider_calls += result.provider_calls;
        for (const cd of result.cell_days) cellDays.add(cd);
        this.state.set(businessId, {
          last_sweep_at: this.deps.clock.now(),
          last_error: result.error,
        });
        if (result.newRisks.length) {
          totals.alerts++;
          this.alert(business, result.newRisks);
        }
      } catch (err) {
        // One business's trouble (bad data, a database hiccup) never stops the others.
        const reason = err instanceof Error ? err.message : String(err);
        this.state.set(businessId, { last_sweep_at: this.deps.clock.now(), last_error: reason });
        this.deps.logger.log('error', 'Weather sweep of a business failed', {
          business_id: businessId,
          reason,
        });
      }
    }
    totals.distinct_cells_days = cellDays.size;
    return totals;
  }

  private alert(business: Business, risks: NewRisk[]): void {
    const today = localDateOf(this.deps.clock.now(), business.timezone);
    const { title, body } = alertText(risks, today, business.config.reschedule_window_hours);
    const appointment_ids = risks.map((r) => r.appointment_id);
    this.deps.events.emit('weather.alert', {
      business_id: business.business_id,
      title,
      body,
      appointment_ids,
    });
    this.deps.notifier.notify({ title, body, route: '/weather' });
  }
}
