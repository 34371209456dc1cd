// Change streams: a bounded in-memory event log with resume tokens, and awaitable getMore.
import { type Document, Timestamp } from 'bson';
import { runPipeline } from './aggregate';
import { type ChangeEvent, type Engine } from './engine';
import { CommandError } from './errors';
import { type ChangeCursorState } from './cursors';

interface LoggedEvent {
  seq: number;
  event: ChangeEvent;
  clusterTime: Timestamp;
  wallTime: Date;
}

export const tokenFor = (seq: number): Document => ({ _data: seq.toString(16).padStart(16, '0') });

export class ChangeStreamHub {
  private readonly log: LoggedEvent[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();
  private waking = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly engine: Engine,
    private readonly capacity = 10_000,
  ) {
    this.unsubscribe = engine.onChange((event) => this.record(event));
  }

  private record(event: ChangeEvent): void {
    this.seq++;
    const now = Date.now();
    this.log.push({
      seq: this.seq,
      event,
      clusterTime: new Timestamp({ t: Math.floor(now / 1000), i: this.seq % 2 ** 31 }),
      wallTime: new Date(now),
    });
    // Trimming in chunks keeps recording O(1) amortised instead of shifting the array per event.
    if (this.log.length > this.capacity * 2) this.log.splice(0, this.log.length - this.capacity);
    this.wake();
  }

  /**
   * Wakes the waiting streams once the write is on disk and its writer has had its answer: a stream
   * does not report a write that could still be lost, and a writer (a board move, say) does not
   * wait while every waiting stream builds its events first. One wake serves a command's writes.
   */
  private wake(): void {
    if (this.waking) return;
    this.waking = true;
    const wake = () => {
      this.waking = false;
      for (const w of this.waiters) w();
      this.waiters.clear();
    };
    // A failed flush fails its writer; the streams are woken all the same.
    void this.engine
      .durable()
      .catch(() => undefined)
      .then(() => setImmediate(wake));
  }

  /** False once the server is closing: nothing waits for events any more. */
  get open(): boolean {
    return !this.closed;
  }

  get latest(): number {
    return this.seq;
  }

  /** Resolves the sequence number a resume token refers to, or fails if it is no longer retained. */
  resolveToken(token: unknown): number {
    const data = (token as Document | undefined)?._data;
    const seq =
      typeof data === 'string' && /^[0-9a-f]{16}(01)?$/.test(data)
        ? parseInt(data.slice(0, 16), 16)
        : NaN;
    if (!Number.isFinite(seq) || seq > this.seq) {
      throw new CommandError(280, 'cannot resume stream; the resume token was not found');
    }
    const oldest = this.log[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) {
      throw new CommandError(
        286,
        'Resume of change stream was not possible, as the resume point may no longer be in the oplog.',
      );
    }
    return seq;
  }

  /** Events after the cursor position that match its namespace and pipeline. */
  collect(
    state: ChangeCursorState,
    resolveDoc: (db: string, coll: string, key: Document) => Document | null,
  ): Document[] {
    const out: Document[] = [];
    // Sequence numbers are consecutive from the oldest event kept, so the first event after the
    // cursor is found by subtraction: a getMore reads only the new events, not the whole log (which
    // holds up to twice `capacity` events, and every write wakes every waiting stream).
    const first = this.log[0]?.seq ?? this.seq + 1;
    for (let i = Math.max(0, state.afterSeq + 1 - first); i < this.log.length; i++) {
      const e = this.log[i] as LoggedEvent;
      if (state.invalidated) break;
      state.afterSeq = e.seq;
      const ev = e.event;
      if (ev.db !== state.db || (state.coll !== null && ev.coll !== state.coll)) continue;
      const doc: Document = {
        _id: tokenFor(e.seq),
        operationType: ev.operationType,
        clusterTime: e.clusterTime,
        wallTime: e.wallTime,
      };
      if (ev.operationType === 'insert' || ev.operationType === 'replace')
        doc.fullDocument = ev.fullDocument;
      if (
        ev.operationType === 'update' &&
        state.fullDocument === 'updateLookup' &&
        ev.documentKey
      ) {
        doc.fullDocument = resolveDoc(ev.db, ev.coll, ev.documentKey);
      }
      doc.ns = ev.operationType === 'dropDatabase' ? { db: ev.db } : { db: ev.db, coll: ev.coll };
      if (ev.to) doc.to = ev.to;
      if (ev.documentKey) doc.documentKey = ev.documentKey;
      if (ev.updateDescription) doc.updateDescription = ev.updateDescription;
      const [shaped] = state.pipeline.length ? runPipeline([doc], state.pipeline, () => []) : [doc];
      if (shaped) out.push(shaped);
      const ends =
        state.coll === null
          ? ev.operationType === 'dropDatabase'
          : ev.operationType === 'drop' || ev.operationType === 'rename';
      if (ends) {
        state.invalidated = true;
        out.push({
          _id: { _data: `${tokenFor(e.seq)._data as string}01` },
          operationType: 'invalidate',
          clusterTime: e.clusterTime,
          wallTime: e.wallTime,
        });
      }
    }
    return out;
  }

  /** Waits until a new event is recorded or the timeout passes. */
  wait(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const w of this.waiters) w();
  }
}
