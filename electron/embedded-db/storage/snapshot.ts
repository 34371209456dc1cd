// Snapshot files: written to a temp file, fsync'd, renamed into place, then the directory fsync'd.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { type Document } from 'bson';
import { decodeRecords, encodeRecord } from './records';

export interface SnapshotContents {
  /** First journal sequence number whose records are not already in the snapshot. */
  journalSeq: number;
  records: Document[];
}

/** What a snapshot write produced: its size, its SHA-256 and how many data records it holds. */
export interface SnapshotWritten {
  bytes: number;
  sha256: string;
  records: number;
}

export function writeSnapshot(
  path: string,
  journalSeq: number,
  records: Iterable<Document>,
): SnapshotWritten {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  try {
    const chunks: Buffer[] = [encodeRecord({ t: 'header', journalSeq })];
    let pendingBytes = 0;
    const drain = (): void => {
      const data = Buffer.concat(chunks.splice(0));
      hash.update(data);
      bytes += data.length;
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      pendingBytes = 0;
    };
    for (const r of records) {
      const rec = encodeRecord(r);
      chunks.push(rec);
      pendingBytes += rec.length;
      count++;
      if (pendingBytes > 4 * 1024 * 1024) drain();
    }
    chunks.push(encodeRecord({ t: 'end', count }));
    drain();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  return { bytes, sha256: hash.digest('hex'), records: count };
}

export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Reads a snapshot; a missing file is an empty database, an incomplete one is an error. */
export function readSnapshot(path: string): SnapshotContents {
  if (!existsSync(path)) return { journalSeq: 0, records: [] };
  const { records } = decodeRecords(readFileSync(path));
  const header = records[0];
  const end = records[records.length - 1];
  if (header?.t !== 'header' || end?.t !== 'end' || Number(end.count) !== records.length - 2) {
    throw new Error(`The snapshot ${path} is damaged; restore it from a backup.`);
  }
  return { journalSeq: Number(header.journalSeq), records: records.slice(1, -1) };
}
