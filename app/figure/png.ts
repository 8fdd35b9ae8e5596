// PNG bytes without a canvas, so a heatmap's body can be embedded in SVG/PDF from any process, and
// the physical resolution (pHYs) that makes a PNG open at its intended size in office software.
// Format: ISO/IEC 15948 (PNG), chunks of length + type + data + CRC-32.

import { zlibSync } from 'fflate';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const INCHES_PER_METRE = 39.37007874;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function physChunk(dpi: number): Uint8Array {
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  const perMetre = Math.round(dpi * INCHES_PER_METRE);
  view.setUint32(0, perMetre);
  view.setUint32(4, perMetre);
  data[8] = 1; // unit: metre
  return chunk('pHYs', data);
}

/** RGBA bytes (row-major, 4 per pixel) as a PNG, optionally tagged with its DPI. */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, dpi?: number): Uint8Array<ArrayBuffer> {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes for ${width} x ${height}, received ${rgba.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  const raw = new Uint8Array(height * (1 + width * 4));
  for (let row = 0; row < height; row++) {
    raw[row * (1 + width * 4)] = 0; // filter: none
    raw.set(rgba.subarray(row * width * 4, (row + 1) * width * 4), row * (1 + width * 4) + 1);
  }
  return concat([
    new Uint8Array(SIGNATURE), chunk('IHDR', header), ...(dpi === undefined ? [] : [physChunk(dpi)]),
    chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0)),
  ]);
}

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  /** From pHYs when present (metre units). */
  readonly dpi: number | undefined;
}

/** Size and DPI of a PNG; undefined when the bytes are not a PNG. */
export function readPngInfo(png: Uint8Array): PngInfo | undefined {
  if (png.length < 33 || SIGNATURE.some((byte, i) => png[i] !== byte)) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let dpi: number | undefined;
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'pHYs' && png[at + 16] === 1) dpi = view.getUint32(at + 8) / INCHES_PER_METRE;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return { width: view.getUint32(16), height: view.getUint32(20), dpi };
}

/** The same PNG with a pHYs chunk saying `dpi` (any earlier pHYs is replaced). */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array<ArrayBuffer> {
  if (readPngInfo(png) === undefined) throw new RangeError('expected PNG bytes (the signature is missing)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (let at = 8; at + 8 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const whole = png.subarray(at, at + 12 + length);
    if (type !== 'pHYs') parts.push(whole);
    if (type === 'IHDR') parts.push(physChunk(dpi));
    at += 12 + length;
  }
  return concat(parts);
}

/** Base64 of bytes without Buffer or btoa (runs in Node, browsers and workers alike). */
export function toBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63] as string;
    out += alphabet[(n >> 12) & 63] as string;
    out += b === undefined ? '=' : alphabet[(n >> 6) & 63] as string;
    out += c === undefined ? '=' : alphabet[n & 63] as string;
  }
  return out;
}
