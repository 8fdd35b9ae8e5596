#!/usr/bin/env node
// The mfgw executable (package.json "bin": build/ts/app/cli/mfgw.js). All behaviour is in run.ts.

import { processIo } from '../../main/cli/io.js';
import { runMfgw } from './run.js';

const code = await runMfgw(process.argv.slice(2), processIo());
// Everything was closed by the command; exiting here also ends any stray handle instead of hanging.
process.exit(code);
