// This window's board moves waiting for the core's answer. A board.changed event caused by a move
// arrives before that move's answer (the core pushes the change, then finishes the move); reloading
// the day at once would make the core build the whole day while the dispatcher waits on the move.
const inFlight = new Set<Promise<unknown>>();

/** Notes a move until it settles. */
export function trackMove<T>(move: Promise<T>): Promise<T> {
  inFlight.add(move);
  const done = () => void inFlight.delete(move);
  move.then(done, done);
  return move;
}

/** Resolves once every move sent so far has been answered (at once when none is waiting). */
export async function afterMovesSettle(): Promise<void> {
  while (inFlight.size > 0) {
    await Promise.allSettled([...inFlight]);
  }
}
