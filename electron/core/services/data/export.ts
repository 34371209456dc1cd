// Export: every document of one business into a new or empty folder — one Extended JSON file per
// collection, each read back and checked against what was written, then manifest.json last (a
// folder without it is no export, so an interrupted one can never be imported). Nothing of a failed
// export is left in the folder.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type CollectionSummary,
  type ExportManifest,
} from '../../../../shared/contract';
import { AppError } from '../../errors';
import { SetChecksum } from './checksum';
import { businessName, reasonText, summaryMismatch } from './copy';
import {
  businessCollections,
  countBusinessDocuments,
  readBusinessBatches,
  type BatchOptions,
} from './dataset';
import { CollectionFileWriter, fileOf, readCollectionFile } from './files';
import { MANIFEST_FILE } from './folders';
import type { ProgressSink } from './progress';

export interface ExportOptions {
  db: Db;
  businessId: string;
  folder: string;
  /** The folder is there already (and empty); otherwise it is made. */
  exists: boolean;
  appVersion: string;
  now: Date;
  progress: ProgressSink;
  batch?: BatchOptions;
}

/** Count and checksum of a file as it is on disk. */
export async function summarizeFile(
  folder: string,
  collection: string,
): Promise<CollectionSummary> {
  const sum = new SetChecksum();
  for await (const { doc } of readCollectionFile(
    join(folder, fileOf(collection)),
    fileOf(collection),
  )) {
    sum.add(doc);
  }
  return { collection, count: sum.count, checksum: sum.hex };
}

export async function exportBusiness(
  options: ExportOptions,
): Promise<{ manifest: ExportManifest; collections: CollectionSummary[] }> {
  const { db, businessId, folder, progress } = options;
  const name = await businessName(db, businessId);
  const collections = await businessCollections(db);
  const steps = collections.length;
  const written: string[] = [];
  if (!options.exists) await mkdir(folder, { mode: 0o700 });
  try {
    const summaries: CollectionSummary[] = [];
    for (const [index, collection] of collections.entries()) {
      const total = await countBusinessDocuments(db, collection, businessId);
      const step = index + 1;
      progress({ phase: 'copying', collection: collection.name, done: 0, total, step, steps });
      const path = join(folder, fileOf(collection.name));
      const writer = await CollectionFileWriter.create(path);
      written.push(path);
      const sum = new SetChecksum();
      try {
        for await (const batch of readBusinessBatches(db, collection, businessId, options.batch)) {
          await writer.write(batch);
          for (const doc of batch) sum.add(doc);
          const done = sum.count;
          progress({
            phase: 'copying',
            collection: collection.name,
            done,
            total: Math.max(total, done),
            step,
            steps,
          });
        }
        await writer.close();
      } catch (err) {
        await writer.abandon();
        throw err;
      }
      summaries.push({ collection: collection.name, count: sum.count, checksum: sum.hex });
    }

    for (const [index, expected] of summaries.entries()) {
      const at = { collection: expected.collection, total: expected.count, step: index + 1, steps };
      progress({ phase: 'verifying', done: 0, ...at });
      const problem = summaryMismatch(expected, await summarizeFile(folder, expected.collection));
      if (problem) {
        throw new AppError(
          'unavailable',
          `The file written does not read back as written (${problem}).`,
        );
      }
      progress({ phase: 'verifying', done: expected.count, ...at });
    }

    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      format_version: EXPORT_FORMAT_VERSION,
      app_version: options.appVersion,
      exported_at: options.now.toISOString(),
      business: { business_id: businessId, name },
      checksum: 'sha256-sum-canonical-ejson',
      collections: summaries.map((s) => ({ ...s, file: fileOf(s.collection) })),
    };
    const manifestPath = join(folder, MANIFEST_FILE);
    const handle = await open(manifestPath, 'wx', 0o600);
    written.push(manifestPath);
    try {
      await handle.write(`${JSON.stringify(manifest, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { manifest, collections: summaries };
  } catch (err) {
    progress({ phase: 'cleaning_up', collection: null, done: 0, total: 0, step: 0, steps });
    if (!options.exists) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    else for (const path of written) await rm(path, { force: true }).catch(() => undefined);
    throw new AppError(
      'unavailable',
      `The export could not be finished: ${reasonText(err)}. Nothing was left in ${folder}. Check that the disk has room and that you may write there, then try again.`,
    );
  }
}
