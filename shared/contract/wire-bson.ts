// The wire encoding with every BSON value (ObjectId, Long, Decimal128, …) as bson's EJSON writes
// it: what the main process and tests use. The renderer uses wire.ts's codec without bson.
import { EJSON } from 'bson';
import { wireCodec } from './wire';

const codec = wireCodec({
  serialize: (value) => EJSON.serialize(value, { relaxed: true }),
  deserialize: (wrapper) => EJSON.deserialize(wrapper, { relaxed: true }),
});

export const encodeWire = codec.encode;
export const decodeWire = codec.decode;
