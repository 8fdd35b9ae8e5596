// The live solutions the solver host keeps: u, m and the addon's solution handle (for warm starts
// and for writing a run directory). Only the last `capacity` solves are kept, oldest first out; a
// solution that leaves is dropped, and the addon frees its handle when it is garbage-collected.

export interface LiveSolution<Handle> {
  /** Stored levels x cells, x fastest (the layout of fields.zarr). */
  u: Float64Array;
  m: Float64Array;
  /** [stored levels, ...points]. */
  shape: number[];
  handle: Handle;
}

export class SolutionCache<Handle> {
  private readonly solutions = new Map<string, LiveSolution<Handle>>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`the solution cache needs a capacity >= 1, not ${capacity}`);
  }

  get size(): number {
    return this.solutions.size;
  }

  ids(): string[] {
    return [...this.solutions.keys()];
  }

  get(id: string): LiveSolution<Handle> | undefined {
    return this.solutions.get(id);
  }

  /** Adds a solution; returns the ids that were dropped to make room. */
  add(id: string, solution: LiveSolution<Handle>): string[] {
    this.solutions.delete(id);
    this.solutions.set(id, solution);
    const dropped: string[] = [];
    for (const oldest of this.solutions.keys()) {
      if (this.solutions.size <= this.capacity) break;
      this.solutions.delete(oldest);
      dropped.push(oldest);
    }
    return dropped;
  }

  release(id: string): boolean {
    return this.solutions.delete(id);
  }
}
