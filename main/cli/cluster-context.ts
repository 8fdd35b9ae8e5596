// What the cluster commands share: the ClusterManager over the same config folder and runs folder
// as the app (settings.json), and a printable one-line state of a job.

import type { JobRecord } from '../../app/contract/index.js';
import { ClusterManager } from '../cluster/cluster-manager.js';
import { configDirectory } from '../settings/config-dir.js';
import { SettingsStore } from '../settings/settings-store.js';
import { cliLogger, type CliIo } from './io.js';

export async function openClusters(io: CliIo): Promise<ClusterManager> {
  const logger = cliLogger(io);
  const configDir = configDirectory(io.env);
  const settings = await SettingsStore.open({ configDir, env: io.env, logger });
  return ClusterManager.open({ configDir, runsFolder: () => settings.runsFolder(), logger, env: io.env });
}

export function jobLine(job: JobRecord): string {
  const counts = new Map<string, number>();
  for (const task of job.tasks) counts.set(task.state, (counts.get(task.state) ?? 0) + 1);
  const states = [...counts].map(([state, n]) => (job.tasks.length === 1 ? state : `${n} ${state}`)).join(', ');
  const reasons = [...new Set(job.tasks.map((t) => t.reason).filter((r) => r !== undefined))].slice(0, 2).join('; ');
  return `${job.id}  ${job.cluster}  ${job.schedulerId ?? '-'}  ${states}${reasons ? ` (${reasons})` : ''}  ${job.name.replace(/\s+/g, ' ').slice(0, 40)}${job.problem ? `\n    problem: ${job.problem}` : ''}`;
}
