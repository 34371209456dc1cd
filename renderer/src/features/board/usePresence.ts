// "Being moved by <name>": tells the other dispatchers which job this one is dragging, and shows
// theirs. Marks expire on their own (the core sets expires_at), so a closed tab leaves none behind.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi, useContractEvent } from '../../api/context';
import { useSession } from '../auth/useSession';

/** Renew a long drag's mark before it expires (the core gives it 15 s). */
const RENEW_MS = 10_000;

export interface Mover {
  user_id: string;
  user_name: string;
  expires: number;
}

export function usePresence() {
  const api = useApi();
  const session = useSession();
  const me = session.data?.session?.user.user_id ?? null;
  const [movers, setMovers] = useState<Record<string, Mover>>({});
  const renew = useRef<ReturnType<typeof setInterval> | null>(null);

  useContractEvent('board.presence', (event) => {
    if (event.user_id === me) return;
    setMovers((current) => {
      const next = Object.fromEntries(
        Object.entries(current).filter(([, m]) => m.user_id !== event.user_id),
      );
      if (event.appointment_id) {
        next[event.appointment_id] = {
          user_id: event.user_id,
          user_name: event.user_name,
          expires: Date.parse(event.expires_at),
        };
      }
      return next;
    });
  });

  // Drop expired marks (a dispatcher whose tab closed mid-drag).
  useEffect(() => {
    const timer = setInterval(() => {
      setMovers((current) => {
        const now = Date.now();
        const kept = Object.entries(current).filter(([, m]) => m.expires > now);
        return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept);
      });
    }, 2_000);
    return () => clearInterval(timer);
  }, []);

  /**
   * Marks the job being dragged, or clears the mark (`null`). `after`: clear only once that
   * settles — a drop's move goes to the core first, and its answer is what the dispatcher waits on.
   */
  const announce = useCallback(
    (appointmentId: string | null, after?: Promise<unknown>) => {
      if (renew.current) clearInterval(renew.current);
      renew.current = null;
      // Best effort: a lost mark only means the other dispatcher is not warned.
      const send = () =>
        void api.board.presence({ appointment_id: appointmentId }).catch(() => undefined);
      if (after) void after.finally(send);
      else send();
      if (appointmentId) {
        renew.current = setInterval(
          () => void api.board.presence({ appointment_id: appointmentId }).catch(() => undefined),
          RENEW_MS,
        );
      }
    },
    [api],
  );
  useEffect(() => () => void (renew.current && clearInterval(renew.current)), []);

  return { movers, announce };
}
