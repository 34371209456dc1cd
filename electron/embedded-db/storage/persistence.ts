// Durable storage for one data folder: snapshot + journal replay on open, logging, compaction.
import { mkdirSync, readdirSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { type Document } from 'bson';
import { Journal } from './journal';
import { acquireLock } from './lock';
import { decodeRecords, encodeRecord } from './records';
import { fsyncDir, readSnapshot, writeSnapshot } from './snapshot';

export interface PersistenceOptions {
  dbPath: string;
  /** Journal size that triggers a compaction into a fresh snapshot. */
  compactBytes?: number;
}

const journalName = (seq: number): string => `journal-${String(seq).padStart(8, '0')}.log`;

export class Persistence {
  private journal: Journal | undefined;
  private seq = 0;
  private readonly release: () => void;
  private readonly compactBytes: number;
  private compacting = false;
  private closed = false;
  /** Supplies the full current state (snapshot records) when compacting. */
  dumpState: () => Iterable<Document> = () => [];
  /** Hands over records the engine still buffers, so none is applied in memory but missing on disk. */
  flushBuffered: () => void = () => undefined;

  constructor(private readonly options: PersistenceOptions) {
    mkdirSync(options.dbPath, { recursive: true, mode: 0o700 });
    this.release = acquireLock(options.dbPath);
    this.compactBytes = options.compactBytes ?? 64 * 1024 * 1024;
  }

  /** The data folder this persistence owns. */
  get dbPath(): string {
    return this.options.dbPath;
  }

  private get snapshotPath(): string {
    return join(this.options.dbPath, 'snapshot.bin');
  }

  /** Loads the snapshot and replays the journals after it, dropping a torn tail record. */
  load(apply: (record: Document) => void): void {
    const snap = readSnapshot(this.snapshotPath);
    for (const r of snap.records) apply(r);
    const journals = readdirSync(this.options.dbPath)
      .map((f) => /^journal-(\d+)\.log$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    let lastSize = 0;
    this.seq = snap.journalSeq;
    for (const seq of journals) {
      const path = join(this.options.dbPath, journalName(seq));
      if (seq < snap.journalSeq) {
        rmSync(path, { force: true });
        continue;
      }
      const buf = readFileSync(path);
      const { records, validBytes } = decodeRecords(buf);
      for (const r of records) apply(r);
      if (validBytes < buf.length) truncateSync(path, validBytes);
      this.seq = seq;
      lastSize = validBytes;
    }
    this.journal = new Journal(join(this.options.dbPath, journalName(this.seq)), lastSize);
    this.journal.onIdle = () => this.maybeCompact();
  }

  /** Appends operations (one record each); resolves when they are durable. */
  log(ops: Document[]): Promise<void> {
    if (!this.journal) return Promise.reject(new Error('The database is not open.'));
    return this.journal.append(Buffer.concat(ops.map(encodeRecord)));
  }

  private maybeCompact(): void {
    if (this.closed || this.compacting || !this.journal || this.journal.size < this.compactBytes) {
      return;
    }
    this.compact();
  }

  /** Writes the whole state to a new snapshot and starts an empty journal. Runs synchronously while idle. */
  compact(): void {
    this.flushBuffered();
    if (!this.journal?.idle) return;
    this.compacting = true;
    try {
      const oldPath = this.journal.path;
      this.seq += 1;
      this.journal = this.journal.rotate(join(this.options.dbPath, journalName(this.seq)));
      writeSnapshot(this.snapshotPath, this.seq, this.dumpState());
      rmSync(oldPath, { force: true });
      fsyncDir(this.options.dbPath);
    } finally {
      this.compacting = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.journal?.close();
    this.release();
  }
}
