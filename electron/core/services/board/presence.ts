// "Being moved by <name>": a dispatcher's drag is a short-lived mark in the shared database, so
// dispatchers on other desktops (other cores on the same MongoDB) see it too, through the same
// change feed as the board. One mark per user; it expires on its own if the app dies mid-drag.
import type { Db } from 'mongodb';
import type { EventBus } from '../../events';

export const PRESENCE_COLLECTION = 'board_presence';
/** A mark lasts this long unless renewed (the board renews it every 10 s during a long drag). */
export const PRESENCE_TTL_MS = 15_000;

export interface PresenceMark {
  _id: string;
  business_id: string;
  user_id: string;
  user_name: string;
  appointment_id: string | null;
  expires_at: Date;
  updated_at: Date;
}

export async function setPresence(
  db: Db,
  mark: Omit<PresenceMark, '_id' | 'expires_at' | 'updated_at'>,
  now: Date,
): Promise<void> {
  await db.collection<PresenceMark>(PRESENCE_COLLECTION).updateOne(
    { _id: `${mark.business_id}:${mark.user_id}` },
    {
      $set: {
        ...mark,
        expires_at: new Date(now.getTime() + PRESENCE_TTL_MS),
        updated_at: now,
      },
    },
    { upsert: true },
  );
}

export function emitPresence(events: EventBus, docs: Partial<PresenceMark>[]): void {
  for (const doc of docs) {
    if (!doc.business_id || !doc.user_id || !(doc.expires_at instanceof Date)) continue;
    events.emit('board.presence', {
      business_id: doc.business_id,
      user_id: doc.user_id,
      user_name: doc.user_name ?? 'Another dispatcher',
      appointment_id: doc.appointment_id ?? null,
      expires_at: doc.expires_at.toISOString(),
    });
  }
}
