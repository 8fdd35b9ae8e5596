import { describe, expect, it } from 'vitest';
import { fetchOrder } from './executor.js';
import { parsePartition } from './slurm-executor.js';
import { parseJump, parseSshG } from './ssh-config.js';
import { hoursMinutesSeconds, timeLimitSeconds } from './time-limit.js';

describe('ssh -G output and ProxyJump hops', () => {
  it('keeps every IdentityFile line and lower-cases keys', () => {
    const g = parseSshG('hostname login1.example.org\nUser me\nidentityfile ~/.ssh/id_ed25519\nidentityfile ~/.ssh/id_rsa\n');
    expect(g.get('user')).toEqual(['me']);
    expect(g.get('identityfile')).toEqual(['~/.ssh/id_ed25519', '~/.ssh/id_rsa']);
  });

  it('reads user@host:port, [v6]:port and bare aliases', () => {
    expect(parseJump('alice@gw.example.org:2222')).toEqual({ user: 'alice', host: 'gw.example.org', port: 2222 });
    expect(parseJump('[fe80::1]:2200')).toEqual({ host: 'fe80::1', port: 2200 });
    expect(parseJump('jumpbox')).toEqual({ host: 'jumpbox', port: 22 });
  });
});

describe('fetch order', () => {
  it('brings the manifest, convergence, log and zarr metadata before chunks, and chunks in numeric order', () => {
    const order = fetchOrder(['fields.zarr/m/10.0', 'fields.zarr/m/2.0', 'fields.zarr/m/.zarray', 'log.txt', 'convergence.csv', 'run.json', 'fields.zarr/.zmetadata']);
    expect(order).toEqual(['run.json', 'convergence.csv', 'log.txt', 'fields.zarr/.zmetadata', 'fields.zarr/m/.zarray', 'fields.zarr/m/2.0', 'fields.zarr/m/10.0']);
  });
});

describe('sinfo lines and time limits', () => {
  it('marks the default partition and reads limits', () => {
    expect(parsePartition('gpu*|2-00:00:00|12|64|256000|up')).toEqual({ name: 'gpu', default: true, timeLimit: '2-00:00:00', nodes: 12, cpusPerNode: '64', memoryMbPerNode: '256000', available: true });
    expect(parsePartition('garbage')).toBeUndefined();
  });

  it('converts SLURM time limits for PBS and SGE', () => {
    expect(['30', '90:00', '01:30:00', '1-12', '1-12:30', '1-12:30:15'].map((t) => hoursMinutesSeconds(timeLimitSeconds(t))))
      .toEqual(['00:30:00', '01:30:00', '01:30:00', '36:00:00', '36:30:00', '36:30:15']);
  });
});
