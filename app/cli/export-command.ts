// `mfgw export RUN --view ID --format png|svg|pdf|mp4|gif`: the app's exports from the command
// line, through headless Chromium (app/cli/headless-export.ts) so figures look the same as in the app.

import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeReceived, err, ok, type Result } from '../contract/index.js';
import { EXPORT_LIMITS_MODES, type ExportLimitsMode, type ExportRequest } from '../figure/export-request.js';
import { DEFAULT_ASPECT, EXPORT_FORMATS, figureSize, WIDTH_PRESETS, type ExportFormat } from '../figure/sizes.js';
import { STYLE_NAMES, type StyleName } from '../figure/style.js';
import { exportHeadless } from './headless-export.js';
import { flag, parseArgs, stringOption, type ParsedArgs } from '../../main/cli/args.js';
import { cliLogger, type CliIo } from '../../main/cli/io.js';
import { openRunStore } from '../../main/cli/runs-command.js';

export const EXPORT_HELP = `usage: mfgw export RUN --view ID [--format png|svg|pdf|mp4|gif] [--out FILE] [options]

RUN is a run directory, or a run's id or name as \`mfgw runs\` lists them.

Exports a view of a saved run as the app's Export dialog does (the same code, in headless Chromium).
Views: heatmap-m, heatmap-u, slice, mass, convergence (SVG/PDF and raster), surface-m, surface-u
(PNG/MP4/GIF only), and any view the app registers.

  --out FILE          where to write (default: ./<view>.<format>); the format follows its extension
  --format F          png, svg, pdf (figures), mp4, gif (animations)
figures:
  --width-in X        width in inches (default 3.5, one column; 7.2 for two)
  --height-in Y       height in inches (default 0.62 x width)
  --dpi N             PNG resolution (default 300): pixels = inches x DPI
  --level N           the time level shown (default: the last)
  --style S           SVG/PDF: paper (8 pt text) or talk (14 pt); a PNG is the view as drawn on
                      screen, scaled to the DPI
  --transparent       no background
  --limits L          colour limits of 2D/3D views: robust (each level's 0.1-99.9 percentiles, the
                      default in the app), fixed (the range of all levels), auto (each level's range)
  --clim LO,HI        fixed colour limits LO..HI in every frame (2D/3D views, 1D heatmaps)
animations:
  --from N --to N     stored time levels (default: all)
  --fps N             frames per second (default 24)
  --size WxH          pixels (default 1280x720; rounded down to even)
  --quality Q         low, medium or high (default high)
  --encoder E         auto (WebCodecs if Chromium can, else ffmpeg) or ffmpeg
  --chromium PATH     the Chromium to run (default $MFGW_CHROMIUM or /usr/bin/chromium)

exit codes: 0 written, 1 the export failed, 2 bad input
`;

const OPTIONS = ['view', 'format', 'out', 'width-in', 'height-in', 'dpi', 'level', 'style', 'from', 'to', 'fps', 'size', 'quality', 'encoder', 'chromium', 'limits', 'clim']
  .map((name) => ({ name, value: 'VALUE' })).concat([{ name: 'transparent' }, { name: 'help' }] as { name: string; value: string }[]);

function numberOption(parsed: ParsedArgs, name: string, fallback: number, integer = false): Result<number, string> {
  const text = stringOption(parsed, name);
  if (text === undefined) return ok(fallback);
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    return err(`expected --${name} ${integer ? 'an integer' : 'a number'}, received ${describeReceived(text)}`);
  }
  return ok(value);
}

function choice<T extends string>(parsed: ParsedArgs, name: string, choices: readonly T[], fallback: T): Result<T, string> {
  const text = stringOption(parsed, name) ?? fallback;
  return (choices as readonly string[]).includes(text) ? ok(text as T) : err(`expected --${name} to be one of ${choices.join(', ')}, received ${describeReceived(text)}`);
}

function outputOf(parsed: ParsedArgs, io: CliIo, view: string): Result<{ file: string; format: ExportFormat }, string> {
  const out = stringOption(parsed, 'out');
  const fromName = out === undefined ? undefined : path.extname(out).slice(1).toLowerCase();
  const named = stringOption(parsed, 'format') ?? (fromName !== undefined && (EXPORT_FORMATS as string[]).includes(fromName) ? fromName : undefined);
  if (named === undefined) return err('expected --format png|svg|pdf|mp4|gif (or an --out FILE with one of those extensions), received neither');
  const format = choice(parsed, 'format', EXPORT_FORMATS, named as ExportFormat);
  if (!format.ok) return format;
  return ok({ file: path.resolve(io.cwd, out ?? `${view}.${format.value}`), format: format.value });
}

/** --limits and --clim (they exclude each other: --clim is manual limits). */
export function limitsOf(parsed: ParsedArgs): Result<Pick<ExportRequest, 'limits' | 'clim'>, string> {
  const limits = stringOption(parsed, 'limits');
  const clim = stringOption(parsed, 'clim');
  if (limits !== undefined && clim !== undefined) return err(`expected --limits or --clim, received both (--clim sets manual limits)`);
  if (clim !== undefined) {
    const parts = clim.split(',').map((part) => part.trim());
    const numbers = parts.map(Number);
    const [lo, hi] = numbers;
    if (parts.length !== 2 || parts.some((part) => part === '') || lo === undefined || hi === undefined || !numbers.every(Number.isFinite)) {
      return err(`expected --clim LO,HI (two numbers, e.g. 0,2.5), received ${describeReceived(clim)}`);
    }
    if (!(hi > lo)) return err(`expected --clim LO,HI with LO < HI, received ${describeReceived(clim)}`);
    return ok({ clim: [lo, hi] });
  }
  if (limits === undefined) return ok({});
  const mode = choice<ExportLimitsMode>(parsed, 'limits', EXPORT_LIMITS_MODES, 'robust');
  return mode.ok ? ok({ limits: mode.value }) : mode;
}

