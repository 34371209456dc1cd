// The server side of the board benchmark (bench/support/server.ts) with the benchmark's day of
// 600 jobs in 50 lanes.
import { benchDay, seedBoardDay, type SeededDay } from './board-data';
import { BENCH_TIMEZONE, OWNER, startBenchServer, type BenchServer } from './server';

export { OWNER };

export type BoardServer = BenchServer<SeededDay>;

/** `rendererDir`: another build of the renderer, e.g. an unminified one for profiling. */
export function startBoardServer(rendererDir?: string): Promise<BoardServer> {
  return startBenchServer({
    name: 'bench_board',
    seed: (db) => seedBoardDay(db, benchDay(BENCH_TIMEZONE)),
    ...(rendererDir ? { rendererDir } : {}),
  });
}
