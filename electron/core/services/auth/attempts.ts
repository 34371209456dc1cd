// Limits sign-in attempts: after repeated failures an account (and a connection) waits, longer each time.
import type { Clock } from '../../ports';

export interface AttemptPolicy {
  /** Failures allowed within the window before a lock-out. */
  maxFailures: number;
  windowMs: number;
  /** First lock-out; each further one doubles, up to maxLockMs. */
  lockMs: number;
  maxLockMs: number;
}

export const DEFAULT_ATTEMPT_POLICY: AttemptPolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 60_000,
  maxLockMs: 30 * 60_000,
};

interface State {
  failures: number[];
  lockedUntil: number;
  lockouts: number;
}

export class AttemptLimiter {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: AttemptPolicy = DEFAULT_ATTEMPT_POLICY,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfterMs(key: string): number {
    const state = this.states.get(key);
    if (!state) return 0;
    return Math.max(0, state.lockedUntil - this.clock.now().getTime());
  }

  recordFailure(key: string): void {
    const now = this.clock.now().getTime();
    const state = this.states.get(key) ?? { failures: [], lockedUntil: 0, lockouts: 0 };
    state.failures = state.failures.filter((t) => now - t < this.policy.windowMs);
    state.failures.push(now);
    if (state.failures.length >= this.policy.maxFailures) {
      const lock = Math.min(this.policy.lockMs * 2 ** state.lockouts, this.policy.maxLockMs);
      state.lockedUntil = now + lock;
      state.lockouts += 1;
      state.failures = [];
    }
    this.states.set(key, state);
  }

  recordSuccess(key: string): void {
    this.states.delete(key);
  }
}
