// Import: an export folder into this database, all or nothing. The whole folder is checked first —
// manifest, every file parses, counts and checksums match the manifest, every document belongs to
// the exported business and passes its collection's schema where it has one — then the business is
// refused if this database holds it already, and only then written (business document last),
// counted and summed again; on any failure what was written is removed.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Document } from 'mongodb';
import type { z } from 'zod';
import {
  EXPORT_FORMAT_VERSION,
  exportManifestSchema,
  type CollectionSummary,
  type ExportManifest,
} from '../../../../shared/contract';
import { collections as schemas, type CollectionName } from '../../../../shared/schemas';
import { AppError } from '../../errors';
import { SetChecksum } from './checksum';
import { MoveFailed, summaryMismatch, undoWrites } from './copy';
import {
  APP_WIDE_COLLECTIONS,
  BUSINESS_COLLECTION,
  COLLECTION_NAME,
  TRANSIENT_COLLECTIONS,
  businessPresence,
  clashingEmailsIn,
  ensureBucketIndexes,
  filesOf,
  insertBatch,
  kindOf,
  removeBusinessData,
  summarizeCollection,
  writeOrder,
  type BatchOptions,
} from './dataset';
import { FileProblem, fileOf, readCollectionFile } from './files';
import { MANIFEST_FILE } from './folders';
import type { ProgressSink } from './progress';

/** What is wrong with a folder, where: the file, and the document's id or the line. */
export interface FolderProblem {
  file: string;
  document: string | null;
  line: number | null;
  message: string;
}

/** The first problems are enough to act on; checking stops once this many are found. */
const MAX_PROBLEMS = 10;

export interface CheckedExport {
  folder: string;
  manifest: ExportManifest;
  /** The manifest's collections in write order. */
  collections: ExportManifest['collections'];
  /** Emails of the exported business's users (unique across a database). */
  emails: string[];
}

const where = (p: FolderProblem) =>
  p.document
    ? `${p.file}, document ${p.document}${p.line ? ` (line ${p.line})` : ''}`
    : p.line
      ? `${p.file}, line ${p.line}`
      : p.file;

function refused(folder: string, problems: FolderProblem[]): AppError {
  const first = problems[0]!;
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})`
      : '';
  return new AppError(
    'validation',
    `Nothing was imported: ${where(first)}: ${first.message}${more}. The folder ${folder} is not as the export wrote it; export the business again and import that folder.`,
    { problems },
  );
}

async function readManifest(folder: string): Promise<ExportManifest> {
  const path = join(folder, MANIFEST_FILE);
  const problem = (message: string) =>
    refused(folder, [{ file: MANIFEST_FILE, document: null, line: null, message }]);
  const size = (await stat(path)).size;
  if (size > 1024 * 1024) throw problem('it is larger than an export writes (over 1 MB)');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw problem(`it is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = exportManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw problem(`${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const manifest = parsed.data;
  if (manifest.format_version > EXPORT_FORMAT_VERSION) {
    throw new AppError(
      'validation',
      `This export was made by a newer version of ServicePro Dispatch (format ${manifest.format_version}, app ${manifest.app_version}); this one reads format ${EXPORT_FORMAT_VERSION}. Update the app, then import it.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of manifest.collections) {
    const bad = (message: string) => problem(`collection "${entry.collection}": ${message}`);
    if (
      !COLLECTION_NAME.test(entry.collection) ||
      APP_WIDE_COLLECTIONS.has(entry.collection) ||
      TRANSIENT_COLLECTIONS.has(entry.collection)
    ) {
      throw bad('not a collection of business data');
    }
    if (entry.file !== fileOf(entry.collection))
      throw bad(`its file must be ${fileOf(entry.collection)}`);
    if (seen.has(entry.collection)) throw bad('listed twice');
    seen.add(entry.collection);
  }
  for (const name of seen) {
    if (kindOf(name) === 'chunks' && !seen.has(filesOf(name))) {
      throw problem(`collection "${name}" is listed without its files (${filesOf(name)})`);
    }
  }
  if (!seen.has(BUSINESS_COLLECTION)) throw problem('it lists no businesses collection');
  return manifest;
}

