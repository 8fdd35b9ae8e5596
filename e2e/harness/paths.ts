// Where the journeys find what they run and where they leave screenshots.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MFGW = path.join(ROOT, 'build', 'ts', 'app', 'cli', 'mfgw.js');
export const RENDERER_INDEX = path.join(ROOT, 'build', 'renderer', 'index.html');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.MFGW_CHROMIUM ?? '/usr/bin/chromium';
