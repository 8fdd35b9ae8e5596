// The typed arrays that may appear in RPC values (field slices, images). Over WebSocket they travel
// as binary attachments (codec.ts); over Electron IPC structured clone carries them as they are.

import { z } from 'zod';
import { describeReceived } from '../contract/index.js';

export const TYPED_ARRAY_CONSTRUCTORS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;

export type TypedArrayName = keyof typeof TYPED_ARRAY_CONSTRUCTORS;
export type SupportedTypedArray = InstanceType<(typeof TYPED_ARRAY_CONSTRUCTORS)[TypedArrayName]>;

export const TYPED_ARRAY_NAMES = Object.keys(TYPED_ARRAY_CONSTRUCTORS) as TypedArrayName[];

/** The name of a supported typed array, or undefined (for plain values, DataView, BigInt64Array...). */
export function typedArrayName(value: unknown): TypedArrayName | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  // instanceof, so that a subclass (Node's Buffer) travels as its base class (Uint8Array).
  for (const name of TYPED_ARRAY_NAMES) {
    if (value instanceof TYPED_ARRAY_CONSTRUCTORS[name]) return name;
  }
  return undefined;
}

/** "a Float32Array of 3 entries", or the contract's wording for anything else. */
export function describeValue(value: unknown): string {
  if (value instanceof ArrayBuffer) return `an ArrayBuffer of ${value.byteLength} bytes`;
  if (!ArrayBuffer.isView(value)) return describeReceived(value);
  const name = value.constructor.name;
  if (!('length' in value) || typeof value.length !== 'number') return `a ${name}`;
  return `a ${name} of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
}

function typedArraySchema<C extends (typeof TYPED_ARRAY_CONSTRUCTORS)[TypedArrayName]>(constructor: C) {
  return z.instanceof(constructor, {
    error: (issue) => `expected a ${constructor.name}, received ${describeValue(issue.input)}`,
  });
}

/** Schemas for service definitions: `result: z.object({ values: Float64ArraySchema })`. */
export const Float64ArraySchema = typedArraySchema(Float64Array);
export const Float32ArraySchema = typedArraySchema(Float32Array);
export const Int32ArraySchema = typedArraySchema(Int32Array);
export const Uint32ArraySchema = typedArraySchema(Uint32Array);
export const Uint8ArraySchema = typedArraySchema(Uint8Array);
