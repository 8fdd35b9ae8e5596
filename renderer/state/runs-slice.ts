// The runs folder as the service lists it (runs.list, kept fresh by runs.onDidChangeRuns).

import type { RunSummary } from '../../app/contract/index.js';

export interface RunsSlice {
  readonly runs: readonly RunSummary[];
  readonly runsLoaded: boolean;
  /** The last runs operation that failed, in words. */
  readonly runsError: string | null;
}

export function initialRunsSlice(): RunsSlice {
  return { runs: [], runsLoaded: false, runsError: null };
}
