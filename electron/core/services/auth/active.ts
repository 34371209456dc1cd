// Checks, on each call, that a signed-in user is still active, so deactivation takes effect at once.
import { AuthStore } from '../../db/auth-store';
import type { DatabaseHolder } from '../../db/holder';
import type { Session } from '../../context';
import type { Clock } from '../../ports';

/** How long one answer is trusted: a deactivation reaches every window within this time. */
export const ACTIVE_CHECK_TTL_MS = 5_000;

export function activeUserCheck(database: DatabaseHolder, clock: Clock) {
  const cache = new Map<string, { active: boolean; at: number }>();
  return async (session: Session): Promise<boolean> => {
    if (!database.connected) return true;
    const now = clock.now().getTime();
    const hit = cache.get(session.user_id);
    if (hit && now - hit.at < ACTIVE_CHECK_TTL_MS) return hit.active;
    let active: boolean;
    try {
      const user = await new AuthStore(database.get().db).getUser(session.user_id);
      active = user !== null && user.is_active;
    } catch {
      // Database unreachable: the call itself will say so; the last answer stands meanwhile.
      return hit?.active ?? true;
    }
    cache.set(session.user_id, { active, at: now });
    return active;
  };
}
