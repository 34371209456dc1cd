// Texting in the background: a round every 15 seconds (and at once when a message is queued or the
// computer wakes) sends what is due, asks Twilio for delivery reports and reads replies. Rounds
// never overlap: a request during one runs once after it.
import type { Logger } from '../../ports';
import type { Outbox, RoundResult } from './outbox';

export const DEFAULT_ROUND_MS = 15_000;

export class MessagingWorker {
  private running: Promise<RoundResult> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;

  constructor(
    private readonly outbox: Outbox,
    private readonly logger: Logger,
    private readonly options: { intervalMs?: number; timer?: boolean } = {},
  ) {}

  start(): void {
    this.stopped = false;
    if (this.options.timer === false) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Something was queued, or the computer woke: run a round soon instead of at the next tick. */
  poke(): void {
    if (this.stopped || this.options.timer === false) return;
    this.schedule(50);
  }

  /** What the last round did for one business (zeros before the first). */
  lastResultOf(businessId: string): RoundResult {
    return (
      this.outbox.lastRound.get(businessId) ?? {
        sent: 0,
        failed: 0,
        replies: 0,
        delivery_updates: 0,
        error: null,
      }
    );
  }

  /** One round now (after the one running, if any); its totals. */
  async runNow(): Promise<RoundResult> {
    if (this.running) {
      this.again = true;
      await this.running.catch(() => undefined);
    }
    return this.round();
  }

  private round(): Promise<RoundResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.outbox.runAll().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.round();
      }
    });
    this.running = run;
    return run;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.round()
        .catch((err: unknown) =>
          this.logger.log('error', 'Texting round failed', {
            reason: err instanceof Error ? err.message : String(err),
          }),
        )
        .finally(() => {
          if (!this.stopped && !this.timer)
            this.schedule(this.options.intervalMs ?? DEFAULT_ROUND_MS);
        });
    }, ms);
    this.timer.unref?.();
  }
}
