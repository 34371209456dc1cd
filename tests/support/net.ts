// Network helpers for tests: a port on 127.0.0.1 with nothing listening, for "unreachable" cases.
import { createServer } from 'node:net';

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
