// Length + CRC32 framed BSON records shared by the journal and the snapshot files.
import { crc32 } from 'node:zlib';
import { BSON, type Document } from 'bson';

const HEADER = 8;
/** Numbers stay wrapped; the engine normalizes them exactly as the wire layer does. */
const DESERIALIZE_RAW = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
} as const;

/** Encodes one record: [u32 length][u32 crc32 of the body][BSON body]. */
export function encodeRecord(doc: Document): Buffer {
  const body = BSON.serialize(doc);
  const head = Buffer.alloc(HEADER);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body) >>> 0, 4);
  return Buffer.concat([head, body]);
}

/** Decodes the record starting at `offset`; null when it is torn (cut short) or corrupt. */
export function decodeRecordAt(
  buf: Buffer,
  offset: number,
): { record: Document; end: number } | null {
  if (offset + HEADER > buf.length) return null;
  const length = buf.readUInt32LE(offset);
  const sum = buf.readUInt32LE(offset + 4);
  const end = offset + HEADER + length;
  if (length < 5 || end > buf.length) return null;
  const body = buf.subarray(offset + HEADER, end);
  if (crc32(body) >>> 0 !== sum) return null;
  try {
    return { record: BSON.deserialize(body, DESERIALIZE_RAW), end };
  } catch {
    return null;
  }
}

/** Decodes records up to the first torn or corrupt one; `validBytes` is where the good prefix ends. */
export function decodeRecords(buf: Buffer): { records: Document[]; validBytes: number } {
  const records: Document[] = [];
  let offset = 0;
  for (let next = decodeRecordAt(buf, offset); next; next = decodeRecordAt(buf, offset)) {
    records.push(next.record);
    offset = next.end;
  }
  return { records, validBytes: offset };
}
