// `mfgw export` on a saved run (written by mfg-solve): the compiled CLI renders in headless
// Chromium and writes through the ExportService. Files are checked by tools; bad input exits 2
// with a message that says what was expected.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstFrameLuma, isLimitedRangeWhite, LIMITED_BT709_MP4, pngInfo, probePdf, probeVideo, toolGate } from '../main/testing/export-tools.js';
import { chromiumProblem } from './harness/browser.js';
import { MFGW, ROOT } from './harness/paths.js';
import { HANG_GUARD_MS } from '../main/testing/hang-guard.js';

const problem = chromiumProblem() ?? toolGate(['ffmpeg', 'ffprobe', 'pdffonts', 'pdftotext', 'pdfimages']).problem;
const skip = problem !== undefined && process.env.CI === undefined;
if (skip) console.warn(`\n*** SKIPPING mfgw export: ${problem}. In CI this is a failure. ***\n`);

let scratch: string;
let run: string;

function mfgw(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [MFGW, ...args], {
    encoding: 'utf8', cwd: scratch, timeout: HANG_GUARD_MS,
    env: { ...process.env, MFGW_CONFIG_DIR: path.join(scratch, 'config'), MFGW_RUNS_DIR: path.join(scratch, 'runs') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(skip)('mfgw export on a saved run', () => {
  beforeAll(() => {
    if (problem !== undefined) throw new Error(`mfgw export needs Chromium, ffmpeg and poppler: ${problem}`);
    scratch = mkdtempSync(path.join(tmpdir(), 'mfgw-export-cli-'));
    // Inside the runs folder, so that it can also be named as `mfgw runs` lists it.
    mkdirSync(path.join(scratch, 'runs'));
    run = path.join(scratch, 'runs', 'seed-run');
    const solved = mfgw(['solve', path.join(ROOT, 'assets', 'presets', 'seed-002-congestion.json'), '--out', run, '--quiet']);
    if (solved.status !== 0) throw new Error(`mfgw solve failed: ${solved.stderr}`);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes a PNG at DPI x inches, a PDF with text and no raster, and a GIF of the chosen levels', () => {
    const png = mfgw(['export', run, '--view', 'heatmap-u', '--out', 'u.png', '--width-in', '7.2', '--height-in', '3', '--dpi', '100']);
    expect(png, png.stderr).toMatchObject({ status: 0, stdout: expect.stringContaining(`wrote ${path.join(scratch, 'u.png')}`) });
    expect(pngInfo(path.join(scratch, 'u.png'))).toMatchObject({ width: 720, height: 300 });

    const pdf = mfgw(['export', 'Seed 002: congestion, crowd heading to x = 0.7', '--view', 'mass', '--format', 'pdf', '--style', 'talk']);
    expect(pdf.status, pdf.stderr).toBe(0);
    const probe = probePdf(path.join(scratch, 'mass.pdf'));
    expect(probe).toMatchObject({ images: 0 });
    expect(probe.text).toContain('Mass ∫ m dx');
    expect(probe.fonts.every((font) => font.embedded)).toBe(true);

    const svg = mfgw(['export', run, '--view', 'convergence', '--out', 'figures/convergence.svg']);
    expect(svg.status, svg.stderr).toBe(0);
    expect(readFileSync(path.join(scratch, 'figures', 'convergence.svg'), 'utf8')).toMatch(/<text [^>]*>iteration<\/text>/);

    // --clim sets the colour limits: the heatmap's colour bar then runs to 100 (m stays below 10 here).
    const limited = mfgw(['export', run, '--view', 'heatmap-m', '--out', 'figures/m-clim.svg', '--clim', '0,100']);
    expect(limited.status, limited.stderr).toBe(0);
    expect(readFileSync(path.join(scratch, 'figures', 'm-clim.svg'), 'utf8')).toMatch(/<text [^>]*>100<\/text>/);

    const gif = mfgw(['export', run, '--view', 'slice', '--format', 'gif', '--from', '10', '--to', '29', '--size', '321x201', '--fps', '10']);
    expect(gif, gif.stderr).toMatchObject({ status: 0, stdout: expect.stringContaining('20 frames, encoded with ffmpeg') });
    expect(probeVideo(path.join(scratch, 'slice.gif'))).toMatchObject({ codec: 'gif', width: 320, height: 200, frames: 20 });

    // MP4 from the headless page: limited-range BT.709 yuv420p whichever encoder made it.
    const mp4 = mfgw(['export', run, '--view', 'heatmap-m', '--format', 'mp4', '--from', '0', '--to', '11', '--size', '320x200', '--fps', '12']);
    expect(mp4, mp4.stderr).toMatchObject({ status: 0, stdout: expect.stringContaining('12 frames, encoded with') });
    expect(probeVideo(path.join(scratch, 'heatmap-m.mp4'))).toMatchObject({ ...LIMITED_BT709_MP4, width: 320, height: 200, frames: 12 });
    expect(firstFrameLuma(path.join(scratch, 'heatmap-m.mp4'))[1]).toSatisfy(isLimitedRangeWhite);
  });

  it('refuses bad input with exit 2 and leaves nothing behind', () => {
    const before = readdirSync(scratch).sort();
    expect(mfgw(['export', run, '--format', 'png'])).toMatchObject({ status: 2, stderr: expect.stringContaining('expected --view ID') });
    expect(mfgw(['export', run, '--view', 'slice', '--format', 'tiff'])).toMatchObject({ status: 2, stderr: expect.stringContaining('expected --format to be one of png, svg, pdf, mp4, gif') });
    expect(mfgw(['export', path.join(scratch, 'nowhere'), '--view', 'slice', '--format', 'png'])).toMatchObject({ status: 2, stderr: expect.stringContaining('expected a run directory, or a run id or name that mfgw runs lists, received') });
    expect(mfgw(['export', run, '--view', 'volume', '--format', 'png'])).toMatchObject({ status: 2, stderr: expect.stringContaining("received 'volume'") });
    expect(mfgw(['export', run, '--view', 'slice', '--format', 'png', '--dpi', '9000'])).toMatchObject({ status: 2, stderr: expect.stringContaining('received 9000 DPI') });
    expect(mfgw(['export', run, '--view', 'heatmap-m', '--format', 'svg', '--clim', '2,1'])).toMatchObject({ status: 2, stderr: expect.stringContaining('expected --clim LO,HI with LO < HI') });
    expect(mfgw(['export', run, '--view', 'surface-m', '--format', 'svg'])).toMatchObject({ status: 1, stderr: expect.stringContaining('has no vector figure') });
    expect(readdirSync(scratch).sort()).toEqual(before);
  });
});
