import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, readPngInfo, toBase64, withPngDpi } from './png.js';

const pixels = (w: number, h: number): Uint8Array => Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);

describe('PNG', () => {
  it('encodes RGBA that zlib decodes back to the same rows', () => {
    const rgba = pixels(3, 2);
    const png = encodePng(rgba, 3, 2);
    expect(readPngInfo(png)).toEqual({ width: 3, height: 2, dpi: undefined });
    const view = new DataView(png.buffer);
    let at = 8;
    let idat: Uint8Array = new Uint8Array(0);
    while (at < png.length) {
      const length = view.getUint32(at);
      if (String.fromCharCode(...png.subarray(at + 4, at + 8)) === 'IDAT') idat = png.subarray(at + 8, at + 8 + length);
      at += 12 + length;
    }
    const raw = inflateSync(idat);
    expect(raw.length).toBe(2 * (1 + 12));
    expect([...raw.subarray(1, 13)]).toEqual([...rgba.subarray(0, 12)]);
    expect([...raw.subarray(14, 26)]).toEqual([...rgba.subarray(12, 24)]);
  });

  it('records and replaces the DPI in pHYs', () => {
    const png = encodePng(pixels(2, 2), 2, 2, 300);
    expect(readPngInfo(png)?.dpi).toBeCloseTo(300, 0);
    const again = withPngDpi(png, 600);
    expect(readPngInfo(again)).toMatchObject({ width: 2, height: 2 });
    expect(readPngInfo(again)?.dpi).toBeCloseTo(600, 0);
    expect(again.length).toBe(png.length);
  });

  it('refuses wrong byte counts and non-PNG bytes', () => {
    expect(() => encodePng(new Uint8Array(5), 2, 2)).toThrow(/expected 16 RGBA bytes for 2 x 2, received 5/);
    expect(readPngInfo(new Uint8Array(40))).toBeUndefined();
    expect(() => withPngDpi(new Uint8Array(40), 300)).toThrow(/signature/);
  });

  it('base64 matches Node', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = pixels(n, 1).subarray(0, n);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
