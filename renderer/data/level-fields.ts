// One stored time level of a 2D or 3D field, read lazily: the views ask for the level on screen,
// the slice cache reads it once (fields.read with levels [k, k+1]) and keeps the most recent ones
// under its byte budget. Colour limits fixed across time need the extremes of every level: those
// are gathered by a background pass over the levels, one at a time, and remembered per field.

import type { FieldRequest, FieldSlice, Result } from '../../app/contract/index.js';
import { levelStats, mergeStats, type ValueStats } from '../model/color-limits.js';
import { formulaMask } from '../model/obstacle-mask.js';
import type { Shown } from '../state/view-slice.js';
import type { FieldName } from './shown-fields.js';
import type { SliceCache } from './slice-cache.js';

export interface LevelField {
  readonly shown: Shown;
  readonly field: FieldName;
  readonly level: number;
  /** [z, y, x] C order, x fastest. */
  readonly values: Float64Array | Float32Array;
  /** Cells per axis, x first: [nx, ny] or [nx, ny, nz]. */
  readonly dims: readonly number[];
  /** Finite extremes of this level; undefined when nothing is finite. */
  readonly stats: ValueStats | undefined;
  /** The slice it came from (identity changes when the data does). */
  readonly slice: FieldSlice;
}

export function levelRequest(shown: Shown, field: FieldName, level: number): FieldRequest {
  return { source: shown.source, field, levels: [level, level + 1] };
}

const statsOf = new WeakMap<FieldSlice, ValueStats | null>();

function toLevelField(shown: Shown, field: FieldName, level: number, slice: FieldSlice): Result<LevelField> {
  const dims = slice.shape.slice(1).reverse();
  const expected = shown.grid.points;
  if (dims.length !== expected.length || dims.some((n, axis) => n !== expected[axis])) {
    return { ok: false, error: { code: 'bad_input', message: `${field} has ${dims.join(' x ')} cells per level, but the run's grid says ${expected.join(' x ')}: the run is damaged` } };
  }
  let stats = statsOf.get(slice);
  if (stats === undefined) {
    stats = levelStats(slice.values) ?? null;
    statsOf.set(slice, stats);
  }
  return { ok: true, value: { shown, field, level, values: slice.values, dims, stats: stats ?? undefined, slice } };
}

/** The level if it is cached, without reading. */
export function peekLevel(cache: SliceCache, shown: Shown, field: FieldName, level: number): LevelField | undefined {
  const slice = cache.peek(levelRequest(shown, field, level));
  if (slice === undefined) return undefined;
  const checked = toLevelField(shown, field, level, slice);
  return checked.ok ? checked.value : undefined;
}

/** The level, read if needed. */
export async function loadLevel(cache: SliceCache, shown: Shown, field: FieldName, level: number): Promise<Result<LevelField>> {
  const read = await cache.load(levelRequest(shown, field, level));
  return read.ok ? toLevelField(shown, field, level, read.value) : read;
}

interface Scan {
  stats: ValueStats | undefined;
  done: boolean;
  readonly waiting: (() => void)[];
}

const scans = new WeakMap<SliceCache, Map<string, Scan>>();

/**
 * The extremes of a field over every stored level, or undefined while they are being gathered
 * (`onReady` runs once they are). A failed read ends the pass with what it had gathered.
 */
export function allLevelsStats(cache: SliceCache, shown: Shown, field: FieldName, onReady: () => void): ValueStats | undefined {
  let byField = scans.get(cache);
  if (byField === undefined) {
    byField = new Map();
    scans.set(cache, byField);
  }
  const key = `${shown.key}|${field}`;
  const scan = byField.get(key);
  if (scan?.done === true) return scan.stats;
  if (scan !== undefined) {
    scan.waiting.push(onReady);
    return undefined;
  }
  const started: Scan = { stats: undefined, done: false, waiting: [onReady] };
  byField.set(key, started);
  void scanLevels(cache, shown, field, started);
  return undefined;
}