/** The request from the options; every mistake is a message. */
function requestOf(parsed: ParsedArgs, io: CliIo): Result<ExportRequest, string> {
  const view = stringOption(parsed, 'view');
  if (view === undefined) return err('expected --view ID (e.g. heatmap-m, slice, surface-m), received none');
  const output = outputOf(parsed, io, view);
  if (!output.ok) return output;
  const width = numberOption(parsed, 'width-in', WIDTH_PRESETS.single);
  if (!width.ok) return width;
  const numbers = {
    heightInches: numberOption(parsed, 'height-in', Math.round(width.value * DEFAULT_ASPECT * 100) / 100),
    dpi: numberOption(parsed, 'dpi', 300),
    level: numberOption(parsed, 'level', -1, true),
    firstLevel: numberOption(parsed, 'from', 0, true),
    lastLevel: numberOption(parsed, 'to', -1, true),
    fps: numberOption(parsed, 'fps', 24),
  };
  const values: Record<string, number> = {};
  for (const [key, value] of Object.entries(numbers)) {
    if (!value.ok) return value;
    values[key] = value.value;
  }
  const size = /^(\d+)x(\d+)$/.exec(stringOption(parsed, 'size') ?? '1280x720');
  if (size === null) return err(`expected --size WxH (e.g. 1920x1080), received ${describeReceived(stringOption(parsed, 'size'))}`);
  const style = choice<StyleName>(parsed, 'style', STYLE_NAMES, 'paper');
  const quality = choice(parsed, 'quality', ['low', 'medium', 'high'] as const, 'high');
  const encoder = choice(parsed, 'encoder', ['auto', 'ffmpeg'] as const, 'auto');
  if (!style.ok) return style;
  if (!quality.ok) return quality;
  if (!encoder.ok) return encoder;
  const limits = limitsOf(parsed);
  if (!limits.ok) return limits;
  const figure = { widthInches: width.value, heightInches: values.heightInches as number, dpi: values.dpi as number };
  // Checked here too, so a wrong size is refused before a browser starts.
  const isFigure = output.value.format === 'png' || output.value.format === 'svg' || output.value.format === 'pdf';
  const checked = isFigure ? figureSize(figure) : ok(undefined);
  if (!checked.ok) return checked;
  return ok({
    viewId: view, format: output.value.format, folder: path.dirname(output.value.file), fileName: path.basename(output.value.file),
    widthInches: width.value, heightInches: values.heightInches as number, dpi: values.dpi as number, level: values.level as number,
    transparent: flag(parsed, 'transparent'), style: style.value, firstLevel: values.firstLevel as number, lastLevel: values.lastLevel as number,
    fps: values.fps as number, widthPx: Number(size[1]), heightPx: Number(size[2]), quality: quality.value, encoder: encoder.value,
    ...limits.value,
  });
}

/** A run directory, or the run of that id or name in the app's list. */
async function resolveRun(run: string, io: CliIo): Promise<Result<string, string>> {
  const direct = path.resolve(io.cwd, run);
  if (existsSync(direct) && statSync(direct).isDirectory()) return ok(direct);
  const { store } = await openRunStore(io);
  const found = (await store.list()).filter((summary) => summary.runId === run || summary.name === run);
  if (found.length === 1 && found[0] !== undefined) return ok(found[0].path);
  if (found.length > 1) return err(`'${run}' names ${found.length} runs: give its id or directory (mfgw runs --json lists them)`);
  return err(`expected a run directory, or a run id or name that mfgw runs lists, received '${run}'`);
}

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, OPTIONS);
  const usage = (message: string): number => {
    io.stderr(`mfgw export: ${message}\n(run mfgw export --help for usage)\n`);
    return 2;
  };
  if (!parsed.ok) return usage(parsed.error);
  if (flag(parsed.value, 'help')) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const [run, ...extra] = parsed.value.positionals;
  if (run === undefined) return usage('expected a run directory (one holding run.json and fields.zarr), received none');
  if (extra.length > 0) return usage(`expected one run directory, received also ${extra.join(' ')}`);
  const runDirectory = await resolveRun(run, io);
  if (!runDirectory.ok) return usage(runDirectory.error);
  const request = requestOf(parsed.value, io);
  if (!request.ok) return usage(request.error);
  const chromium = stringOption(parsed.value, 'chromium') ?? io.env.MFGW_CHROMIUM ?? '/usr/bin/chromium';
  const result = await exportHeadless({ runDirectory: runDirectory.value, request: request.value, chromium, env: io.env, logger: cliLogger(io) });
  if (!result.ok) {
    io.stderr(`mfgw export: ${result.error.message}\n`);
    return result.error.code === 'bad_input' || result.error.code === 'not_found' ? 2 : 1;
  }
  const { path: written, bytes, frames, encoder, fallbackReason } = result.value;
  const how = encoder === undefined ? '' : `, ${frames} frames, encoded with ${encoder}${fallbackReason === undefined ? '' : ` (${fallbackReason})`}`;
  io.stdout(`wrote ${written} (${bytes} bytes${how})\n`);
  return 0;
}
