// The fonts embedded in SVG and PDF figures: DejaVu Sans (regular and bold), which covers Greek and
// the math symbols of labels. Looked up in $MFGW_FONT_DIR, then where Debian's fonts-dejavu-core and
// other distributions put it; a missing font is a message saying how to install it.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { appError, err, ok, type Result } from '../../app/contract/index.js';
import type { FontFace } from '../../app/figure/svg-writer.js';
import { FIGURE_FONT } from '../../app/figure/style.js';

const CANDIDATE_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/Library/Fonts', 'C:\\Windows\\Fonts'];
const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export interface FigureFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
  readonly faces: readonly FontFace[];
}

let cached: Promise<Result<FigureFonts>> | undefined;

async function readFirst(dirs: readonly string[], file: string): Promise<Uint8Array | undefined> {
  for (const dir of dirs) {
    try {
      return new Uint8Array(await readFile(path.join(dir, file)));
    } catch {
      // Not in this folder: try the next.
    }
  }
  return undefined;
}

async function load(env: NodeJS.ProcessEnv): Promise<Result<FigureFonts>> {
  const dirs = [...(env.MFGW_FONT_DIR === undefined ? [] : [env.MFGW_FONT_DIR]), ...CANDIDATE_DIRS];
  const regular = await readFirst(dirs, FILES.regular);
  const bold = await readFirst(dirs, FILES.bold);
  if (regular === undefined || bold === undefined) {
    return err(appError('unsupported', `vector figures embed ${FIGURE_FONT} (${FILES.regular}, ${FILES.bold}), found in none of ${dirs.join(', ')}: install it (Debian/Ubuntu: apt-get install fonts-dejavu-core) or set MFGW_FONT_DIR to a folder holding it`));
  }
  return ok({ regular, bold, faces: [{ family: FIGURE_FONT, bold: false, data: regular }, { family: FIGURE_FONT, bold: true, data: bold }] });
}

/** The fonts, read once per process. */
export function figureFonts(env: NodeJS.ProcessEnv = process.env): Promise<Result<FigureFonts>> {
  cached ??= load(env);
  return cached;
}