/** The id a person would search for: the collection's own id field, else `_id`. */
function documentId(collection: string, doc: Document): string {
  const own = Object.hasOwn(schemas, collection)
    ? doc[schemas[collection as CollectionName].idField]
    : undefined;
  if (typeof own === 'string' && own) return own;
  const id = doc._id as { toHexString?: () => string } | undefined;
  return id?.toHexString?.() ?? String(doc._id);
}

/** The collection's zod schema, for the collections of the data model (others have none). */
function schemaOf(collection: string): z.ZodType | undefined {
  return Object.hasOwn(schemas, collection)
    ? schemas[collection as CollectionName].schema
    : undefined;
}

const idKey = (id: unknown) =>
  (id as { toHexString?: () => string })?.toHexString?.() ?? String(id);

/** Checks the whole folder; throws a validation error listing the first problems found. */
export async function checkExportFolderContents(
  folder: string,
  progress: ProgressSink,
): Promise<CheckedExport> {
  const manifest = await readManifest(folder);
  const businessId = manifest.business.business_id;
  const ordered = writeOrder(manifest.collections.map((c) => ({ ...c, name: c.collection })));
  const problems: FolderProblem[] = [];
  const fileIds = new Map<string, Set<string>>();
  const emails: string[] = [];
  const steps = ordered.length;

  for (const [index, entry] of ordered.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const { collection, file } = entry;
    const kind = kindOf(collection);
    const schema = schemaOf(collection);
    const ids = kind === 'files' ? new Set<string>() : null;
    if (ids) fileIds.set(collection, ids);
    const owners =
      kind === 'chunks' ? (fileIds.get(filesOf(collection)) ?? new Set<string>()) : null;
    const sum = new SetChecksum();
    const at = { collection, total: entry.count, step: index + 1, steps };
    progress({ phase: 'checking', done: 0, ...at });
    const path = join(folder, file);
    if (!(await stat(path).catch(() => null))?.isFile()) {
      problems.push({ file, document: null, line: null, message: 'the file is missing' });
      continue;
    }
    try {
      for await (const { line, doc, plain } of readCollectionFile(path, file)) {
        sum.add(doc);
        if (sum.count % 500 === 0) progress({ phase: 'checking', done: sum.count, ...at });
        if (problems.length >= MAX_PROBLEMS) continue;
        const problem = (message: string) =>
          problems.push({ file, document: documentId(collection, doc), line, message });
        if (kind === 'chunks') {
          if (!owners!.has(idKey(doc.files_id))) {
            problem(`a photo chunk of a file not in ${fileOf(filesOf(collection))}`);
          }
          continue;
        }
        const owner =
          kind === 'files'
            ? (doc.metadata as { business_id?: unknown } | undefined)?.business_id
            : doc.business_id;
        if (owner !== businessId) {
          problem(`it belongs to another business (${String(owner)}), not ${businessId}`);
          continue;
        }
        if (ids) ids.add(idKey(doc._id));
        if (collection === 'users') emails.push(String(doc.email));
        if (schema) {
          const checked = schema.safeParse(plain());
          if (!checked.success) {
            const issue = checked.error.issues[0]!;
            problem(`${issue.path.map(String).join('.') || 'the document'}: ${issue.message}`);
          }
        }
      }
    } catch (err) {
      if (!(err instanceof FileProblem)) throw err;
      problems.push({ file, document: null, line: err.line, message: err.problem });
      continue;
    }
    const mismatch = summaryMismatch(entry, {
      collection,
      count: sum.count,
      checksum: sum.hex,
    });
    if (mismatch) {
      problems.push({
        file,
        document: null,
        line: null,
        message:
          sum.count !== entry.count
            ? `it holds ${sum.count} documents; ${MANIFEST_FILE} says ${entry.count}`
            : `its documents do not match the checksum in ${MANIFEST_FILE} (the file was changed after the export)`,
      });
    }
    progress({ phase: 'checking', done: sum.count, ...at });
    if (collection === BUSINESS_COLLECTION && sum.count !== 1 && !mismatch) {
      problems.push({
        file,
        document: null,
        line: null,
        message: `it must hold exactly the exported business; it holds ${sum.count} documents`,
      });
    }
  }
  if (problems.length) throw refused(folder, problems);
  return { folder, manifest, collections: ordered, emails };
}

