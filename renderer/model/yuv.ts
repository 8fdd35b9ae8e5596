// RGBA to planar YUV 4:2:0 (I420), BT.709, limited ("TV") range: what an H.264 MP4 stores. Done in
// the page before frames go to ffmpeg, so each 1080p frame is 3.1 MB instead of 8.3 MB on the wire
// and ffmpeg does no colour conversion; ffmpeg tags the stream as BT.709 so players decode it with
// the same matrix (ITU-R BT.709-6, table 3; 8-bit: Y in 16..235, Cb/Cr in 16..240).

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
const Y_SCALE = 219 / 255;
const C_SCALE = 224 / 255;

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

export function lumaOf(r: number, g: number, b: number): number {
  return clampByte(16 + Y_SCALE * (KR * r + KG * g + KB * b));
}

export function chromaOf(r: number, g: number, b: number): [number, number] {
  const y = KR * r + KG * g + KB * b;
  return [clampByte(128 + C_SCALE * ((b - y) / (2 * (1 - KB)))), clampByte(128 + C_SCALE * ((r - y) / (2 * (1 - KR))))];
}

/** Bytes of one I420 frame; width and height must be even. */
export const i420Bytes = (width: number, height: number): number => width * height * 3 / 2;

/** Writes the I420 planes (Y, then Cb, then Cr) of an opaque RGBA frame into `out` at `offset`. */
export function rgbaToI420(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, out: Uint8Array, offset = 0): void {
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError(`expected an even width and height, received ${width} x ${height}`);
  const chromaWidth = width / 2;
  const cbAt = offset + width * height;
  const crAt = cbAt + chromaWidth * (height / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = 4 * (y * width + x);
      out[offset + y * width + x] = lumaOf(rgba[p] as number, rgba[p + 1] as number, rgba[p + 2] as number);
    }
  }
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0; cx < chromaWidth; cx++) {
      // The mean colour of the 2 x 2 block (chroma sited between the four luma samples).
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const p = 4 * ((2 * cy + dy) * width + 2 * cx + dx);
        r += rgba[p] as number;
        g += rgba[p + 1] as number;
        b += rgba[p + 2] as number;
      }
      const [cb, cr] = chromaOf(r / 4, g / 4, b / 4);
      out[cbAt + cy * chromaWidth + cx] = cb;
      out[crAt + cy * chromaWidth + cx] = cr;
    }
  }
}
