// The versions of the tools the build and the tests run, as each prints its own (first line),
// or "not found". Printed at the start of `npm test` (scripts/test.mjs).
import { spawnSync } from 'node:child_process';

const TOOLS = [
  ['node', ['--version']], ['npm', ['--version']], ['g++', ['--version']], ['cmake', ['--version']], ['ninja', ['--version']],
  ['chromium', ['--version']], ['ffmpeg', ['-hide_banner', '-version']], ['ffprobe', ['-hide_banner', '-version']],
  ['python3', ['--version']], ['sshd', ['-V']], ['slurmctld', ['-V']], ['munged', ['--version']], ['mpirun', ['--version']],
  ['pdftotext', ['-v']],
];

export function toolVersions(env = process.env) {
  return TOOLS.map(([tool, args]) => {
    const command = tool === 'chromium' ? (env.MFGW_CHROMIUM ?? '/usr/bin/chromium') : tool;
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
    if (result.error !== undefined) return { tool, version: 'not found' };
    const first = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
    return { tool, version: first };
  });
}
