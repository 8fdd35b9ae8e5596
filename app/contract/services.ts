// The services the renderer reaches over RPC (app/rpc), written once as data: each method's
// positional parameters and result, each event's payload, as zod schemas. The same definitions
// serve Electron IPC, the browser mode's WebSocket and the `mfgw` CLI. They are plain objects with
// the shape app/rpc's `defineService` produces (the contract may import only zod); the RPC server
// checks their names when it registers them.
//
// Large arrays (fields) travel as Float64Array/Float32Array, which both transports carry as raw
// bytes. Field data is fetched by slices (`fields.read`), never pushed through events or state.

import { z } from 'zod';
import {
  AuthPromptSchema, ClusterAlias, ClusterInfoSchema, ClusterProfileSchema, ConnectionStatusSchema, HostKeyReportSchema, JobDescriptionSchema,
  JobRecordSchema,
} from './cluster.js';
import { ConvergenceRowSchema, IterationEventSchema } from './events.js';
import { GridInfoSchema, MassReportSchema, RunManifestSchema, RunStatus } from './manifest.js';
import { FieldInfoSchema, FieldNameSchema } from './models.js';
import { FigureSchema } from './figure.js';
import { MfgSpecSchema } from './spec.js';
import { WorkspaceService } from './workspace.js';

const text = z.string();
const id = z.string().min(1).max(200);
const count = z.int().nonnegative();
/** NaN and infinity travel as null. */
const double = z.number().nullable();

export const Float64ArrayValue = z.instanceof(Float64Array);
export const Float32ArrayValue = z.instanceof(Float32Array);

/** One outer iteration of a solve, as `mfg-solve` prints it (without the `event` tag). */
export const IterationRecordSchema = IterationEventSchema.omit({ event: true });
export type IterationRecord = z.output<typeof IterationRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Solver: live solves in the solver host process (the Node-API addon).

export const CapabilitiesSchema = z.object({
  solverVersion: text,
  git: text,
  openmp: z.boolean(),
  threads: count,
  cuda: z.boolean(),
  mpi: z.boolean(),
  dimensions: z.array(z.int()),
});
export type Capabilities = z.output<typeof CapabilitiesSchema>;

export const SolveOptionsSchema = z.object({
  /** Chosen by the caller; progress events carry it, so a view can ignore superseded solves. */
  requestId: id,
  /** Start Newton from this earlier solution when the grid matches (slider moves). */
  warmStartFrom: id.optional(),
});
export type SolveOptions = z.output<typeof SolveOptionsSchema>;

export const SolutionSummarySchema = z.object({
  solutionId: id,
  requestId: id,
  status: RunStatus,
  message: text,
  iterations: count,
  residual: z.object({ hjb: double, fp: double, change: double }),
  mass: MassReportSchema,
  timings: z.object({ total_s: z.number(), hjb_s: z.number(), fp_s: z.number(), linear_s: z.number(), newton_s: z.number() }),
  /** The spec as solved, every default filled in. */
  spec: MfgSpecSchema,
  grid: GridInfoSchema,
  /** The stored times (t of each stored level). */
  times: Float64ArrayValue,
  history: z.array(IterationRecordSchema),
  warmStarted: z.boolean(),
});
export type SolutionSummary = z.output<typeof SolutionSummarySchema>;

export const ProgressSchema = z.object({ requestId: id, record: IterationRecordSchema });
export type Progress = z.output<typeof ProgressSchema>;

export const SolverService = {
  name: 'solver',
  methods: {
    capabilities: { params: z.tuple([]), result: CapabilitiesSchema },
    /** The spec is validated on the serving side (MfgSpecSchema); a newer solve does not cancel an
     *  older one by itself: the caller aborts the older call (latest wins). */
    solve: { params: z.tuple([z.unknown(), SolveOptionsSchema]), result: SolutionSummarySchema },
    /** Forget a live solution (its fields are freed). */
    release: { params: z.tuple([id]), result: z.object({ released: z.boolean() }) },
  },
  events: {
    onDidProgress: ProgressSchema,
    /** The solver host process restarted after a crash; live solutions are gone. */
    onDidRestartHost: z.object({ reason: text }),
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Fields: slices of a run's fields (u and m for MFG; whatever its fields.zarr lists) from a live
// solution or a saved run (lazy reads of fields.zarr).

export const FieldSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('live'), solutionId: id }),
  z.object({ kind: z.literal('run'), runId: id }),
]);
export type FieldSource = z.output<typeof FieldSourceSchema>;

export const FieldRequestSchema = z.object({
  source: FieldSourceSchema,
  /** A field the run lists (RunDetails.fields, models.ts); a name it does not list is refused. */
  field: FieldNameSchema,
  /** Stored levels [start, end); all of them when absent. */
  levels: z.tuple([count, count]).optional(),
});
export type FieldRequest = z.output<typeof FieldRequestSchema>;

export const FieldSliceSchema = z.object({
  field: FieldNameSchema,
  levels: z.tuple([count, count]),
  /** [levels, ...spatial points in storage order (x fastest last)]. */
  shape: z.array(count),
  values: z.union([Float64ArrayValue, Float32ArrayValue]),
});
export type FieldSlice = z.output<typeof FieldSliceSchema>;

