// A real cluster on loopback for the cluster tests: sshd on 127.0.0.1 (its own host key, a test
// user with a key pair made here) and a single-node SLURM (munged, slurmctld, slurmd), every file
// under one temporary folder, every daemon a child process of the test, stopped by its pid.
// Facts behind each setting: ../shared/notes/environment.md. Needs root (a system user is created
// once, daemons run as root/munge), which CI has.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MFG_SOLVE } from './fixtures.js';

export const TEST_USER = 'mfgwtest';

export interface LoopbackCluster {
  root: string;
  sshPort: number;
  user: string;
  /** The client's private key (ed25519, no passphrase). */
  clientKey: string;
  /** The server's public host key line ("ssh-ed25519 AAAA..."). */
  hostPublicKey: string;
  /** A known_hosts file the test owns (empty at start). */
  knownHosts: string;
  /** A remote work directory owned by the test user; its name has a space on purpose. */
  workDir: string;
  /** mfg-solve copied where the test user can run it. */
  solver: string;
  slurmConf: string;
  /** A second sshd (same host key and user) that asks for a key AND a keyboard-interactive password (PAM). */
  secondFactorPort: number;
  /** The test user's password, asked by the second sshd's keyboard-interactive round. */
  password: string;
  /** Runs a command as the test user with the cluster's SLURM_CONF (for "outside the app" actions). */
  asUser(command: string): { status: number | null; stdout: string; stderr: string };
  /** Stops every daemon (waiting for each to exit) and removes the folder. */
  stop(): Promise<void>;
}

const SSHD = '/usr/sbin/sshd';
const REQUIRED = ['/usr/bin/openssl', SSHD, '/usr/sbin/munged', '/usr/sbin/mungekey', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch', '/usr/bin/ssh-keygen'];

/** Why the loopback cluster cannot start here, or undefined when it can. */
export function loopbackUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'the loopback cluster needs root (it creates a user and runs munged/slurmd)';
  const missing = REQUIRED.filter((path) => !existsSync(path));
  if (missing.length > 0) return `missing ${missing.join(', ')}: install openssh-server slurm-wlm munge (see .ci/run)`;
  if (!existsSync(MFG_SOLVE)) return `missing ${MFG_SOLVE}: run npm run build:native`;
  return undefined;
}

