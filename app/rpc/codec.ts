// Binary framing for transports that carry bytes (WebSocket). Field slices are tens of MB of
// doubles: JSON-encoding them would cost seconds and lose NaN, so typed arrays travel as raw bytes.
//
//   frame = [u32 LE header length][UTF-8 JSON header][padding][attachment 0][padding][attachment 1]...
//
// The header is `{ message, attachments: [{ path, type, byteOffset, byteLength }] }`: `message` is
// the value with every typed array replaced by null, `path` says where each one goes back. The
// attachment section starts at an 8-byte boundary and every attachment at an 8-byte offset within
// it, so the receiver can make Float64Array views without copying.

import { z } from 'zod';
import { TYPED_ARRAY_CONSTRUCTORS, TYPED_ARRAY_NAMES, describeValue, typedArrayName, type SupportedTypedArray, type TypedArrayName } from './typed-arrays.js';

export const FRAME_ALIGNMENT = 8;
const LENGTH_PREFIX_BYTES = 4;

type PathStep = string | number;

/** A value the wire cannot carry faithfully (a DataView, a bigint, a cycle...): a bug in the sender. */
export class UnsupportedValueError extends Error {
  constructor(readonly path: readonly PathStep[], what: string) {
    const where = path.length === 0 ? 'the value' : path.map(String).join('.');
    super(`cannot send ${what} at ${where}: values are JSON data plus ${TYPED_ARRAY_NAMES.join('/')}`);
    this.name = 'UnsupportedValueError';
  }
}

/** Bytes that are not a frame this codec wrote: dropped by the receiver. */
export class MalformedFrameError extends Error {
  constructor(reason: string) {
    super(`malformed frame: ${reason}`);
    this.name = 'MalformedFrameError';
  }
}

const AttachmentSchema = z.object({
  path: z.array(z.union([z.string(), z.int().nonnegative()])),
  type: z.enum(TYPED_ARRAY_NAMES),
  byteOffset: z.int().nonnegative().multipleOf(FRAME_ALIGNMENT),
  byteLength: z.int().nonnegative(),
});
const HeaderSchema = z.object({ message: z.unknown(), attachments: z.array(AttachmentSchema) });

interface Extracted {
  path: PathStep[];
  array: SupportedTypedArray;
  type: TypedArrayName;
}

const alignUp = (n: number): number => Math.ceil(n / FRAME_ALIGNMENT) * FRAME_ALIGNMENT;

export function encodeFrame(message: unknown): Uint8Array {
  const extracted: Extracted[] = [];
  const stripped = extractTypedArrays(message, [], extracted, new Set());
  let sectionLength = 0;
  const attachments = extracted.map(({ path, array, type }) => {
    const entry = { path, type, byteOffset: sectionLength, byteLength: array.byteLength };
    sectionLength += alignUp(array.byteLength);
    return entry;
  });
  const header = new TextEncoder().encode(JSON.stringify({ message: stripped, attachments }));
  const sectionStart = alignUp(LENGTH_PREFIX_BYTES + header.byteLength);
  const frame = new Uint8Array(sectionStart + sectionLength);
  new DataView(frame.buffer).setUint32(0, header.byteLength, true);
  frame.set(header, LENGTH_PREFIX_BYTES);
  extracted.forEach(({ array }, index) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    frame.set(bytes, sectionStart + (attachments[index]?.byteOffset ?? 0));
  });
  return frame;
}