export const FieldsService = {
  name: 'fields',
  methods: {
    read: { params: z.tuple([FieldRequestSchema]), result: FieldSliceSchema },
  },
  events: {},
} as const;

// ---------------------------------------------------------------------------------------------
// Runs: the runs folder, and run directories produced elsewhere (opened in place).

export const RunSummarySchema = z.object({
  runId: id,
  name: text,
  status: RunStatus.or(z.literal('damaged')),
  path: text,
  /** ISO 8601; null when the manifest is damaged. */
  startedAt: text.nullable(),
  finishedAt: text.nullable(),
  /** A few parameters to tell runs apart in a list. */
  keyParameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  iterations: count.nullable(),
  /** Opened from elsewhere (not inside the runs folder): deleting only forgets it. */
  external: z.boolean(),
  /** Why the run cannot be opened, when it is damaged (e.g. a corrupted run.json). */
  problem: text.optional(),
});
export type RunSummary = z.output<typeof RunSummarySchema>;

export const RunDetailsSchema = z.object({
  summary: RunSummarySchema,
  manifest: RunManifestSchema,
  convergence: z.array(ConvergenceRowSchema),
  times: Float64ArrayValue,
  grid: GridInfoSchema,
  /** What the run stores (its time-dependent arrays), as fields.zarr describes them. */
  fields: z.array(FieldInfoSchema),
});
export type RunDetails = z.output<typeof RunDetailsSchema>;

