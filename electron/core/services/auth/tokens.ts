// Resume tokens: let a new connection (browser reload, dropped socket) continue a sign-in.
import { randomBytes } from 'node:crypto';
import type { Session } from '../../context';
import type { Clock } from '../../ports';

/** A token unused for this long stops working; using it extends it. */
export const RESUME_IDLE_MS = 12 * 60 * 60_000;

export class ResumeTokens {
  private readonly sessions = new Map<string, { session: Session; lastUsed: number }>();

  constructor(private readonly clock: Clock) {}

  issue(session: Session): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { session, lastUsed: this.clock.now().getTime() });
    return token;
  }

  lookup(token: string): Session | null {
    const entry = this.sessions.get(token);
    const now = this.clock.now().getTime();
    if (!entry || now - entry.lastUsed > RESUME_IDLE_MS) {
      this.sessions.delete(token);
      return null;
    }
    entry.lastUsed = now;
    return entry.session;
  }

  replace(token: string, session: Session): void {
    const entry = this.sessions.get(token);
    if (entry) entry.session = session;
  }

  revoke(token: string): void {
    this.sessions.delete(token);
  }
}
