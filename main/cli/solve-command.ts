// `mfgw solve SPEC --out DIR`: one solve through the same solver host and addon as the app, with
// mfg-solve's output and exit codes (docs/run-directory.md), so scripts can use either.

import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { formatSpecIssue, validateSpec, type AppError, type MfgSpec, type SolutionSummary, type SpecIssue } from '../../app/contract/index.js';
import { errorMessage, readJsonFile } from '../files.js';
import { forkLauncher } from '../solver/launcher.js';
import { SolverHost } from '../solver/solver-host.js';
import { flag, integerOption, parseArgs, stringOption } from './args.js';
import { cliLogger, type CliIo } from './io.js';

export const SOLVE_HELP = `usage: mfgw solve SPEC.json --out RUN_DIR [--threads N] [--quiet] [--force]

Solves the problem in SPEC.json (docs/spec.md) with the native solver, in a solver host process,
and writes a run directory (docs/run-directory.md). Progress is printed as JSON lines on stdout.

  --out DIR      the run directory to write (refused if it exists and is not empty, unless --force)
  --threads N    OpenMP threads (default: all cores)
  --quiet        print only the summary line
  --force        replace the run files of an existing run directory (other files are kept)

exit codes: 0 converged, 1 internal or I/O error, 2 bad input, 3 not converged,
            4 diverged (NaN/Inf), 5 cancelled (SIGINT/SIGTERM)
`;

export const EXIT = { converged: 0, internal: 1, badInput: 2, notConverged: 3, diverged: 4, cancelled: 5, interrupted: 6 } as const;

const STATUS_EXIT: Record<SolutionSummary['status'], number> = {
  converged: EXIT.converged, not_converged: EXIT.notConverged, diverged: EXIT.diverged,
  cancelled: EXIT.cancelled, interrupted: EXIT.interrupted, failed: EXIT.internal, running: EXIT.internal,
};

const OPTIONS = [{ name: 'out', value: 'DIR' }, { name: 'threads', value: 'N' }, { name: 'quiet' }, { name: 'force' }, { name: 'help' }];

interface SolveArgs {
  specFile: string;
  out: string;
  threads: number | undefined;
  quiet: boolean;
  force: boolean;
}

export async function solveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseSolveArgs(argv, io);
  if (typeof parsed === 'number') return parsed;
  const spec = await readSpec(parsed.specFile);
  if (!spec.ok) return badInput(io, spec.issues, parsed.specFile);
  const outProblem = await checkOut(parsed.out, parsed.force);
  if (outProblem !== undefined) return badInput(io, [{ path: '', message: outProblem }]);
  const host = new SolverHost({ launcher: forkLauncher({ env: io.env, onStderr: io.stderr }), logger: cliLogger(io) });
  const controller = new AbortController();
  let signals = 0;
  const stop = io.onStopSignal(() => {
    signals += 1;
    if (signals === 1) io.stderr('mfgw solve: cancelling (the run directory will hold the last iterate); press Ctrl+C again to stop at once\n');
    if (signals === 1) controller.abort();
    else host.dispose();
  });
  try {
    const solved = await host.solve(spec.spec, {
      requestId: 'cli', signal: controller.signal, ...(parsed.threads === undefined ? {} : { threads: parsed.threads }),
      onProgress: (record) => {
        if (!parsed.quiet) io.stdout(`${JSON.stringify({ event: 'iteration', ...record })}\n`);
      },
    });
    if (!solved.ok) return failure(io, solved.error, signals > 0);
    await mkdir(parsed.out, { recursive: true });
    const written = await host.saveSolution(solved.value.solutionId, parsed.out, { solverName: 'mfgw (live)', force: parsed.force });
    if (!written.ok) return failure(io, written.error, false);
    io.stdout(`${JSON.stringify(summaryLine(solved.value, written.value.path))}\n`);
    return STATUS_EXIT[solved.value.status];
  } finally {
    stop.dispose();
    host.dispose();
  }
}