/** The JSON-safe copy of `value`, with typed arrays replaced by null and recorded in `found`. */
function extractTypedArrays(value: unknown, path: PathStep[], found: Extracted[], ancestors: Set<object>): unknown {
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
    throw new UnsupportedValueError(path, `a ${typeof value}`);
  }
  if (value === null || typeof value !== 'object') return value;
  const type = typedArrayName(value);
  if (type !== undefined) {
    found.push({ path: [...path], array: value as SupportedTypedArray, type });
    return null;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw new UnsupportedValueError(path, describeValue(value));
  // Objects with toJSON (Date) are left to JSON.stringify, as everywhere else in the app.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  if (ancestors.has(value)) throw new UnsupportedValueError(path, 'a circular reference');
  ancestors.add(value);
  const walk = (item: unknown, step: PathStep): unknown => {
    path.push(step);
    try {
      return extractTypedArrays(item, path, found, ancestors);
    } finally {
      path.pop();
    }
  };
  try {
    if (Array.isArray(value)) return value.map((item, index) => walk(item, index));
    // A null-prototype copy, so that an own "__proto__" key stays a key and never becomes a prototype.
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) copy[key] = walk(item, key);
    return copy;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * The message inside `frame`. Typed arrays are views into the frame when it owns its whole buffer
 * (then they are aligned by construction) and copies otherwise, so that they never expose unrelated
 * bytes of a pooled buffer and are always aligned.
 */
export function decodeFrame(frame: Uint8Array): unknown {
  if (frame.byteLength < LENGTH_PREFIX_BYTES) throw new MalformedFrameError(`${frame.byteLength} bytes is shorter than the length prefix`);
  const headerLength = new DataView(frame.buffer, frame.byteOffset, LENGTH_PREFIX_BYTES).getUint32(0, true);
  if (LENGTH_PREFIX_BYTES + headerLength > frame.byteLength) {
    throw new MalformedFrameError(`header of ${headerLength} bytes does not fit in a frame of ${frame.byteLength} bytes`);
  }
  const header = parseHeader(frame.subarray(LENGTH_PREFIX_BYTES, LENGTH_PREFIX_BYTES + headerLength));
  const sectionStart = alignUp(LENGTH_PREFIX_BYTES + headerLength);
  let message = header.message;
  for (const attachment of header.attachments) {
    const array = readAttachment(frame, sectionStart, attachment);
    if (attachment.path.length === 0) message = array;
    else putAt(message, attachment.path, array);
  }
  return message;
}

function parseHeader(bytes: Uint8Array): z.output<typeof HeaderSchema> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new MalformedFrameError(`header is not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = HeaderSchema.safeParse(json);
  if (!parsed.success) throw new MalformedFrameError(`header does not describe a message (${parsed.error.issues[0]?.message ?? 'invalid'})`);
  return parsed.data;
}

function readAttachment(frame: Uint8Array, sectionStart: number, attachment: z.output<typeof AttachmentSchema>): SupportedTypedArray {
  const constructor = TYPED_ARRAY_CONSTRUCTORS[attachment.type];
  const { byteLength } = attachment;
  const start = sectionStart + attachment.byteOffset;
  if (byteLength % constructor.BYTES_PER_ELEMENT !== 0) {
    throw new MalformedFrameError(`${byteLength} bytes is not a whole number of ${attachment.type} elements`);
  }
  if (start + byteLength > frame.byteLength) throw new MalformedFrameError(`attachment at ${start} runs past the end of the frame`);
  const length = byteLength / constructor.BYTES_PER_ELEMENT;
  const { buffer } = frame;
  const ownsBuffer = buffer instanceof ArrayBuffer && frame.byteOffset === 0 && frame.byteLength === buffer.byteLength;
  if (ownsBuffer && start % constructor.BYTES_PER_ELEMENT === 0) return new constructor(buffer, start, length);
  const copy = new constructor(length);
  new Uint8Array(copy.buffer).set(frame.subarray(start, start + byteLength));
  return copy;
}

/** Puts `array` where the encoder left a null; any other shape means the frame was forged. */
function putAt(root: unknown, path: readonly PathStep[], array: SupportedTypedArray): void {
  let container: unknown = root;
  for (const [index, step] of path.entries()) {
    if (container === null || typeof container !== 'object' || !Object.hasOwn(container, step)) {
      throw new MalformedFrameError(`attachment path ${path.join('.')} does not exist in the message`);
    }
    if (Array.isArray(container) !== (typeof step === 'number')) {
      throw new MalformedFrameError(`attachment path ${path.join('.')} mixes up array indices and keys`);
    }
    const record = container as Record<PathStep, unknown>;
    if (index === path.length - 1) {
      if (record[step] !== null) throw new MalformedFrameError(`attachment path ${path.join('.')} does not point at a placeholder`);
      Object.defineProperty(record, step, { value: array, writable: true, enumerable: true, configurable: true });
      return;
    }
    container = record[step];
  }
}