export async function startLoopbackCluster(): Promise<LoopbackCluster> {
  const root = mkdtempSync(join(tmpdir(), 'mfgw-cluster-'));
  chmodSync(root, 0o755);
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(children.reverse().map(stopChild));
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    ensureTestUser();
    const [sshPort, ctldPort, slurmdPort] = [await freePort(), await freePort(), await freePort()];
    const munge = await startMunge(root, children);
    const slurmConf = writeSlurmConf(root, munge, ctldPort, slurmdPort);
    children.push(daemon('/usr/sbin/slurmctld', ['-D', '-i', '-f', slurmConf], join(root, 'slurm', 'ctld.out')));
    children.push(daemon('/usr/sbin/slurmd', ['-D', '-N', 'localhost', '-f', slurmConf], join(root, 'slurm', 'slurmd.out')));
    const ssh = writeSshd(root, sshPort, slurmConf);
    children.push(daemon(SSHD, ['-D', '-e', '-f', ssh.config], join(root, 'ssh', 'sshd.out')));
    const secondFactorPort = await freePort();
    const secondConfig = join(root, 'ssh', 'sshd_config_2fa');
    writeFileSync(secondConfig, readFileSync(ssh.config, 'utf8')
      .replace(`Port ${sshPort}`, `Port ${secondFactorPort}`).replace(/PidFile .*/, `PidFile ${join(root, 'ssh', 'sshd2.pid')}`)
      .replace('KbdInteractiveAuthentication no', 'KbdInteractiveAuthentication yes').replace('UsePAM no', 'UsePAM yes')
      .concat('AuthenticationMethods publickey,keyboard-interactive\n'));
    const password = `pw ${randomBytes(6).toString('hex')}`;
    setPassword(password);
    children.push(daemon(SSHD, ['-D', '-e', '-f', secondConfig], join(root, 'ssh', 'sshd2.out')));
    const workDir = userDirectory(join(root, 'remote work'));
    const solver = join(userDirectory(join(root, 'bin')), 'mfg-solve');
    copyFileSync(MFG_SOLVE, solver);
    chmodSync(solver, 0o755);
    await waitFor(() => portOpen(sshPort), 'sshd to listen', join(root, 'ssh', 'sshd.out'));
    await waitFor(() => portOpen(secondFactorPort), 'the second-factor sshd to listen', join(root, 'ssh', 'sshd2.out'));
    const asUser = (command: string) => runAs(command, slurmConf);
    await waitFor(async () => asUser('sinfo -h -o %T').stdout.trim() === 'idle', 'the SLURM node to be idle', join(root, 'slurm', 'slurmd.out'));
    return {
      root, sshPort, user: TEST_USER, clientKey: ssh.clientKey, hostPublicKey: ssh.hostPublicKey, knownHosts: ssh.knownHosts,
      workDir, solver, slurmConf, secondFactorPort, password, asUser, stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** SIGTERM, then SIGKILL if the daemon is still there after 10 s (a daemon must never outlive its test). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function ensureTestUser(): void {
  if (spawnSync('id', [TEST_USER]).status === 0) return;
  run('useradd', ['-m', '-s', '/bin/bash', TEST_USER]);
  // useradd leaves the account locked ('!'), which sshd refuses with UsePAM no; setPassword unlocks it.
}

/** A fresh password per run (PAM's keyboard-interactive round checks it; sshd with UsePAM no ignores it). */
function setPassword(password: string): void {
  const hash = spawnSync('openssl', ['passwd', '-6', '-stdin'], { input: password, encoding: 'utf8' });
  if (hash.status !== 0) throw new Error(`openssl passwd failed: ${hash.stderr}`);
  run('usermod', ['-p', hash.stdout.trim(), TEST_USER]);
}

async function startMunge(root: string, children: ChildProcess[]): Promise<string> {
  const dir = join(root, 'munge');
  mkdirSync(dir, { mode: 0o755 }); // munged insists that everyone may traverse to its socket
  const key = join(dir, 'munge.key');
  run('mungekey', ['-c', '-k', key]);
  const ids = userIds('munge');
  chownSync(dir, ids.uid, ids.gid);
  chownSync(key, ids.uid, ids.gid);
  chmodSync(key, 0o400);
  const socket = join(dir, 'munge.sock');
  children.push(daemon('/usr/sbin/munged', ['-F', `--key-file=${key}`, `--socket=${socket}`, `--pid-file=${join(dir, 'munged.pid')}`,
    `--log-file=${join(dir, 'munged.log')}`, `--seed-file=${join(dir, 'munged.seed')}`], join(dir, 'munged.out'), ids.uid, ids.gid));
  await waitFor(() => existsSync(socket), 'munged to create its socket', join(dir, 'munged.log'));
  return socket;
}

function writeSlurmConf(root: string, mungeSocket: string, ctldPort: number, slurmdPort: number): string {
  const dir = join(root, 'slurm');
  mkdirSync(join(dir, 'state'), { recursive: true });
  mkdirSync(join(dir, 'spool'), { recursive: true });
  chmodSync(dir, 0o755);
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, [
    'ClusterName=mfgwloop', 'SlurmctldHost=localhost', `SlurmctldPort=${ctldPort}`, `SlurmdPort=${slurmdPort}`,
    'AuthType=auth/munge', `AuthInfo=socket=${mungeSocket}`, 'SlurmUser=root', 'SlurmdUser=root',
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core',
    // No slurmdbd, as on many clusters: sacct answers "accounting storage is disabled".
    'AccountingStorageType=accounting_storage/none', 'JobAcctGatherType=jobacct_gather/none', 'MpiDefault=pmix',
    `StateSaveLocation=${join(dir, 'state')}`, `SlurmdSpoolDir=${join(dir, 'spool')}`,
    `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`, `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`, `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
    'ReturnToService=2', 'KillWait=5', 'MinJobAge=600',
    `NodeName=localhost NodeAddr=127.0.0.1 CPUs=${cpus().length} RealMemory=2000 State=UNKNOWN`,
    'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
    '',
  ].join('\n'));
  return conf;
}

function writeSshd(root: string, port: number, slurmConf: string) {
  const dir = join(root, 'ssh');
  mkdirSync(dir, { mode: 0o755 });
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege-separation directory
  const hostKey = join(dir, 'host_ed25519');
  const clientKey = join(dir, 'client_ed25519');
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey]);
  const authorizedKeys = join(dir, 'authorized_keys');
  copyFileSync(`${clientKey}.pub`, authorizedKeys);
  chmodSync(authorizedKeys, 0o644);
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, '');
  const config = join(dir, 'sshd_config');
  writeFileSync(config, [
    'ListenAddress 127.0.0.1', `Port ${port}`, `HostKey ${hostKey}`, `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${authorizedKeys}`, 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'UsePAM no',
    'StrictModes no', 'PermitRootLogin no', `AllowUsers ${TEST_USER}`, `SetEnv SLURM_CONF=${slurmConf}`,
    'Subsystem sftp internal-sftp', 'LogLevel VERBOSE', '',
  ].join('\n'));
  const hostPublicKey = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
  return { config, clientKey, knownHosts, hostPublicKey };
}

function userDirectory(path: string): string {
  mkdirSync(path, { recursive: true });
  const ids = userIds(TEST_USER);
  chownSync(path, ids.uid, ids.gid);
  return path;
}

function runAs(command: string, slurmConf: string) {
  const result = spawnSync('runuser', ['-u', TEST_USER, '--', 'bash', '-c', command], { encoding: 'utf8', env: { ...process.env, SLURM_CONF: slurmConf }, cwd: '/' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', name], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', name], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

function daemon(program: string, args: string[], outputFile: string, uid?: number, gid?: number): ChildProcess {
  const output = openForAppend(outputFile);
  const child = spawn(program, args, { stdio: ['ignore', output, output], ...(uid === undefined ? {} : { uid, gid }) });
  closeSync(output); // the child has its own copy
  return child;
}

function openForAppend(path: string): number {
  writeFileSync(path, '', { flag: 'a' });
  // A file descriptor (not a pipe) so that a chatty daemon never blocks on a full pipe.
  return openSync(path, 'a');
}

function run(program: string, args: string[]): void {
  const result = spawnSync(program, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Polls a readiness check (daemons give no other signal); fails after 30 s naming the log to read. */
async function waitFor(check: () => boolean | Promise<boolean>, what: string, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '(no log)';
      throw new Error(`timed out waiting for ${what}; ${log} ends with:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
