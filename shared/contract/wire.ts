// Text encoding of WebSocket messages: Extended JSON, so Dates (and ObjectIds) survive the trip as
// they do over Electron's structured-clone IPC.
import { EJSON } from 'bson';

export const encodeWire = (value: unknown): string =>
  EJSON.stringify(value as Parameters<typeof EJSON.stringify>[0], { relaxed: true });

export const decodeWire = (text: string): unknown => EJSON.parse(text, { relaxed: true });
