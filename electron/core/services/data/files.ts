// The files of an export folder: one `<collection>.json` per collection, a JSON array written one
// document per line in canonical Extended JSON v2 (so every BSON type survives: dates, ObjectIds,
// Int32 vs Double, binary photo chunks), read back a line at a time so no file is held whole.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { EJSON, type Document } from 'bson';

export const fileOf = (collection: string) => `${collection}.json`;

/** Writes a collection's file batch by batch; `close()` ends the array and syncs it to disk. */
export class CollectionFileWriter {
  private first = true;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates the file; refuses to overwrite one (an export never does). */
  static async create(path: string): Promise<CollectionFileWriter> {
    const handle = await open(path, 'wx', 0o600);
    await handle.write('[\n');
    return new CollectionFileWriter(handle);
  }

  async write(docs: readonly Document[]): Promise<void> {
    if (docs.length === 0) return;
    const lines = docs.map((doc) => EJSON.stringify(doc, { relaxed: false }));
    await this.handle.write(`${this.first ? '' : ',\n'}${lines.join(',\n')}`);
    this.first = false;
  }

  async close(): Promise<void> {
    try {
      await this.handle.write(this.first ? ']\n' : '\n]\n');
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without finishing (after a failure; the file is removed by the caller). */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}

/** A line of a file that is not what an export writes. */
export class FileProblem extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'FileProblem';
  }
}

export interface FileDocument {
  line: number;
  /** BSON types as written (Int32, Double, Long, …): what is stored. */
  doc: Document;
  /** The same document with plain JavaScript numbers, for the collection's schema. */
  plain(): Document;
}

/**
 * The documents of one file, in order. Throws a FileProblem (file and line) at the first line that
 * is not part of the array an export writes.
 */
export async function* readCollectionFile(
  path: string,
  file: string,
): AsyncGenerator<FileDocument> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let number = 0;
  let opened = false;
  let closed = false;
  let expectMore = false;
  let hadDocument = false;
  for await (const raw of lines) {
    number += 1;
    const text = raw.trim();
    if (text === '') continue;
    if (closed) throw new FileProblem(file, number, 'there is text after the closing "]"');
    if (!opened) {
      if (text === '[]') {
        opened = true;
        closed = true;
        continue;
      }
      if (text !== '[') throw new FileProblem(file, number, 'the file does not start with "["');
      opened = true;
      continue;
    }
    if (text === ']') {
      if (expectMore) throw new FileProblem(file, number, 'a "," is followed by no document');
      closed = true;
      continue;
    }
    if (hadDocument && !expectMore) {
      throw new FileProblem(file, number, 'the document on the line before is not followed by ","');
    }
    const comma = text.endsWith(',');
    const body = comma ? text.slice(0, -1) : text;
    let doc: unknown;
    try {
      doc = EJSON.parse(body, { relaxed: false });
    } catch (err) {
      throw new FileProblem(
        file,
        number,
        `not a document in Extended JSON (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      throw new FileProblem(file, number, 'not a document (an object) in Extended JSON');
    }
    if (!('_id' in doc)) throw new FileProblem(file, number, 'the document has no _id');
    expectMore = comma;
    hadDocument = true;
    yield {
      line: number,
      doc: doc as Document,
      plain: () => EJSON.parse(body, { relaxed: true }) as Document,
    };
  }
  if (!opened) throw new FileProblem(file, Math.max(number, 1), 'the file is empty');
  if (!closed) throw new FileProblem(file, number, 'the file ends before its closing "]"');
}
