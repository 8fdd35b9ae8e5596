// Messages between the main process and the solver host process. Both sides validate everything
// they receive: a host that misbehaves (or a main process of another version) is reported, never
// trusted. Typed arrays cross as they are (`serialization: 'advanced'`, or Electron's structured
// clone), so fields are never turned into JSON.

import { z } from 'zod';
import { ERROR_CODES, GridInfoSchema, IterationRecordSchema, RunStatus, type AppError, type Result } from '../../app/contract/index.js';

const requestNumber = z.int().nonnegative();
const solutionId = z.string().min(1).max(200);
const double = z.number().nullable();

export const SolveRequestSchema = z.object({
  kind: z.literal('solve'),
  id: requestNumber,
  solutionId,
  /** The spec as JSON text: the addon validates it exactly as mfg-solve does. */
  specJson: z.string(),
  warmStartFrom: solutionId.optional(),
  threads: z.int().positive().optional(),
});

export const HostRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('capabilities'), id: requestNumber }),
  SolveRequestSchema,
  /** Cancels the solve that request `id` started. */
  z.object({ kind: z.literal('cancel'), id: requestNumber }),
  z.object({ kind: z.literal('release'), id: requestNumber, solutionId }),
  z.object({
    kind: z.literal('read'), id: requestNumber, solutionId, field: z.enum(['u', 'm']),
    levels: z.tuple([z.int().nonnegative(), z.int().nonnegative()]).optional(),
  }),
  z.object({
    kind: z.literal('save'), id: requestNumber, solutionId, directory: z.string().min(1),
    solverName: z.string(), provenance: z.record(z.string(), z.unknown()).optional(), force: z.boolean().optional(),
  }),
]);
export type HostRequest = z.output<typeof HostRequestSchema>;
export type SolveRequest = z.output<typeof SolveRequestSchema>;

export const AppErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() });

export const HostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.int() }),
  z.object({ kind: z.literal('progress'), id: requestNumber, record: IterationRecordSchema }),
  z.object({
    kind: z.literal('result'), id: requestNumber,
    result: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: AppErrorSchema })]),
  }),
]);
export type HostMessage = z.input<typeof HostMessageSchema>;

// What each request answers with (checked by the main side against the request it sent).

export const NativeCapabilitiesSchema = z.object({
  version: z.string(), git: z.string(), compiler: z.string(), buildType: z.string(), openmp: z.boolean(),
  threads: z.int().nonnegative(), cuda: z.boolean(), mpi: z.boolean(), dimensions: z.array(z.int()),
});

/** A finished solve without its fields (u and m stay in the host; they are read by slices). */
export const SolvedSchema = z.object({
  status: RunStatus.exclude(['running']),
  message: z.string(),
  iterations: z.int().nonnegative(),
  residual: z.object({ hjb: double, fp: double, change: double }),
  mass: z.object({ initial: double, final: double, max_relative_drift: double, min_density: double }),
  timings: z.object({ total_s: z.number(), hjb_s: z.number(), fp_s: z.number(), linear_s: z.number(), newton_s: z.number() }),
  history: z.array(IterationRecordSchema),
  spec: z.record(z.string(), z.unknown()),
  grid: GridInfoSchema,
  times: z.instanceof(Float64Array),
  warmStarted: z.boolean(),
});
export type Solved = z.output<typeof SolvedSchema>;

export const FieldReadSchema = z.object({
  levels: z.tuple([z.int().nonnegative(), z.int().nonnegative()]),
  shape: z.array(z.int().nonnegative()),
  values: z.instanceof(Float64Array),
});

export const ANSWER_SCHEMAS = {
  capabilities: NativeCapabilitiesSchema,
  solve: SolvedSchema,
  release: z.object({ released: z.boolean() }),
  read: FieldReadSchema,
  save: z.object({ path: z.string() }),
} as const;

export type AnswerKind = keyof typeof ANSWER_SCHEMAS;
export type Answer<K extends AnswerKind> = z.output<(typeof ANSWER_SCHEMAS)[K]>;

/** A host answer checked against what its request expects; a wrong shape is the host's fault. */
export function checkAnswer<K extends AnswerKind>(kind: K, result: Result<unknown>): Result<Answer<K>> {
  if (!result.ok) return result;
  const parsed = ANSWER_SCHEMAS[kind].safeParse(result.value);
  if (parsed.success) return { ok: true, value: parsed.data as Answer<K> };
  const issue = parsed.error.issues[0];
  const error: AppError = {
    code: 'solver_failed',
    message: `the solver host answered a '${kind}' request with an invalid value (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown'})`,
  };
  return { ok: false, error };
}
