// The time cursor (napari's Dims, for the one slider axis a 1D problem has): which stored time level
// every linked view shows, and whether playback runs. Pure values and functions; the store holds
// one cursor, and views subscribe to it outside React render.

export interface TimeCursor {
  /** Stored time levels of the shown solution (0 when nothing is shown). */
  readonly levels: number;
  /** The current level, in [0, levels - 1] (0 when levels is 0). */
  readonly level: number;
  readonly playing: boolean;
  /** Playback starts again at level 0 after the last level instead of stopping. */
  readonly loop: boolean;
  /** Milliseconds of playback not yet turned into a level step (frames rarely land on the beat). */
  readonly pendingMs: number;
}

export function createCursor(levels = 0, level = 0): TimeCursor {
  const count = Math.max(0, Math.floor(levels));
  return { levels: count, level: clampLevel(count, level), playing: false, loop: false, pendingMs: 0 };
}

function clampLevel(levels: number, level: number): number {
  if (levels <= 0 || !Number.isFinite(level)) return 0;
  return Math.min(levels - 1, Math.max(0, Math.round(level)));
}

export function setLevel(cursor: TimeCursor, level: number): TimeCursor {
  const next = clampLevel(cursor.levels, level);
  return next === cursor.level ? cursor : { ...cursor, level: next, pendingMs: 0 };
}

/** One step forward (+1) or back (-1); a manual step pauses playback, as in every video player. */
export function stepBy(cursor: TimeCursor, delta: number): TimeCursor {
  return { ...setLevel(cursor, cursor.level + delta), playing: false, pendingMs: 0 };
}

export function goHome(cursor: TimeCursor): TimeCursor {
  return { ...setLevel(cursor, 0), playing: false };
}

export function goEnd(cursor: TimeCursor): TimeCursor {
  return { ...setLevel(cursor, cursor.levels - 1), playing: false };
}

/** Play from the current level; playing from the last level starts over at the first. */
export function togglePlaying(cursor: TimeCursor): TimeCursor {
  if (cursor.playing) return { ...cursor, playing: false, pendingMs: 0 };
  if (cursor.levels <= 1) return cursor;
  const level = cursor.level >= cursor.levels - 1 ? 0 : cursor.level;
  return { ...cursor, level, playing: true, pendingMs: 0 };
}

export function setLoop(cursor: TimeCursor, loop: boolean): TimeCursor {
  return loop === cursor.loop ? cursor : { ...cursor, loop };
}

/**
 * Advances playback by `elapsedMs` at `fps` levels per second. Playback stops on the last level
 * unless it loops; the remainder of a partial frame carries over to the next call.
 */
export function advance(cursor: TimeCursor, elapsedMs: number, fps: number): TimeCursor {
  if (!cursor.playing || cursor.levels <= 1 || !(fps > 0) || !(elapsedMs > 0)) return cursor;
  const frameMs = 1000 / fps;
  const total = cursor.pendingMs + elapsedMs;
  const steps = Math.floor(total / frameMs);
  if (steps === 0) return { ...cursor, pendingMs: total };
  const pendingMs = total - steps * frameMs;
  const last = cursor.levels - 1;
  const target = cursor.level + steps;
  if (target <= last) return { ...cursor, level: target, pendingMs };
  if (cursor.loop) return { ...cursor, level: target % cursor.levels, pendingMs };
  return { ...cursor, level: last, playing: false, pendingMs: 0 };
}

/** The level whose time is closest to t (times ascending); ties go to the earlier level. */
export function nearestLevel(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0 || !Number.isFinite(t)) return 0;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) lo = mid;
    else hi = mid;
  }
  const dLo = Math.abs(t - (times[lo] as number));
  const dHi = Math.abs((times[hi] as number) - t);
  return dHi < dLo ? hi : lo;
}

/**
 * The cursor for a newly shown solution: the same time as before when there was one (a slider
 * move keeps the moment the user was looking at), level 0 for a first solution.
 */
export function retarget(cursor: TimeCursor, oldTimes: ArrayLike<number> | undefined, newTimes: ArrayLike<number>): TimeCursor {
  const levels = newTimes.length;
  const level = oldTimes !== undefined && oldTimes.length > 0 && cursor.levels > 0
    ? nearestLevel(newTimes, oldTimes[Math.min(cursor.level, oldTimes.length - 1)] as number)
    : 0;
  return { ...cursor, levels, level: clampLevel(levels, level), playing: cursor.playing && levels > 1, pendingMs: 0 };
}