function parseSolveArgs(argv: readonly string[], io: CliIo): SolveArgs | number {
  const parsed = parseArgs(argv, OPTIONS);
  const usage = (message: string): number => {
    io.stderr(`mfgw solve: ${message}\n(run mfgw solve --help for usage)\n`);
    return EXIT.badInput;
  };
  if (!parsed.ok) return usage(parsed.error);
  if (flag(parsed.value, 'help')) {
    io.stdout(SOLVE_HELP);
    return EXIT.converged;
  }
  const [specFile, ...extra] = parsed.value.positionals;
  if (specFile === undefined) return usage('expected a spec file (mfgw solve SPEC.json --out RUN_DIR), received none');
  if (extra.length > 0) return usage(`expected one spec file, received ${parsed.value.positionals.length}: ${parsed.value.positionals.join(' ')}`);
  const out = stringOption(parsed.value, 'out');
  if (out === undefined) return usage('expected --out RUN_DIR (the run directory to write), received none');
  const threads = integerOption(parsed.value, 'threads', 'N', 1, 4096);
  if (!threads.ok) return usage(threads.error);
  return {
    specFile: path.resolve(io.cwd, specFile), out: path.resolve(io.cwd, out), threads: threads.value,
    quiet: flag(parsed.value, 'quiet'), force: flag(parsed.value, 'force'),
  };
}

type SpecRead = { ok: true; spec: MfgSpec } | { ok: false; issues: SpecIssue[] };

async function readSpec(file: string): Promise<SpecRead> {
  const read = await readJsonFile(file, { followLinks: true }); // a file the user named
  if (read.kind === 'missing') return { ok: false, issues: [{ path: '', message: `${file} does not exist` }] };
  if (read.kind !== 'ok') return { ok: false, issues: [{ path: '', message: `${file} is not readable JSON (${read.reason})` }] };
  return validateSpec(read.value);
}

async function checkOut(out: string, force: boolean): Promise<string | undefined> {
  try {
    const entries = await readdir(out);
    if (entries.length > 0 && !force) return `${out} exists and is not empty; choose another --out, or pass --force to replace the run files in it`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return `${out} is a file: expected a directory for --out`;
    if (code !== 'ENOENT') return `cannot use ${out}: ${errorMessage(error)}`;
  }
  return undefined;
}

function badInput(io: CliIo, issues: readonly SpecIssue[], file?: string): number {
  io.stdout(`${JSON.stringify({ event: 'error', code: 'bad_input', issues })}\n`);
  const where = file === undefined ? '' : `${file}: `;
  for (const issue of issues) io.stderr(`mfgw solve: ${where}${formatSpecIssue(issue)}\n`);
  return EXIT.badInput;
}

function failure(io: CliIo, error: AppError, interrupted: boolean): number {
  if (error.code === 'bad_input') {
    const issues = extractIssues(error.details) ?? [{ path: '', message: error.message }];
    return badInput(io, issues);
  }
  io.stdout(`${JSON.stringify({ event: 'error', code: error.code, message: error.message })}\n`);
  io.stderr(`mfgw solve: ${error.message}\n`);
  return interrupted || error.code === 'cancelled' ? EXIT.cancelled : EXIT.internal;
}

function extractIssues(details: unknown): SpecIssue[] | undefined {
  const issues: unknown = typeof details === 'object' && details !== null ? Reflect.get(details, 'issues') : undefined;
  if (!Array.isArray(issues)) return undefined;
  return issues.filter((issue): issue is SpecIssue => typeof issue === 'object' && issue !== null && typeof Reflect.get(issue, 'message') === 'string');
}

function summaryLine(summary: SolutionSummary, out: string): Record<string, unknown> {
  const last = summary.history[summary.history.length - 1];
  return {
    event: 'summary', status: summary.status, message: summary.message, iterations: summary.iterations,
    residual: last?.residual ?? null, elapsed_s: summary.timings.total_s, out, warm_started: summary.warmStarted,
  };
}
