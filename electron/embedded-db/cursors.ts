// Server-side cursors: batches for getMore, explicit kill, and a timeout for abandoned ones.
import { BSON, type Document, Long } from 'bson';
import { CommandError } from './errors';

const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export interface ChangeCursorState {
  db: string;
  coll: string | null;
  pipeline: Document[];
  /** Sequence number of the last event already examined. */
  afterSeq: number;
  fullDocument: string;
  /** Set once the watched collection/database was dropped or renamed; the cursor then closes. */
  invalidated?: boolean;
}

export interface Cursor {
  id: Long;
  ns: string;
  docs: Document[];
  pos: number;
  lastUsed: number;
  change?: ChangeCursorState;
}

export class CursorManager {
  private readonly cursors = new Map<string, Cursor>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs = 10 * 60 * 1000) {
    this.timer = setInterval(() => this.expire(), Math.min(60_000, timeoutMs)).unref();
  }

  /** Takes up to `batchSize` documents (and at most ~16 MB). */
  static take(c: { docs: Document[]; pos: number }, batchSize: number | undefined): Document[] {
    const out: Document[] = [];
    let bytes = 0;
    while (
      c.pos < c.docs.length &&
      (batchSize === undefined || batchSize <= 0 || out.length < batchSize)
    ) {
      const d = c.docs[c.pos] as Document;
      bytes += BSON.calculateObjectSize(d);
      if (out.length > 0 && bytes > MAX_BATCH_BYTES) break;
      out.push(d);
      c.pos++;
    }
    return out;
  }

  /** Builds a find/aggregate reply, registering a cursor when documents remain. */
  open(ns: string, docs: Document[], batchSize: number | undefined, single = false): Document {
    const state = { docs, pos: 0 };
    const firstBatch = CursorManager.take(state, batchSize ?? 101);
    let id = Long.ZERO;
    if (!single && state.pos < docs.length) {
      id = this.register({ ns, docs, pos: state.pos });
    }
    return { cursor: { firstBatch, id, ns }, ok: 1 };
  }

  register(c: Omit<Cursor, 'id' | 'lastUsed'>): Long {
    let id: Long;
    do id = Long.fromBits((Math.random() * 2 ** 31) | 0, (Math.random() * 2 ** 30) | 1);
    while (this.cursors.has(id.toString()));
    this.cursors.set(id.toString(), { ...c, id, lastUsed: Date.now() });
    return id;
  }

  get(id: unknown, ns: string): Cursor {
    const key = Long.isLong(id) ? id.toString() : String(id);
    const c = this.cursors.get(key);
    if (!c) throw new CommandError(43, `cursor id ${key} not found`);
    if (c.ns !== ns)
      throw new CommandError(
        13,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`,
      );
    c.lastUsed = Date.now();
    return c;
  }

  delete(id: Long): boolean {
    return this.cursors.delete(id.toString());
  }

  kill(ids: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const id = Long.isLong(raw) ? raw : Long.fromNumber(Number(raw));
      (this.cursors.delete(id.toString()) ? killed : notFound).push(id);
    }
    return { killed, notFound };
  }

  /** Drops cursors idle longer than the timeout; returns how many. */
  expire(now = Date.now()): number {
    let n = 0;
    for (const [k, c] of this.cursors) {
      if (now - c.lastUsed > this.timeoutMs) {
        this.cursors.delete(k);
        n++;
      }
    }
    return n;
  }

  get size(): number {
    return this.cursors.size;
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}
