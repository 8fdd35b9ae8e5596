// Request ids for solves: unique per page load (a random session prefix, so two tabs on the same
// server never collide) and ordered within it (a counter), e.g. "r7k2q9-12".

export interface RequestIds {
  next(): string;
  /** The ids this generator made, in order; -1 for ids from elsewhere. */
  sequenceOf(id: string): number;
}

export function randomSessionPrefix(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return Array.from(random(new Uint8Array(4)), (byte) => byte.toString(36).padStart(2, '0')).join('');
}

export function createRequestIds(prefix: string = randomSessionPrefix()): RequestIds {
  let counter = 0;
  return {
    next: () => `${prefix}-${++counter}`,
    sequenceOf(id) {
      if (!id.startsWith(`${prefix}-`)) return -1;
      const n = Number(id.slice(prefix.length + 1));
      return Number.isInteger(n) && n > 0 && n <= counter ? n : -1;
    },
  };
}