async function scanLevels(cache: SliceCache, shown: Shown, field: FieldName, scan: Scan): Promise<void> {
  for (let level = 0; level < shown.times.length; level++) {
    const read = await loadLevel(cache, shown, field, level);
    if (!read.ok) break;
    scan.stats = mergeStats(scan.stats, read.value.stats);
  }
  scan.done = true;
  for (const ready of scan.waiting.splice(0)) ready();
}

/** Both fields of one level, u NaN inside obstacles (the velocity comes from u). */
export interface LevelPair {
  readonly u: LevelField;
  readonly m: LevelField;
  /** 1 for obstacle cells, storage order. */
  readonly solid: Uint8Array;
}

const formulaMasks = new WeakMap<Shown, Uint8Array | null>();
const pairs = new WeakMap<FieldSlice, { u: LevelField; solid: Uint8Array }>();

/**
 * Obstacles are cells where a saved run stores u as NaN (this covers mask files) or where the
 * spec's obstacle formula is non-zero (live solutions keep u finite there): u is NaN in both.
 */
function withObstacles(shown: Shown, u: LevelField): { u: LevelField; solid: Uint8Array } {
  const known = pairs.get(u.slice);
  if (known !== undefined && known.u.shown === shown) return known;
  let fromFormula = formulaMasks.get(shown);
  if (fromFormula === undefined) {
    fromFormula = formulaMask(shown.spec.domain.obstacle, shown.grid) ?? null;
    formulaMasks.set(shown, fromFormula);
  }
  const solid = new Uint8Array(u.values.length);
  let added = false;
  for (let i = 0; i < solid.length; i++) {
    const nan = Number.isNaN(u.values[i] as number);
    const listed = fromFormula?.[i] === 1;
    solid[i] = nan || listed ? 1 : 0;
    if (listed && !nan) added = true;
  }
  let masked = u;
  if (added) {
    const values = Float64Array.from(u.values, (v, i) => (solid[i] === 1 ? Number.NaN : v));
    masked = { ...u, values, stats: levelStats(values) };
  }
  const result = { u: masked, solid };
  pairs.set(u.slice, result);
  return result;
}

function pairOf(shown: Shown, u: LevelField, m: LevelField): LevelPair {
  const obstacles = withObstacles(shown, u);
  return { u: obstacles.u, m, solid: obstacles.solid };
}

export function peekLevelPair(cache: SliceCache, shown: Shown, level: number): LevelPair | undefined {
  const u = peekLevel(cache, shown, 'u', level);
  const m = peekLevel(cache, shown, 'm', level);
  return u === undefined || m === undefined ? undefined : pairOf(shown, u, m);
}

export async function loadLevelPair(cache: SliceCache, shown: Shown, level: number): Promise<Result<LevelPair>> {
  const [u, m] = await Promise.all([loadLevel(cache, shown, 'u', level), loadLevel(cache, shown, 'm', level)]);
  if (!u.ok) return u;
  if (!m.ok) return m;
  return { ok: true, value: pairOf(shown, u.value, m.value) };
}

/** allLevelsStats as a promise (export frames wait for fixed limits rather than draw provisional ones). */
export function allLevelsStatsReady(cache: SliceCache, shown: Shown, field: FieldName): Promise<ValueStats | undefined> {
  return new Promise((resolve) => {
    const attempt = (): void => {
      const stats = allLevelsStats(cache, shown, field, attempt);
      if (stats !== undefined || scans.get(cache)?.get(`${shown.key}|${field}`)?.done === true) resolve(stats);
    };
    attempt();
  });
}

/** While playing, the next level is read ahead so playback does not wait for it (read errors are shown when it is reached). */
export function prefetchNext(cache: SliceCache, shown: Shown, level: number, playing: boolean, loop: boolean): void {
  if (!playing) return;
  const next = level + 1 < shown.times.length ? level + 1 : loop ? 0 : -1;
  if (next >= 0 && next !== level && peekLevelPair(cache, shown, next) === undefined) void loadLevelPair(cache, shown, next);
}