export interface ImportOptions {
  db: Db;
  checked: CheckedExport;
  progress: ProgressSink;
  batch?: BatchOptions;
}

/** Writes a checked export into `db`; the business must not be there. */
export async function importBusiness(options: ImportOptions): Promise<CollectionSummary[]> {
  const { db, checked, progress } = options;
  const { business } = checked.manifest;
  const businessId = business.business_id;
  const there = await businessPresence(db, businessId);
  if (there.name !== null) {
    throw new AppError(
      'conflict',
      `This database already holds ${there.name}, so nothing was imported: importing would mix two versions of its data. To go back to older data, restore a backup instead; to keep both, import into another database.`,
      { business_id: businessId },
    );
  }
  const clashes = await clashingEmailsIn(db, checked.emails, businessId);
  if (clashes.length) {
    throw new AppError(
      'conflict',
      `${clashes[0]} already has an account in this database (in another business)${clashes.length > 1 ? `, and ${clashes.length - 1} more of the export's users too` : ''}. An email signs in to one account, so nothing was imported. Change that user's email in the business it belongs to, or import into another database.`,
      { emails: clashes },
    );
  }
  // Documents of the business without its business document: an interrupted import or copy.
  if (there.documents > 0) await removeBusinessData(db, businessId);

  const maxDocs = options.batch?.documents ?? 500;
  const maxBytes = options.batch?.bytes ?? 8 * 1024 * 1024;
  const names = checked.collections.map((c) => c.collection);
  const steps = checked.collections.length;
  let current: string | null = null;
  try {
    await ensureBucketIndexes(
      db,
      checked.collections.map((c) => ({ name: c.collection })),
    );
    for (const [index, entry] of checked.collections.entries()) {
      current = entry.collection;
      const at = { collection: entry.collection, total: entry.count, step: index + 1, steps };
      progress({ phase: 'copying', done: 0, ...at });
      let batch: Document[] = [];
      let bytes = 0;
      let done = 0;
      const flush = async () => {
        await insertBatch(db, entry.collection, batch);
        done += batch.length;
        batch = [];
        bytes = 0;
        progress({ phase: 'copying', done, ...at, total: Math.max(entry.count, done) });
      };
      const path = join(checked.folder, entry.file);
      for await (const { doc } of readCollectionFile(path, entry.file)) {
        batch.push(doc);
        bytes +=
          512 +
          ((doc.data as { length?: number; buffer?: { length?: number } } | undefined)?.buffer
            ?.length ?? 0);
        if (batch.length >= maxDocs || bytes >= maxBytes) await flush();
      }
      if (batch.length) await flush();
    }
    for (const [index, entry] of checked.collections.entries()) {
      current = entry.collection;
      const at = { collection: entry.collection, total: entry.count, step: index + 1, steps };
      progress({ phase: 'verifying', done: 0, ...at });
      const kind = kindOf(entry.collection);
      const actual = await summarizeCollection(db, { name: entry.collection, kind }, businessId);
      const problem = summaryMismatch(entry, actual);
      if (problem) {
        throw new AppError('unavailable', `What was written does not check out (${problem}).`);
      }
      progress({ phase: 'verifying', done: actual.count, ...at });
    }
  } catch (err) {
    throw new MoveFailed(current, err, await undoWrites(db, businessId, names, progress));
  }
  return checked.collections.map(({ collection, count, checksum }) => ({
    collection,
    count,
    checksum,
  }));
}
