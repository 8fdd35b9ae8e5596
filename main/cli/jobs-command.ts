// `mfgw jobs` (list, after one status query per cluster), `mfgw cancel JOB`, `mfgw requeue JOB`,
// `mfgw log JOB [--task N]`, `mfgw fetch JOB`: the jobs the app tracks, from the command line.

import { flag, integerOption, parseArgs, stringOption } from './args.js';
import { jobLine, openClusters } from './cluster-context.js';
import type { CliIo } from './io.js';
import { waitUntilFinished } from './submit-command.js';

export const JOBS_HELP = `usage: mfgw jobs [--json] [--no-refresh] [--wait JOB]
       mfgw cancel JOB | mfgw requeue JOB | mfgw fetch JOB | mfgw log JOB [--task N] [--bytes N]

  jobs      lists the tracked jobs (one status query per cluster first, unless --no-refresh);
            --wait JOB tracks that job until it is finished
  cancel    cancels every task of the job (scancel, or the local executor)
  requeue   puts the job back in the queue (scontrol requeue); tasks resume from their checkpoints
  fetch     brings completed tasks' run directories home (one verified stream each; a fetch that
            broke off resumes, keeping the files that arrived; an unchanged run copies nothing)
  log       prints the end of a task's log
`;

const OPTIONS = [{ name: 'json' }, { name: 'no-refresh' }, { name: 'wait', value: 'JOB' }, { name: 'task', value: 'N' }, { name: 'bytes', value: 'N' }, { name: 'help' }];

export function jobsCommand(verb: 'jobs' | 'cancel' | 'requeue' | 'fetch' | 'log') {
  return async (argv: readonly string[], io: CliIo): Promise<number> => {
    const parsed = parseArgs(argv, OPTIONS);
    if (parsed.ok && flag(parsed.value, 'help')) {
      io.stdout(JOBS_HELP);
      return 0;
    }
    const positionals = parsed.ok ? parsed.value.positionals : [];
    const wanted = verb === 'jobs' ? 0 : 1;
    if (!parsed.ok || positionals.length !== wanted) {
      io.stderr(`mfgw ${verb}: ${parsed.ok ? `expected ${wanted === 0 ? 'no arguments' : 'one JOB id'}, received ${positionals.length === 0 ? 'none' : positionals.join(' ')}` : parsed.error}\n(run mfgw ${verb} --help for usage)\n`);
      return 2;
    }
    const clusters = await openClusters(io);
    try {
      if (verb === 'jobs') {
        const wait = stringOption(parsed.value, 'wait');
        if (wait !== undefined) return await waitUntilFinished(clusters, wait, io);
        if (!flag(parsed.value, 'no-refresh')) await Promise.all([...new Set(clusters.jobs().map((j) => j.cluster))].map((alias) => clusters.tracker.pollNow(alias)));
        const jobs = clusters.jobs();
        io.stdout(flag(parsed.value, 'json') ? `${JSON.stringify(jobs, null, 2)}\n` : jobs.length === 0 ? 'No jobs yet: mfgw submit --cluster ALIAS SPEC.json\n' : `${jobs.map(jobLine).join('\n')}\n`);
        return 0;
      }
      const id = positionals[0] as string;
      if (verb === 'log') {
        const task = integerOption(parsed.value, 'task', 'N', 0, 1_000_000);
        const bytes = integerOption(parsed.value, 'bytes', 'N', 1, 1 << 20);
        if (!task.ok || !bytes.ok) {
          io.stderr(`mfgw log: ${!task.ok ? task.error : !bytes.ok ? bytes.error : ''}\n`);
          return 2;
        }
        const text = await clusters.tail(id, task.value ?? 0, bytes.value ?? 8192);
        if (!text.ok) return fail(io, verb, text.error.message);
        io.stdout(text.value.text);
        return 0;
      }
      const done = verb === 'cancel' ? await clusters.cancel(id) : verb === 'requeue' ? await clusters.requeue(id) : await clusters.fetch(id);
      if (!done.ok) return fail(io, verb, done.error.message);
      io.stdout(flag(parsed.value, 'json') ? `${JSON.stringify(done.value, null, 2)}\n` : `${jobLine(done.value)}\n`);
      return 0;
    } finally {
      clusters.dispose();
    }
  };
}

function fail(io: CliIo, verb: string, message: string): number {
  io.stderr(`mfgw ${verb}: ${message}\n`);
  return 1;
}
