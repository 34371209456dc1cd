// The WebSocket wire's text: Extended JSON that brings Dates, ObjectIds and non-finite numbers back
// as they were, and that bson's own EJSON reads and writes the same way.
import { EJSON, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { wireCodec } from '../../../shared/contract/wire';
import { decodeWire, encodeWire } from '../../../shared/contract/wire-bson';

const id = new ObjectId('65f000000000000000000001');
const sample = {
  type: 'result',
  id: 7,
  result: {
    ok: true,
    value: {
      appointments: [
        {
          appointment_id: 'apt_abc',
          scheduled_date: new Date('2026-03-08T00:00:00Z'),
          updated_at: new Date('2026-03-08T07:30:15.123Z'),
          assigned_staff_ids: ['stf_a', 'stf_b'],
          weather_data_at_time: null,
          notes: 'Gate code {"$date": "not a date"}',
          total_price: 85.5,
        },
      ],
      _id: id,
      ratio: Number.NaN,
      far: Number.POSITIVE_INFINITY,
      nested: [[new Date('2027-01-01T00:00:00Z')], { deep: { at: new Date(0) } }],
      empty: {},
      list: [],
    },
  },
};

describe('the wire encoding', () => {
  it('brings dates, ids and numbers back as they were', () => {
    const back = decodeWire(encodeWire(sample)) as typeof sample;
    expect(back).toEqual(sample);
    const job = back.result.value.appointments[0];
    expect(job?.updated_at).toBeInstanceOf(Date);
    expect(job?.updated_at.getTime()).toBe(Date.parse('2026-03-08T07:30:15.123Z'));
    expect(back.result.value._id).toBeInstanceOf(ObjectId);
    expect(back.result.value._id.equals(id)).toBe(true);
    expect(back.result.value.ratio).toBeNaN();
    expect(back.result.value.far).toBe(Number.POSITIVE_INFINITY);
    expect((back.result.value.nested[0] as Date[])[0]).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(job?.notes).toBe('Gate code {"$date": "not a date"}');
  });

  it("is bson's relaxed Extended JSON both ways", () => {
    expect(EJSON.parse(encodeWire(sample), { relaxed: true })).toEqual(sample);
    expect(decodeWire(EJSON.stringify(sample, { relaxed: true }))).toEqual(sample);
    expect(encodeWire({ at: new Date('2026-03-08T07:30:00Z') })).toBe(
      '{"at":{"$date":"2026-03-08T07:30:00.000Z"}}',
    );
  });

  it('leaves out undefined fields, as JSON does (the wire carries no undefined)', () => {
    expect(decodeWire(encodeWire({ a: undefined, b: [undefined, 1] }))).toEqual({ b: [null, 1] });
  });

  it('writes invalid dates and non-finite numbers as EJSON does, and reads them back', () => {
    const odd = { bad: new Date(Number.NaN), nan: Number.NaN, low: Number.NEGATIVE_INFINITY };
    expect(encodeWire(odd)).toBe(EJSON.stringify(odd, { relaxed: true }));
    const back = decodeWire(encodeWire(odd)) as typeof odd;
    expect(back.bad).toBeInstanceOf(Date);
    expect(back.bad.getTime()).toBeNaN();
    expect(back.nan).toBeNaN();
    expect(back.low).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe("the renderer's wire encoding (without bson)", () => {
  const plain = wireCodec();

  it('reads and writes dates and numbers exactly as the main process does', () => {
    const { _id: _, ...withoutId } = sample.result.value;
    const message = { ...sample, result: { ok: true, value: withoutId } };
    expect(plain.encode(message)).toBe(encodeWire(message));
    expect(plain.decode(encodeWire(message))).toEqual(message);
  });

  it('leaves another BSON value as its Extended JSON object instead of failing', () => {
    expect(plain.decode(encodeWire({ _id: id }))).toEqual({ _id: { $oid: id.toHexString() } });
  });
});
