import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame, FRAME_ALIGNMENT, MalformedFrameError, UnsupportedValueError } from './codec.js';

/** A frame written by hand: [u32 LE header length][header][padding][attachments]. */
function handFrame(header: unknown, attachmentBytes = 0): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((4 + json.byteLength) / 8) * 8;
  const frame = new Uint8Array(start + attachmentBytes);
  new DataView(frame.buffer).setUint32(0, json.byteLength, true);
  frame.set(json, 4);
  return frame;
}

describe('encodeFrame / decodeFrame', () => {
  it('round-trips plain JSON data', () => {
    const value = { a: 1, b: [true, null, 'x', { c: -0.5 }], d: {} };
    expect(decodeFrame(encodeFrame(value))).toEqual(value);
  });

  it('round-trips typed arrays anywhere in the value, keeping their class and bits', () => {
    const f64 = new Float64Array([1.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 5e-324]);
    const f32 = new Float32Array([0.1, 3]);
    const u8 = new Uint8Array([0, 255, 7]);
    const decoded = decodeFrame(encodeFrame({ field: { values: f64 }, list: [f32, 'between', u8], top: new Int32Array([-1]) })) as {
      field: { values: Float64Array }; list: [Float32Array, string, Uint8Array]; top: Int32Array;
    };
    expect(decoded.field.values).toBeInstanceOf(Float64Array);
    expect(Array.from(decoded.field.values)).toEqual([1.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 5e-324]);
    expect(Object.is(decoded.field.values[3], -0)).toBe(true);
    expect(decoded.list[0]).toBeInstanceOf(Float32Array);
    expect(decoded.list[0]).toEqual(f32); // Float32 stays Float32: no widening to doubles
    expect(decoded.list[1]).toBe('between');
    expect(decoded.list[2]).toEqual(u8);
    expect(decoded.top).toEqual(new Int32Array([-1]));
  });

  it('lays attachments out on 8-byte boundaries and decodes them as views of the frame', () => {
    const odd = new Uint8Array([1, 2, 3]);
    const f64 = new Float64Array([1, 2]);
    const frame = encodeFrame({ odd, f64 });
    const headerLength = new DataView(frame.buffer).getUint32(0, true);
    const sectionStart = Math.ceil((4 + headerLength) / FRAME_ALIGNMENT) * FRAME_ALIGNMENT;
    expect(frame.byteLength).toBe(sectionStart + 8 + 16);
    const decoded = decodeFrame(frame) as { odd: Uint8Array; f64: Float64Array };
    expect(decoded.f64.buffer).toBe(frame.buffer);
    expect(decoded.f64.byteOffset).toBe(sectionStart + 8);
    expect(decoded.f64.byteOffset % 8).toBe(0);
  });

  it('copies when the frame does not own its buffer, so views are aligned and expose nothing else', () => {
    const encoded = encodeFrame({ f64: new Float64Array([3.25, 4.5]) });
    const pool = new Uint8Array(encoded.byteLength + 3);
    pool.set(encoded, 3); // a pooled Node Buffer can start at any offset
    const decoded = decodeFrame(pool.subarray(3)) as { f64: Float64Array };
    expect(decoded.f64.buffer).not.toBe(pool.buffer);
    expect(decoded.f64.byteOffset).toBe(0);
    expect(Array.from(decoded.f64)).toEqual([3.25, 4.5]);
  });

  it('carries a field slice of tens of MB without touching the numbers', () => {
    const slice = new Float64Array(4 * 1024 * 1024).map((_, i) => Math.sin(i));
    const frame = encodeFrame({ slice });
    expect(frame.byteLength).toBeLessThan(slice.byteLength + 256);
    const decoded = decodeFrame(frame) as { slice: Float64Array };
    expect(decoded.slice.length).toBe(slice.length);
    expect(decoded.slice[123_457]).toBe(slice[123_457]);
    expect(decoded.slice[slice.length - 1]).toBe(slice[slice.length - 1]);
  });

  it('sends a subarray as its own bytes only, and a typed array at the root', () => {
    const whole = new Float32Array([1, 2, 3, 4]);
    expect(decodeFrame(encodeFrame(whole.subarray(1, 3)))).toEqual(new Float32Array([2, 3]));
  });

  it('keeps "__proto__" a plain key on both sides', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "data": [1]}') as Record<string, unknown>;
    const decoded = decodeFrame(encodeFrame(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });

  it('refuses values the wire cannot carry, naming where they are', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const shared = { x: 1 };
    expect(() => encodeFrame({ a: [shared, shared] })).not.toThrow(); // shared is not cyclic
    expect(() => encodeFrame({ a: { view: new DataView(new ArrayBuffer(8)) } })).toThrow(/cannot send a DataView at a\.view/);
    expect(() => encodeFrame({ n: 1n })).toThrow(UnsupportedValueError);
    expect(() => encodeFrame({ f: () => 1 })).toThrow(/a function at f/);
    expect(() => encodeFrame({ big: new BigInt64Array(1) })).toThrow(/BigInt64Array/);
    expect(() => encodeFrame({ raw: new ArrayBuffer(4) })).toThrow(/ArrayBuffer of 4 bytes at raw/);
    expect(() => encodeFrame(cyclic)).toThrow(/a circular reference at self/);
  });

  describe('malformed frames', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['too short', new Uint8Array([1, 0]), /shorter than the length prefix/],
      ['header longer than the frame', new Uint8Array([200, 0, 0, 0, 123]), /does not fit/],
      ['header not JSON', (() => { const f = handFrame(0); f.set([0x7b, 0x7b], 4); return f; })(), /not UTF-8 JSON/],
      ['header not UTF-8', (() => { const f = handFrame('ab'); f.set([0xff], 5); return f; })(), /not UTF-8 JSON/],
      ['header without attachments', handFrame({ message: 1 }), /does not describe a message/],
      ['unknown array type', handFrame({ message: [null], attachments: [{ path: [0], type: 'Float16Array', byteOffset: 0, byteLength: 0 }] }), /does not describe/],
      ['misaligned offset', handFrame({ message: [null], attachments: [{ path: [0], type: 'Uint8Array', byteOffset: 3, byteLength: 1 }] }, 8), /does not describe/],
      ['past the end', handFrame({ message: [null], attachments: [{ path: [0], type: 'Float64Array', byteOffset: 0, byteLength: 16 }] }, 8), /runs past the end/],
      ['partial element', handFrame({ message: [null], attachments: [{ path: [0], type: 'Float64Array', byteOffset: 0, byteLength: 4 }] }, 8), /whole number/],
      ['missing path', handFrame({ message: { a: null }, attachments: [{ path: ['b'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /does not exist/],
      ['path through a primitive', handFrame({ message: { a: 1 }, attachments: [{ path: ['a', 'b'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /does not exist/],
      ['key used on an array', handFrame({ message: [null], attachments: [{ path: ['0'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /mixes up/],
      ['not a placeholder', handFrame({ message: { a: 5 }, attachments: [{ path: ['a'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /placeholder/],
      ['same place twice', handFrame({ message: { a: null }, attachments: [
        { path: ['a'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }, { path: ['a'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /placeholder/],
      ['inherited key', handFrame({ message: {}, attachments: [{ path: ['toString'], type: 'Uint8Array', byteOffset: 0, byteLength: 0 }] }), /does not exist/],
    ];
    it.each(cases)('%s', (_name, frame, reason) => {
      expect(() => decodeFrame(frame)).toThrow(MalformedFrameError);
      expect(() => decodeFrame(frame)).toThrow(reason);
    });
  });
});