export const RunsService = {
  name: 'runs',
  methods: {
    list: { params: z.tuple([]), result: z.array(RunSummarySchema) },
    open: { params: z.tuple([id]), result: RunDetailsSchema },
    /** Writes a live solution as a run directory in the runs folder (the format mfg-solve writes). */
    save: { params: z.tuple([z.object({ solutionId: id, name: text.min(1).max(200).optional() })]), result: RunSummarySchema },
    rename: { params: z.tuple([id, text.min(1).max(200)]), result: RunSummarySchema },
    /** Deletes a run directory of the runs folder; an external run is only forgotten. */
    remove: { params: z.tuple([id]), result: z.object({ removed: z.boolean() }) },
    /** Opens a run directory produced elsewhere (e.g. by mfg-solve on a cluster), in place. */
    openDirectory: { params: z.tuple([text.min(1).max(4096)]), result: RunSummarySchema },
    /** Desktop only (capability `revealInFolder`): shows the run directory in the file manager. */
    reveal: { params: z.tuple([id]), result: z.object({ revealed: z.boolean() }) },
  },
  events: {
    onDidChangeRuns: z.object({ runs: z.array(RunSummarySchema) }),
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Settings, presets, app information.

export const COLORMAPS = ['viridis', 'cividis', 'magma', 'inferno'] as const;

export const SettingsSchema = z.object({
  version: z.literal(1),
  runsFolder: text,
  colormap: z.enum(COLORMAPS),
  /** Frames per second of the time cursor's playback. */
  playbackFps: z.number().min(1).max(120),
  /** Re-solve on every slider move (true) or on release only. */
  liveSolve: z.boolean(),
});
export type Settings = z.output<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.omit({ version: true }).partial();

export const SettingsService = {
  name: 'settings',
  methods: {
    get: { params: z.tuple([]), result: SettingsSchema },
    update: { params: z.tuple([SettingsPatchSchema]), result: SettingsSchema },
  },
  events: { onDidChangeSettings: SettingsSchema },
} as const;

export const PresetSchema = z.object({ id, name: text, description: text, spec: MfgSpecSchema });
export type Preset = z.output<typeof PresetSchema>;

export const PresetsService = {
  name: 'presets',
  methods: { list: { params: z.tuple([]), result: z.array(PresetSchema) } },
  events: {},
} as const;

export const AppInfoSchema = z.object({
  version: text,
  shell: z.enum(['electron', 'browser', 'cli']),
  capabilities: z.object({
    revealInFolder: z.boolean(),
    nativeDialogs: z.boolean(),
    /** Whether this workbench solves (the solver service); false for the viewer `mfgw export` starts. */
    liveSolving: z.boolean(),
  }),
});
export type AppInfo = z.output<typeof AppInfoSchema>;

export const AppService = {
  name: 'app',
  methods: { info: { params: z.tuple([]), result: AppInfoSchema } },
  events: {},
} as const;

// ---------------------------------------------------------------------------------------------
// Clusters (app/contract/cluster.ts): profiles, connections, jobs on SLURM/PBS/SGE or the local
// executor, results brought home into the runs folder.

const jobId = z.string().regex(/^job-[0-9a-z-]+$/);

export const ClusterService = {
  name: 'clusters',
  methods: {
    profiles: { params: z.tuple([]), result: z.array(ClusterProfileSchema) },
    /** Adds or replaces a profile (validated; the answer carries it with defaults filled in). */
    saveProfile: { params: z.tuple([z.unknown()]), result: ClusterProfileSchema },
    removeProfile: { params: z.tuple([ClusterAlias]), result: z.object({ removed: z.boolean() }) },
    /** Connects (or reuses the connection); an unknown or changed host key comes back in `hostKey`. */
    connect: { params: z.tuple([ClusterAlias]), result: ConnectionStatusSchema },
    /** The user accepted this exact fingerprint: it is written to known_hosts, then we connect. */
    acceptHostKey: { params: z.tuple([ClusterAlias, z.string()]), result: ConnectionStatusSchema },
    /** SLURM's partitions and limits, and whether sacct works (SLURM profiles only). */
    detect: { params: z.tuple([ClusterAlias]), result: ClusterInfoSchema },
    /** Answers one keyboard-interactive round (onDidPrompt); answers are never stored. */
    answerPrompt: { params: z.tuple([z.string(), z.array(z.string())]), result: z.object({ answered: z.boolean() }) },
    /** The batch script(s) a job would get, for preview and editing before submission. */
    preview: { params: z.tuple([ClusterAlias, JobDescriptionSchema]), result: z.object({ script: z.string(), tasks: z.int() }) },
    /** Submits; `script` replaces the generated one when the user edited the preview. */
    submit: { params: z.tuple([ClusterAlias, JobDescriptionSchema, z.string().optional()]), result: JobRecordSchema },
    jobs: { params: z.tuple([]), result: z.array(JobRecordSchema) },
    cancel: { params: z.tuple([jobId]), result: JobRecordSchema },
    requeue: { params: z.tuple([jobId]), result: JobRecordSchema },
    /** The last `bytes` of a task's log. */
    tail: { params: z.tuple([jobId, z.int().nonnegative(), z.int().min(1).max(1 << 20)]), result: z.object({ text: z.string() }) },
    /** Brings finished tasks' run directories home into the runs folder. */
    fetch: { params: z.tuple([jobId]), result: JobRecordSchema },
  },
  events: {
    onDidChangeJobs: z.object({ jobs: z.array(JobRecordSchema) }),
    onDidPrompt: AuthPromptSchema,
    onDidReportHostKey: HostKeyReportSchema,
  },
} as const;

// Export: figures and animations written into a folder (default: the runs folder's `exports/`).
// Every file is written to a temporary name in the target folder and renamed when complete, so a
// failure or a cancel leaves nothing behind.

export const ExportTargetSchema = z.object({
  /** Absolute folder; absent: the default exports folder. Created when missing. */
  folder: text.min(1).max(4096).optional(),
  /** A plain file name with the format's extension (no folders). */
  fileName: text.min(1).max(255),
});
export type ExportTarget = z.output<typeof ExportTargetSchema>;

export const ExportedFileSchema = z.object({ path: text, bytes: count });
export type ExportedFile = z.output<typeof ExportedFileSchema>;

export const VideoFormat = z.enum(['mp4', 'gif']);
export const VideoQuality = z.enum(['low', 'medium', 'high']);

export const VideoRequestSchema = ExportTargetSchema.extend({
  format: VideoFormat,
  width: z.int().min(16).max(4096),
  height: z.int().min(16).max(4096),
  fps: z.number().min(1).max(120),
  quality: VideoQuality,
  /** Frames that will be sent; the encode fails if a different number arrives. */
  frames: z.int().min(1).max(100_000),
  /** Layout of the raw frames: RGBA (4 bytes a pixel, the default) or I420 (BT.709, 1.5 bytes a pixel; MP4 only). */
  input: z.enum(['rgba', 'yuv420p']).optional(),
});
export type VideoRequest = z.output<typeof VideoRequestSchema>;

export const ExportService = {
  name: 'export',
  methods: {
    /** The default folder and whether ffmpeg (GIF, and MP4 without WebCodecs) is available. */
    capabilities: {
      params: z.tuple([]),
      result: z.object({ defaultFolder: text, ffmpeg: z.object({ available: z.boolean(), version: text, problem: text }) }),
    },
    /** A finished file made in the renderer (PNG, or an MP4 from WebCodecs). */
    writeFile: { params: z.tuple([ExportTargetSchema, z.instanceof(Uint8Array)]), result: ExportedFileSchema },
    /** A vector figure as SVG or PDF (text as text, DejaVu Sans embedded). */
    writeFigure: { params: z.tuple([ExportTargetSchema, z.enum(['svg', 'pdf']), FigureSchema]), result: ExportedFileSchema },
    /** Starts an ffmpeg encode that receives raw frames (RGBA, or I420 for MP4). */
    beginVideo: { params: z.tuple([VideoRequestSchema]), result: z.object({ videoId: id, encoder: z.literal('ffmpeg') }) },
    addFrames: { params: z.tuple([id, z.instanceof(Uint8Array)]), result: z.object({ received: count }) },
    finishVideo: { params: z.tuple([id]), result: ExportedFileSchema.extend({ frames: count }) },
    /** Stops the encode and removes its temporary file; nothing is left in the folder. */
    cancelVideo: { params: z.tuple([id]), result: z.object({ cancelled: z.boolean() }) },
  },
  events: {},
} as const;

export const SERVICES = [SolverService, FieldsService, RunsService, SettingsService, PresetsService, AppService, ClusterService, ExportService, WorkspaceService] as const;
