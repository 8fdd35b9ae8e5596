#!/usr/bin/env node
// The RL environment benchmark (bench/rl_env.py, Python): prints its JSON; with --write also saves it
// as bench/results/rl_env.json. Needs python3 with numpy, gymnasium and torch (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const events = join(here, 'results', 'rl', 'ppo-corridor-cross', 'events.jsonl');
const r = spawnSync('python3', [join(here, 'rl_env.py'), '--ppo-events', events], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
if (r.status !== 0) process.exit(r.status ?? 1);
process.stdout.write(r.stdout);
if (process.argv.includes('--write')) writeFileSync(join(here, 'results', 'rl_env.json'), r.stdout);
