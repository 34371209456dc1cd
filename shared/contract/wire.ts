// Text encoding of WebSocket messages: Extended JSON (relaxed), so Dates and ObjectIds survive the
// trip as they do over Electron's structured-clone IPC.
//
// Written with the platform's JSON.stringify / JSON.parse and one pass over the result rather than
// bson's EJSON.stringify / EJSON.parse (a reviver called for every value): a 600-job board day is
// half a megabyte, and EJSON took twice as long each way. The text is the same Extended JSON —
// dates as {"$date": "…ISO…"}, other BSON values as EJSON writes them — so either side may use
// EJSON to read it.
import { EJSON } from 'bson';

type Holder = Record<string, unknown>;

function replacer(this: Holder, key: string, value: unknown): unknown {
  // `this[key]` is the value before its toJSON (a Date is already a string in `value`).
  const raw = this[key];
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime())
      ? EJSON.serialize(raw, { relaxed: true })
      : { $date: raw.toISOString() };
  }
  if (typeof raw === 'number') {
    // NaN and ±Infinity have no JSON form: {"$numberDouble": "NaN"}, as EJSON writes them.
    return Number.isFinite(raw) ? raw : EJSON.serialize(raw, { relaxed: true });
  }
  if (raw !== null && typeof raw === 'object' && '_bsontype' in raw) {
    return EJSON.serialize(raw, { relaxed: true });
  }
  return value;
}

export const encodeWire = (value: unknown): string => JSON.stringify(value, replacer);

/** Whether `v` is an Extended JSON wrapper ({"$date": …}, {"$oid": …}, {"$numberDouble": …}). */
function wrapperKey(v: Holder): string | undefined {
  let first: string | undefined;
  let count = 0;
  for (const k in v) {
    if (count === 0) first = k;
    if (++count > 2) return undefined;
  }
  return first !== undefined && first.charCodeAt(0) === 36 /* $ */ ? first : undefined;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  const object = value as Holder;
  const wrapper = wrapperKey(object);
  if (wrapper === '$date' && typeof object.$date === 'string') return new Date(object.$date);
  if (wrapper !== undefined) return EJSON.deserialize(object, { relaxed: true });
  for (const k in object) object[k] = revive(object[k]);
  return object;
}

export const decodeWire = (text: string): unknown => revive(JSON.parse(text));
