#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/ (files named *.mjs other than this runner and helpers),
// each printing one JSON document. `npm run bench -- --write` also saves them in bench/results/.
// Benchmarks measure; they never assert timings (the machines are shared and noisy).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const helpers = new Set(['run.mjs', 'machine.mjs']);
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const benchmarks = readdirSync(here).filter((f) => f.endsWith('.mjs') && !helpers.has(f)).filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
let failed = 0;
for (const file of benchmarks) {
  console.error(`== ${file}`);
  const r = spawnSync(process.execPath, [join(here, file), ...process.argv.slice(2).filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
