// What a benchmark ran on, recorded with every result (the machines are shared: the load average
// at the start says how noisy the numbers may be).
import { cpus, loadavg, totalmem, release, hostname } from 'node:os';

export function machine() {
  const cpu = cpus();
  return {
    hostname: hostname(),
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.version,
    load_average_1m: Math.round(loadavg()[0] * 100) / 100,
    date: new Date().toISOString(),
  };
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
