// Append-only write-ahead journal with group commit: writes queued during an fsync share the next one.
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { fdatasync, write } from 'node:fs';
import { promisify } from 'node:util';

const writeAsync = promisify(write);
const fdatasyncAsync = promisify(fdatasync);

interface Pending {
  buf: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class Journal {
  private pending: Pending[] = [];
  private flushing = false;
  private fd: number;
  private bytes: number;
  private failure: Error | undefined;
  private idleWaiters: Array<() => void> = [];
  /** Called after a batch is durable and nothing is queued: the moment compaction may run. */
  onIdle: (() => void) | undefined;

  constructor(
    readonly path: string,
    initialBytes: number,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    this.bytes = initialBytes;
  }

  get size(): number {
    return this.bytes;
  }

  get idle(): boolean {
    return !this.flushing && this.pending.length === 0;
  }

  /** Resolves once the record is on disk (fdatasync'd). */
  append(buf: Buffer): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.bytes += buf.length;
    return new Promise((resolve, reject) => {
      this.pending.push({ buf, resolve, reject });
      if (!this.flushing) void this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const data = Buffer.concat(batch.map((p) => p.buf));
        let written = 0;
        while (written < data.length) {
          const { bytesWritten } = await writeAsync(this.fd, data, written, data.length - written);
          written += bytesWritten;
        }
        await fdatasyncAsync(this.fd);
        for (const p of batch) p.resolve();
      } catch (error) {
        this.failure = error as Error;
        for (const p of batch) p.reject(this.failure);
      }
    }
    this.flushing = false;
    for (const w of this.idleWaiters.splice(0)) w();
    this.onIdle?.();
  }

  /** Switches to a new file; only valid while idle, so no record straddles the two files. */
  rotate(path: string): Journal {
    closeSync(this.fd);
    const next = new Journal(path, 0);
    next.onIdle = this.onIdle;
    return next;
  }

  /** Waits for queued records, then closes the file. */
  async close(): Promise<void> {
    if (!this.idle) await new Promise<void>((r) => this.idleWaiters.push(r));
    fdatasyncSync(this.fd);
    closeSync(this.fd);
  }
}
