// run.json (docs/run-directory.md, format `mfg-run` version 1). Reading is tolerant of keys it does
// not know, so an older app can open a run written by a newer solver, but strict about the keys
// every reader relies on: format, format_version, status and the spec.

import { z } from 'zod';
import { describeReceived } from './received.js';
import { MfgSpecSchema } from './spec.js';
import { toSpecIssues, type SpecIssue } from './spec-issues.js';

export const RUN_FORMAT = 'mfg-run';
export const RUN_FORMAT_VERSION = 1;

export const RUN_STATUSES = ['running', 'converged', 'not_converged', 'diverged', 'cancelled', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES, {
  error: (issue) => `expected one of ${RUN_STATUSES.map((s) => `'${s}'`).join(', ')}, received ${describeReceived(issue.input)}`,
});
export type RunStatus = z.infer<typeof RunStatus>;

const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => `expected ${what}, received ${describeReceived(issue.input)}`,
});

const count = z.int(expected('an integer >= 0')).nonnegative(expected('an integer >= 0'));
const positiveCount = z.int(expected('an integer >= 1')).positive(expected('an integer >= 1'));
const seconds = z.number(expected('a number of seconds >= 0')).nonnegative(expected('a number of seconds >= 0'));
/** The solver writes NaN and infinity as null (JSON has no such numbers), e.g. after divergence. */
const double = z.number(expected('a number or null')).nullable();
const timestamp = z.iso.datetime({ offset: true, ...expected('an ISO 8601 date-time such as 2026-11-22T19:00:00.000Z') });

export const GridInfoSchema = z.looseObject({
  dimension: z.int(expected('1, 2 or 3')).min(1, expected('1, 2 or 3')).max(3, expected('1, 2 or 3')),
  points: z.array(positiveCount),
  lower: z.array(z.number()),
  upper: z.array(z.number()),
  spacing: z.array(z.number()),
  cell_centres: z.boolean(),
  time_levels: positiveCount,
  stored_levels: positiveCount,
  store_every: positiveCount,
});

export const SolverInfoSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  git: z.string().optional(),
  compiler: z.string().optional(),
  build_type: z.string().optional(),
  openmp: z.boolean().optional(),
  cuda: z.boolean().optional(),
  mpi: z.boolean().optional(),
});

export const HostInfoSchema = z.looseObject({ hostname: z.string().optional(), os: z.string().optional() });

export const ResidualsSchema = z.looseObject({ hjb: double, fp: double, change: double });

export const MassReportSchema = z.looseObject({
  initial: double,
  final: double,
  max_relative_drift: double,
  min_density: double,
});

/** Every phase is optional: a Picard run has no Newton or linear-solve time. */
export const TimingsSchema = z.looseObject({
  total_s: seconds.optional(),
  hjb_s: seconds.optional(),
  fp_s: seconds.optional(),
  linear_s: seconds.optional(),
  newton_s: seconds.optional(),
  output_s: seconds.optional(),
});

export const RunManifestSchema = z.looseObject({
  format: z.literal(RUN_FORMAT, expected(`'${RUN_FORMAT}'`)),
  format_version: z.literal(RUN_FORMAT_VERSION, expected(`${RUN_FORMAT_VERSION} (a newer version needs a newer MFG Workbench)`)),
  status: RunStatus,
  message: z.string().default(''),
  spec: MfgSpecSchema,
  grid: GridInfoSchema.optional(),
  solver: SolverInfoSchema.optional(),
  host: HostInfoSchema.optional(),
  backend: z.string().optional(),
  threads: positiveCount.optional(),
  ranks: positiveCount.optional(),
  job_id: z.union([z.string(), z.int()]).optional(),
  started_at: timestamp.optional(),
  finished_at: timestamp.optional(),
  iterations: count.optional(),
  residuals: ResidualsSchema.optional(),
  mass: MassReportSchema.optional(),
  timings: TimingsSchema.optional(),
}, expected('a run manifest object'));

export type RunManifest = z.output<typeof RunManifestSchema>;

export type ManifestParse = { ok: true; manifest: RunManifest } | { ok: false; issues: SpecIssue[] };

/** Parses a run.json document already decoded from JSON. */
export function parseManifest(json: unknown): ManifestParse {
  const parsed = RunManifestSchema.safeParse(json);
  return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, issues: toSpecIssues(parsed.error.issues) };
}
