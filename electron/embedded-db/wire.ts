// MongoDB wire-protocol framing: splits a TCP byte stream into messages and encodes replies.
import { BSON, type Document } from 'bson';
import { DESERIALIZE_RAW, normalizeNumbers } from './values';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const OP_COMPRESSED = 2012;

const FLAG_CHECKSUM = 1;
export const FLAG_MORE_TO_COME = 2;
/** The client accepts a stream of replies (moreToCome) to this request: the streaming hello. */
export const FLAG_EXHAUST_ALLOWED = 1 << 16;
const MAX_MESSAGE_BYTES = 48 * 1024 * 1024;

export class ProtocolError extends Error {}

export interface IncomingMessage {
  requestId: number;
  opCode: number;
  /** OP_MSG flag bits (0 for OP_QUERY). */
  flags: number;
  /** The command document with any kind-1 document sequences merged in as arrays. */
  command: Document;
  /** The namespace of an OP_QUERY (e.g. admin.$cmd). */
  fullCollectionName?: string;
}

/** Accumulates socket chunks and yields complete frames; throws ProtocolError on a bad header. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) break;
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < 16 || length > MAX_MESSAGE_BYTES) {
        throw new ProtocolError(`invalid message length ${length}`);
      }
      if (this.buffered < length) break;
      frames.push(this.take(length));
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0] && this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= n;
    return frame;
  }
}

function readBsonAt(buf: Buffer, offset: number, end: number): { doc: Document; next: number } {
  if (offset + 4 > end) throw new ProtocolError('truncated BSON document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new ProtocolError('invalid BSON document size');
  try {
    const doc = normalizeNumbers(
      BSON.deserialize(buf.subarray(offset, offset + size), DESERIALIZE_RAW),
    );
    return { doc, next: offset + size };
  } catch (error) {
    throw new ProtocolError(`invalid BSON: ${(error as Error).message}`);
  }
}

/** Parses one complete frame into a command; throws ProtocolError for anything malformed. */
export function parseFrame(frame: Buffer): IncomingMessage {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = frame.readUInt32LE(16);
    let end = frame.length;
    if (flags & FLAG_CHECKSUM) {
      end -= 4;
      if (end < 20) throw new ProtocolError('truncated checksum');
      if (crc32c(frame.subarray(0, end)) !== frame.readUInt32LE(end)) {
        throw new ProtocolError('OP_MSG checksum mismatch');
      }
    }
    let offset = 20;
    let body: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (offset < end) {
      const kind = frame.readUInt8(offset);
      offset += 1;
      if (kind === 0) {
        const { doc, next } = readBsonAt(frame, offset, end);
        body = doc;
        offset = next;
      } else if (kind === 1) {
        if (offset + 4 > end) throw new ProtocolError('truncated document sequence');
        const size = frame.readInt32LE(offset);
        const seqEnd = offset + size;
        if (size < 5 || seqEnd > end) throw new ProtocolError('invalid document sequence size');
        const nul = frame.indexOf(0, offset + 4);
        if (nul < 0 || nul >= seqEnd) throw new ProtocolError('invalid document sequence name');
        const name = frame.toString('utf8', offset + 4, nul);
        const docs: Document[] = [];
        let at = nul + 1;
        while (at < seqEnd) {
          const { doc, next } = readBsonAt(frame, at, seqEnd);
          docs.push(doc);
          at = next;
        }
        sequences.push([name, docs]);
        offset = seqEnd;
      } else {
        throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
      }
    }
    if (!body) throw new ProtocolError('OP_MSG without a body section');
    for (const [name, docs] of sequences) body[name] = docs;
    return { requestId, opCode, flags, command: body };
  }
  if (opCode === OP_QUERY) {
    const nul = frame.indexOf(0, 20);
    if (nul < 0) throw new ProtocolError('invalid OP_QUERY namespace');
    const fullCollectionName = frame.toString('utf8', 20, nul);
    const { doc } = readBsonAt(frame, nul + 1 + 8, frame.length);
    const command = doc.$query && typeof doc.$query === 'object' ? (doc.$query as Document) : doc;
    return { requestId, opCode, flags: 0, command, fullCollectionName };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

let nextRequestId = 1;

export function encodeOpMsg(responseTo: number, doc: Document, flags = 0): Buffer {
  const body = BSON.serialize(doc);
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + body.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(flags, 16);
  header.writeUInt8(0, 20);
  return Buffer.concat([header, body]);
}

export function encodeOpReply(responseTo: number, doc: Document): Buffer {
  const body = BSON.serialize(doc);
  const header = Buffer.alloc(36);
  header.writeInt32LE(36 + body.length, 0);
  header.writeInt32LE(nextRequestId++, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(OP_REPLY, 12);
  header.writeInt32LE(8, 16);
  header.writeBigInt64LE(0n, 20);
  header.writeInt32LE(0, 28);
  header.writeInt32LE(1, 32);
  return Buffer.concat([header, body]);
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** OP_MSG checksums are CRC-32C (Castagnoli), which node:zlib does not provide. */
export function crc32c(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) crc = (CRC32C_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
