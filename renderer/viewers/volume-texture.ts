// A time level of a 3D field as a Data3DTexture: values mapped to [0, 1] by the colour scale
// (linear or log), obstacle cells set to -1 so the ray marcher can draw them,
// downsampled by block averages when a side exceeds the GPU's MAX_3D_TEXTURE_SIZE. Stored as 32-bit
// floats (R32F); filtered linearly where the GPU can (OES_texture_float_linear), else nearest.

import { Data3DTexture, FloatType, LinearFilter, NearestFilter, RedFormat } from 'three';
import { scalePosition, type ColorScale } from '../model/color-scale.js';
import { downsampleFactor, downsampleVolume } from '../model/volume-grid.js';

export const SOLID_VALUE = -1;

export interface VolumeTexture {
  readonly texture: Data3DTexture;
  /** Texture size per axis (x, y, z), after downsampling. */
  readonly dims: readonly [number, number, number];
  /** 1 when shown at full resolution. */
  readonly factor: number;
}

/** The normalised values with obstacles marked, at the resolution the GPU accepts. */
export function volumeValues(
  values: ArrayLike<number>, solid: Uint8Array, dims: readonly [number, number, number], scale: ColorScale, maxSide: number,
): { values: Float32Array; dims: readonly [number, number, number]; factor: number } {
  const n = dims[0] * dims[1] * dims[2];
  const normalised = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = scalePosition(scale, values[i] as number);
    // Obstacles become NaN until the end (so downsampling ignores them); values without a colour
    // (<= 0 on a log axis) are transparent.
    normalised[i] = solid[i] === 1 ? Number.NaN : Number.isNaN(s) ? 0 : s;
  }
  const factor = downsampleFactor(dims, maxSide);
  const fitted = factor === 1 ? { values: normalised, dims } : downsampleVolume(normalised, dims, factor);
  const out = fitted.values;
  for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i] as number)) out[i] = SOLID_VALUE;
  return { values: out, dims: fitted.dims, factor };
}

export function makeVolumeTexture(values: Float32Array, dims: readonly [number, number, number], factor: number, linear: boolean): VolumeTexture {
  const texture = new Data3DTexture(values, dims[0], dims[1], dims[2]);
  texture.format = RedFormat;
  texture.type = FloatType;
  texture.minFilter = linear ? LinearFilter : NearestFilter;
  texture.magFilter = linear ? LinearFilter : NearestFilter;
  texture.unpackAlignment = 1;
  texture.needsUpdate = true;
  return { texture, dims, factor };
}
