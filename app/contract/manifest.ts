// run.json (docs/run-directory.md, format `mfg-run` version 1). Reading is tolerant of keys it does
// not know, so an older app can open a run written by a newer solver, but strict about the keys
// every reader relies on: format, format_version, status and the spec.

import { z } from 'zod';
import { expecting, oneOf } from './received.js';
import { MfgSpecSchema } from './spec.js';
import { toSpecIssues, type SpecIssue } from './spec-issues.js';

export const RUN_FORMAT = 'mfg-run';
export const RUN_FORMAT_VERSION = 1;

export const RUN_STATUSES = ['running', 'converged', 'not_converged', 'diverged', 'cancelled', 'interrupted', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES, expecting(oneOf(RUN_STATUSES)));
export type RunStatus = z.infer<typeof RunStatus>;

const text = z.string(expecting('a string'));
const flag = z.boolean(expecting('true or false'));
const numbers = z.array(z.number(expecting('a number')), expecting('an array of numbers'));

const count = z.int(expecting('an integer >= 0')).nonnegative(expecting('an integer >= 0'));
const positiveCount = z.int(expecting('an integer >= 1')).positive(expecting('an integer >= 1'));
const seconds = z.number(expecting('a number of seconds >= 0')).nonnegative(expecting('a number of seconds >= 0'));
/** The solver writes NaN and infinity as null (JSON has no such numbers), e.g. after divergence. */
const double = z.number(expecting('a number or null')).nullable();
const timestamp = z.iso.datetime({ offset: true, ...expecting('an ISO 8601 date-time such as 2026-11-22T19:00:00.000Z') });

export const GridInfoSchema = z.looseObject({
  dimension: z.int(expecting('1, 2 or 3')).min(1, expecting('1, 2 or 3')).max(3, expecting('1, 2 or 3')),
  points: z.array(positiveCount, expecting('an array of integers >= 1')),
  lower: numbers,
  upper: numbers,
  spacing: numbers,
  cell_centres: flag,
  time_levels: positiveCount,
  stored_levels: positiveCount,
  store_every: positiveCount,
}, expecting('an object'));

export const SolverInfoSchema = z.looseObject({
  name: text,
  version: text,
  git: text.optional(),
  compiler: text.optional(),
  build_type: text.optional(),
  openmp: flag.optional(),
  cuda: flag.optional(),
  mpi: flag.optional(),
}, expecting('an object'));

export const HostInfoSchema = z.looseObject({ hostname: text.optional(), os: text.optional() }, expecting('an object'));

export const ResidualsSchema = z.looseObject({ hjb: double, fp: double, change: double }, expecting('an object'));

export const MassReportSchema = z.looseObject({
  initial: double,
  final: double,
  max_relative_drift: double,
  min_density: double,
}, expecting('an object'));

/** Every phase is optional: a Picard run has no Newton or linear-solve time. */
export const TimingsSchema = z.looseObject({
  total_s: seconds.optional(),
  hjb_s: seconds.optional(),
  fp_s: seconds.optional(),
  linear_s: seconds.optional(),
  newton_s: seconds.optional(),
  output_s: seconds.optional(),
}, expecting('an object'));

export const RunManifestSchema = z.looseObject({
  format: z.literal(RUN_FORMAT, expecting(`'${RUN_FORMAT}'`)),
  format_version: z.literal(RUN_FORMAT_VERSION, expecting(`${RUN_FORMAT_VERSION} (a newer version needs a newer MFG Workbench)`)),
  status: RunStatus,
  message: text.default(''),
  spec: MfgSpecSchema,
  grid: GridInfoSchema.optional(),
  solver: SolverInfoSchema.optional(),
  host: HostInfoSchema.optional(),
  backend: text.optional(),
  threads: positiveCount.optional(),
  ranks: positiveCount.optional(),
  job_id: z.union([z.string(), z.int()], expecting('a string or an integer')).optional(),
  started_at: timestamp.optional(),
  finished_at: timestamp.optional(),
  iterations: count.optional(),
  residuals: ResidualsSchema.optional(),
  mass: MassReportSchema.optional(),
  timings: TimingsSchema.optional(),
}, expecting('a run manifest object'));

export type RunManifest = z.output<typeof RunManifestSchema>;

export type ManifestParse = { ok: true; manifest: RunManifest } | { ok: false; issues: SpecIssue[] };

/** Parses a run.json document already decoded from JSON. */
export function parseManifest(json: unknown): ManifestParse {
  const parsed = RunManifestSchema.safeParse(json);
  return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, issues: toSpecIssues(parsed.error.issues) };
}
