import { describe, expect, it } from 'vitest';
import { chromaOf, i420Bytes, lumaOf, rgbaToI420 } from './yuv.js';

describe('RGBA to I420 (BT.709, limited range)', () => {
  it('maps black, white and grey to the ends and middle of the TV range with neutral chroma', () => {
    expect(lumaOf(0, 0, 0)).toBe(16);
    expect(lumaOf(255, 255, 255)).toBe(235);
    expect(chromaOf(255, 255, 255)).toEqual([128, 128]);
    expect(chromaOf(128, 128, 128)).toEqual([128, 128]);
  });

  it('puts primaries where BT.709 says', () => {
    // Y'CbCr of 100% red, green and blue in 8-bit BT.709 (ITU-R BT.709 / common reference values).
    expect([lumaOf(255, 0, 0), ...chromaOf(255, 0, 0)]).toEqual([63, 102, 240]);
    expect([lumaOf(0, 255, 0), ...chromaOf(0, 255, 0)]).toEqual([173, 42, 26]);
    expect([lumaOf(0, 0, 255), ...chromaOf(0, 0, 255)]).toEqual([32, 240, 118]);
  });

  it('lays out Y, Cb, Cr planes and averages chroma over 2 x 2 blocks', () => {
    const width = 4;
    const height = 2;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let p = 0; p < width * height; p++) {
      const left = p % width < 2;
      rgba.set(left ? [255, 255, 255, 255] : [0, 0, 255, 255], 4 * p);
    }
    const out = new Uint8Array(i420Bytes(width, height) + 3);
    rgbaToI420(rgba, width, height, out, 3);
    expect([...out.subarray(3, 11)]).toEqual([235, 235, 32, 32, 235, 235, 32, 32]);
    expect([...out.subarray(11, 13)]).toEqual([128, 240]);
    expect([...out.subarray(13, 15)]).toEqual([128, 118]);
    expect(() => rgbaToI420(rgba, 3, 2, out)).toThrow(/even width and height, received 3 x 2/);
  });
});
