// data.*: a business's data exported to a folder of JSON files, and imported back (owners and admins).
import { localDateOf } from '../../../../shared/time';
import type { CoreConfig } from '../../config';
import type { HandlerContext, Session } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { EventBus } from '../../events';
import type { Clock, Logger, Paths } from '../../ports';
import { businessName, MoveFailed, reasonText } from './copy';
import { exportBusiness } from './export';
import {
  checkExportFolder,
  checkFolderPath,
  checkImportFolder,
  suggestedExportFolder,
  type FolderGrants,
} from './folders';
import { checkExportFolderContents, importBusiness } from './import';
import type { DataMoveLock } from './lock';
import { progressSink, reported, type ProgressSink } from './progress';

export interface DataDeps {
  database: DatabaseHolder;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  paths: Paths;
  config: Pick<CoreConfig, 'mode' | 'version'>;
  /** Folders picked in the desktop app's dialog (see electron/main/folders.ts). */
  grants: FolderGrants;
  lock: DataMoveLock;
}

function sessionOf(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  return ctx.session;
}

const total = (list: readonly { count: number }[]) => list.reduce((n, c) => n + c.count, 0);

export function createDataHandlers(
  deps: DataDeps,
): Pick<Handlers, 'data.folders' | 'data.export' | 'data.import'> {
  const typedAllowed = deps.config.mode === 'browser';

  /**
   * An export or an import of the caller's business to or from `input.folder`: its progress and
   * outcome pushed to the caller's windows, and no other data move running meanwhile.
   */
  const folderMove = async <T>(
    ctx: HandlerContext,
    input: { folder: string; operation_id: string },
    operation: 'export' | 'import',
    work: (move: { session: Session; folder: string; progress: ProgressSink }) => Promise<T>,
    summary: (done: T) => string,
  ): Promise<T> => {
    const session = sessionOf(ctx);
    const progress = progressSink(deps.events, operation, {
      business_id: session.business_id,
      operation_id: input.operation_id,
    });
    return reported(
      progress,
      () => {
        const folder = checkFolderPath(input.folder, { typedAllowed, grants: deps.grants });
        return deps.lock.run(operation === 'export' ? 'An export' : 'An import', () =>
          work({ session, folder, progress }),
        );
      },
      summary,
    );
  };

  return {
    'data.folders': async (ctx) => {
      const session = sessionOf(ctx);
      const db = deps.database.get().db;
      const business = await db
        .collection('businesses')
        .findOne({ business_id: session.business_id }, { projection: { name: 1, timezone: 1 } });
      const timezone = typeof business?.timezone === 'string' ? business.timezone : 'UTC';
      return {
        suggestedExportFolder: suggestedExportFolder(
          deps.paths.dataDir,
          String(business?.name ?? 'business'),
          localDateOf(deps.clock.now(), timezone),
        ),
        typedFolders: typedAllowed,
      };
    },

    'data.export': (ctx, input) =>
      folderMove(
        ctx,
        input,
        'export',
        async ({ session, folder, progress }) => {
          const { exists } = await checkExportFolder(folder);
          const db = deps.database.get().db;
          const name = await businessName(db, session.business_id);
          const { collections } = await exportBusiness({
            db,
            businessId: session.business_id,
            folder,
            exists,
            appVersion: deps.config.version,
            now: deps.clock.now(),
            progress,
          });
          deps.logger.log('info', 'Business exported', {
            business_id: session.business_id,
            documents: total(collections),
          });
          return {
            folder,
            business: { business_id: session.business_id, name },
            collections,
            documents: total(collections),
          };
        },
        (done) =>
          `Exported ${done.documents} documents of ${done.business.name} to ${done.folder}.`,
      ),

    'data.import': (ctx, input) =>
      folderMove(
        ctx,
        input,
        'import',
        async ({ folder, progress }) => {
          await checkImportFolder(folder);
          const checked = await checkExportFolderContents(folder, progress);
          const { business } = checked.manifest;
          let collections;
          try {
            collections = await importBusiness({ db: deps.database.get().db, checked, progress });
          } catch (err) {
            if (!(err instanceof MoveFailed)) throw err;
            throw new AppError(
              'unavailable',
              `Importing ${business.name} failed${err.collection ? ` while writing ${err.collection}` : ''}: ${reasonText(err.reason)}. ${
                err.cleaned
                  ? 'Nothing of it was left in this database.'
                  : 'Part of it may be left in this database; importing again removes it first.'
              } Try again; if it fails again, export the business again and import that folder.`,
              { collection: err.collection, cleaned: err.cleaned },
            );
          }
          deps.logger.log('info', 'Business imported', {
            business_id: business.business_id,
            documents: total(collections),
          });
          return {
            business: { business_id: business.business_id, name: business.name },
            collections,
            documents: total(collections),
            exported_at: checked.manifest.exported_at,
          };
        },
        (done) =>
          `Imported ${done.documents} documents of ${done.business.name}. Its people can sign in to this database now.`,
      ),
  };
}
