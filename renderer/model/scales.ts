// Maps between data values and screen positions for the plots, linear or logarithmic, with the
// inverse for hover read-outs. Pure, so axes and hit-testing are tested without a canvas.

export interface Scale {
  (value: number): number;
  invert(position: number): number;
  readonly domain: readonly [number, number];
  readonly log: boolean;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  return Object.assign(scale, {
    invert: (position: number) => d0 + ((position - r0) / (r1 - r0 || 1)) * span,
    domain: [d0, d1] as const,
    log: false,
  });
}

/** Log scale over a positive domain; values <= 0 map below the range (off the plot). */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const l0 = Math.log10(d0);
  const l1 = Math.log10(d1);
  const span = l1 - l0 || 1;
  const [r0, r1] = range;
  const scale = ((value: number) => (value > 0 ? r0 + ((Math.log10(value) - l0) / span) * (r1 - r0) : Number.NaN)) as Scale;
  return Object.assign(scale, {
    invert: (position: number) => 10 ** (l0 + ((position - r0) / (r1 - r0 || 1)) * span),
    domain: [d0, d1] as const,
    log: true,
  });
}

/** A range with some room around [lo, hi]; a flat range is widened so it still has height. */
export function paddedRange(lo: number, hi: number, fraction = 0.05): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * fraction;
  return [lo - pad, hi + pad];
}

/** The index of the nearest sample to a position along a uniform axis of n samples over [a, b]. */
export function nearestIndex(value: number, a: number, b: number, n: number): number {
  if (n <= 1 || b === a) return 0;
  return Math.min(n - 1, Math.max(0, Math.round(((value - a) / (b - a)) * (n - 1))));
}
