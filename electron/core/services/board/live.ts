// Live board: every appointment change, by any dispatcher or desktop, becomes a board.changed event;
// every presence mark (a dispatcher dragging a job) a board.presence event.
import type { ChangeStream, Db, Document } from 'mongodb';
import { dateKeyOf } from '../../../../shared/time';
import type { EventBus } from '../../events';
import type { Logger } from '../../ports';
import { emitPresence, PRESENCE_COLLECTION, type PresenceMark } from './presence';

/** How often the fallback polls a server that has no change streams. */
export const POLL_INTERVAL_MS = 1_500;
/** Pause before reopening a change stream that broke. */
const REOPEN_DELAY_MS = 2_000;

export interface BoardFeed {
  /** 'change-stream' normally; 'polling' once the server turned out to have no change streams. */
  readonly mode: 'change-stream' | 'polling';
  stop(): Promise<void>;
}

type Appointment = {
  business_id?: string;
  appointment_id?: string;
  scheduled_date?: Date;
  updated_at?: Date;
};

function emitFor(events: EventBus, docs: Appointment[]): void {
  const byBusiness = new Map<string, { dates: Set<string>; ids: Set<string> }>();
  for (const doc of docs) {
    if (!doc.business_id || !doc.appointment_id) continue;
    const entry = byBusiness.get(doc.business_id) ?? { dates: new Set(), ids: new Set() };
    if (doc.scheduled_date instanceof Date) entry.dates.add(dateKeyOf(doc.scheduled_date));
    entry.ids.add(doc.appointment_id);
    byBusiness.set(doc.business_id, entry);
  }
  for (const [business_id, { dates, ids }] of byBusiness) {
    events.emit('board.changed', { business_id, dates: [...dates], appointment_ids: [...ids] });
  }
}

/** A standalone MongoDB (or another server) refusing $changeStream, as opposed to a passing fault. */
function unsupported(err: unknown): boolean {
  const e = err as { code?: number; message?: string };
  return (
    e.code === 40573 ||
    e.code === 115 ||
    /replica set|change stream.*not supported/i.test(e.message ?? '')
  );
}

/** One collection followed live: its change stream, or polling by updated_at where there is none. */
interface Followed<T extends Document> {
  name: string;
  emit(docs: T[]): void;
  /** The fields the polling fallback reads. */
  projection: Document;
}

function follow<T extends Document>(
  db: Db,
  followed: Followed<T>,
  logger: Logger,
  clock: () => Date,
): { readonly mode: BoardFeed['mode']; stop(): Promise<void> } {
  const collection = db.collection<T>(followed.name);
  // The events carry only the fields the feed reads (an appointment's whole document, audit trail
  // included, on every move otherwise); the change's _id, the resume token, stays.
  const fields = Object.keys(followed.projection).filter((field) => field !== '_id');
  const pipeline = fields.length
    ? [{ $project: Object.fromEntries(fields.map((field) => [`fullDocument.${field}`, 1])) }]
    : [];
  const open = (resumeAfter?: unknown): ChangeStream<T> =>
    collection.watch(pipeline, {
      fullDocument: 'updateLookup',
      ...(resumeAfter ? { resumeAfter } : {}),
    });
  let current = open();
  let closed = false;
  let mode: BoardFeed['mode'] = 'change-stream';
  let stopPolling: (() => void) | undefined;

  const poll = () => {
    let since = clock();
    const timer = setInterval(() => {
      const from = since;
      since = clock();
      void collection
        .find({ updated_at: { $gte: from } } as never, { projection: followed.projection })
        .toArray()
        .then((docs) => followed.emit(docs as unknown as T[]))
        .catch((err: unknown) =>
          logger.log('warn', 'Board polling failed', {
            collection: followed.name,
            reason: String(err),
          }),
        );
    }, POLL_INTERVAL_MS);
    return () => clearInterval(timer);
  };

  // Iterator mode throughout (the driver forbids mixing it with event-emitter mode). A broken stream
  // (database restarted, connection lost) is reopened, resuming where it left off when it can.
  void (async () => {
    let resumeToken: unknown;
    while (!closed) {
      try {
        const change = (await current.next()) as Document;
        resumeToken = change._id;
        const doc = change.fullDocument as T | undefined;
        if (doc) followed.emit([doc]);
      } catch (err) {
        if (closed) return;
        await current.close().catch(() => undefined);
        if (unsupported(err)) {
          logger.log(
            'warn',
            'No change streams on this server; the board polls for changes instead',
            {
              collection: followed.name,
              reason: String(err),
            },
          );
          mode = 'polling';
          stopPolling = poll();
          return;
        }
        logger.log('warn', 'Board change stream interrupted; reopening', {
          collection: followed.name,
          reason: String(err),
        });
        await new Promise((r) => setTimeout(r, REOPEN_DELAY_MS));
        current = open(resumeToken);
        // If the server no longer knows the token, the next failure reopens from now.
        resumeToken = undefined;
      }
    }
  })();

  return {
    get mode() {
      return mode;
    },
    stop: async () => {
      closed = true;
      stopPolling?.();
      await current.close().catch(() => undefined);
    },
  };
}

/** Appointment changes become board.changed; presence marks become board.presence. */
export function startBoardFeed(
  db: Db,
  events: EventBus,
  logger: Logger,
  clock: () => Date,
): BoardFeed {
  const appointments = follow<Appointment>(
    db,
    {
      name: 'appointments',
      emit: (docs) => emitFor(events, docs),
      projection: { _id: 0, business_id: 1, appointment_id: 1, scheduled_date: 1 },
    },
    logger,
    clock,
  );
  const presence = follow<PresenceMark>(
    db,
    { name: PRESENCE_COLLECTION, emit: (docs) => emitPresence(events, docs), projection: {} },
    logger,
    clock,
  );
  return {
    get mode() {
      return appointments.mode;
    },
    stop: async () => {
      await Promise.all([appointments.stop(), presence.stop()]);
    },
  };
}
