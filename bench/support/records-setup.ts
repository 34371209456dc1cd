// The server side of the records benchmark (bench/support/server.ts) with 10,000 clients.
import type { Client } from '../../shared/schemas';
import { seedClients } from './records-data';
import { OWNER, startBenchServer, type BenchServer } from './server';

export { OWNER };

export type RecordsServer = BenchServer<Client[]> & { clients: Client[] };

export async function startRecordsServer(rendererDir?: string): Promise<RecordsServer> {
  const server = await startBenchServer({
    name: 'bench_records',
    seed: seedClients,
    ...(rendererDir ? { rendererDir } : {}),
  });
  return { ...server, clients: server.seeded };
}
