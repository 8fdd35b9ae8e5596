// What the solver reports while it runs (docs/run-directory.md): progress JSON lines on stdout and
// the rows of convergence.csv. Like run.json, events tolerate keys they do not know.

import { z } from 'zod';
import { RunStatus } from './manifest.js';
import { describeReceived, expecting, oneOf } from './received.js';
import { SOLVER_METHODS } from './spec-fields.js';
import { toSpecIssues, type SpecIssue } from './spec-issues.js';

export const PHASES = ['warmup', 'continuation', 'newton', 'picard', 'fictitious_play'] as const;
export const Phase = z.enum(PHASES, expecting(oneOf(PHASES)));
export type Phase = z.infer<typeof Phase>;

const count = z.int(expecting('an integer >= 0')).nonnegative(expecting('an integer >= 0'));
const seconds = z.number(expecting('a number of seconds >= 0')).nonnegative(expecting('a number of seconds >= 0'));
/** NaN and infinity arrive as null: JSON has no such numbers. */
const residual = z.number(expecting('a number or null')).nullable();

export const StartEventSchema = z.looseObject({
  event: z.literal('start'),
  cells: count,
  time_levels: count,
  threads: count,
  method: z.enum(SOLVER_METHODS, expecting(oneOf(SOLVER_METHODS))),
});

export const IterationEventSchema = z.looseObject({
  event: z.literal('iteration'),
  iteration: count,
  phase: Phase,
  residual_hjb: residual,
  residual_fp: residual,
  residual: residual,
  change: residual,
  elapsed_s: seconds,
  linear_iterations: count.optional(),
});

export const SummaryEventSchema = z.looseObject({
  event: z.literal('summary'),
  status: RunStatus,
  iterations: count,
  residual: residual,
  elapsed_s: seconds,
  out: z.string(expecting('a string')),
});

export const ProgressEventSchema = z.discriminatedUnion('event', [StartEventSchema, IterationEventSchema, SummaryEventSchema], {
  error: (issue) => issue.code === 'invalid_union'
    ? `expected an event 'start', 'iteration' or 'summary', received ${describeReceived((issue.input as { event?: unknown } | undefined)?.event)}`
    : undefined,
});

export type StartEvent = z.output<typeof StartEventSchema>;
export type IterationEvent = z.output<typeof IterationEventSchema>;
export type SummaryEvent = z.output<typeof SummaryEventSchema>;
export type ProgressEvent = z.output<typeof ProgressEventSchema>;

export type EventParse = { ok: true; event: ProgressEvent } | { ok: false; issues: SpecIssue[] };

export function parseProgressEvent(json: unknown): EventParse {
  const parsed = ProgressEventSchema.safeParse(json);
  return parsed.success ? { ok: true, event: parsed.data } : { ok: false, issues: toSpecIssues(parsed.error.issues) };
}

/** One line of the solver's stdout; a line that is not JSON is an issue, not an exception. */
export function parseProgressLine(line: string): EventParse {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, issues: [{ path: '', message: `expected a JSON object, received ${describeReceived(line)}` }] };
  }
  return parseProgressEvent(json);
}

/** Columns of convergence.csv, in the order the solver writes them. */
export const CONVERGENCE_COLUMNS = [
  'iteration', 'phase', 'residual_hjb', 'residual_fp', 'residual', 'change', 'elapsed_s', 'linear_iterations',
] as const;

/** Any double, NaN and infinities included: the CSV keeps what the solver saw, divergence too. */
const double = z.custom<number>((value) => typeof value === 'number', expecting('a number'));

/** One row of convergence.csv once its cells are read as numbers (see parseConvergenceCsv). */
export const ConvergenceRowSchema = z.looseObject({
  iteration: count,
  phase: Phase,
  residual_hjb: double,
  residual_fp: double,
  residual: double,
  change: double,
  elapsed_s: seconds,
  linear_iterations: count,
});

export type ConvergenceRow = z.output<typeof ConvergenceRowSchema>;
