// Text encoding of WebSocket messages: Extended JSON (relaxed), so Dates and ObjectIds survive the
// trip as they do over Electron's structured-clone IPC.
//
// Written with the platform's JSON.stringify / JSON.parse and one pass over the result rather than
// bson's EJSON.stringify / EJSON.parse (a reviver called for every value): a 600-job board day is
// half a megabyte, and EJSON took twice as long each way. The text is the same Extended JSON —
// dates as {"$date": "…ISO…"}, non-finite numbers as {"$numberDouble": "NaN"}, other BSON values as
// EJSON writes them — so either side may use EJSON to read it.
//
// Dates and numbers are handled here; other BSON values (ObjectId, Long, …) by the `bson` codec a
// side passes in (wire-bson.ts on the main process). The renderer passes none: its first script
// opens the connection, and bson would double its size — and no answer carries such values (the
// repositories leave `_id` out), so one that did would arrive as its plain Extended JSON object.

type Holder = Record<string, unknown>;

/** Writes and reads BSON values other than dates and doubles, as bson's EJSON does. */
export interface BsonValues {
  serialize(value: unknown): unknown;
  deserialize(wrapper: Holder): unknown;
}

export interface WireCodec {
  encode(value: unknown): string;
  decode(text: string): unknown;
}

const double = (n: number) => ({ $numberDouble: String(n) });

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

export function wireCodec(bson?: BsonValues): WireCodec {
  function replacer(this: Holder, key: string, value: unknown): unknown {
    // `this[key]` is the value before its toJSON (a Date is already a string in `value`).
    const raw = this[key];
    if (raw instanceof Date) {
      const time = raw.getTime();
      return Number.isNaN(time) ? { $date: { $numberLong: 'NaN' } } : { $date: raw.toISOString() };
    }
    if (typeof raw === 'number') {
      // NaN and ±Infinity have no JSON form.
      return Number.isFinite(raw) ? raw : double(raw);
    }
    if (bson && raw !== null && typeof raw === 'object' && '_bsontype' in raw) {
      return bson.serialize(raw);
    }
    return value;
  }

  function revive(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    const object = value as Holder;
    const wrapper = wrapperKey(object);
    if (wrapper === '$date') {
      const at = object.$date;
      if (typeof at === 'string') return new Date(at);
      const long = (at as Holder | null)?.$numberLong;
      if (typeof long === 'string') return new Date(Number(long));
    }
    if (wrapper === '$numberDouble' && typeof object.$numberDouble === 'string') {
      return Number(object.$numberDouble);
    }
    if (wrapper !== undefined && bson) return bson.deserialize(object);
    for (const k in object) object[k] = revive(object[k]);
    return object;
  }

  return {
    encode: (value) => JSON.stringify(value, replacer),
    decode: (text) => revive(JSON.parse(text)),
  };
}
