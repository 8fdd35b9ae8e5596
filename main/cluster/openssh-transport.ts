// The second transport: the system `ssh` binary, for clusters whose authentication ssh2 cannot do
// (OpenSSH certificates, Kerberos/GSSAPI, FIDO keys, anything ~/.ssh/config arranges). One
// ControlMaster connection per cluster is shared by every command; files move through `cat` over
// that connection. OpenSSH checks host keys itself with StrictHostKeyChecking=yes (never
// auto-accepting); an unknown key is fetched with ssh-keyscan only to show its fingerprint, and
// written to known_hosts by the same explicit acceptance as with ssh2. BatchMode: no prompts.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { appError, err, ok, type ClusterProfile, type HostKeyReport, type Result } from '../../app/contract/index.js';
import { privateControlDirectory } from './control-dir.js';
import { describeKnownKeys, fingerprint, keyTypeOf, lookUpHostKey, type HostKey } from './known-hosts.js';
import { shellCommand, shellQuote } from './quote.js';
import { FIND_RECORD_FORMAT, parseFindRecords } from './remote-listing.js';
import type { ResolvedHost } from './ssh-config.js';
import {
  connectionError, keepTail, MAX_EXEC_OUTPUT_BYTES, notConnected, outputTooLarge,
  type ExecResult, type ExecStream, type RemoteEntry, type RemoteTransport,
} from './transport.js';

export interface OpensshOptions {
  profile: ClusterProfile;
  host: ResolvedHost;
  sshBinary?: string;
  onHostKey?: (report: HostKeyReport, key: HostKey) => void;
}

interface Spawned { code: number | null; stdout: Buffer; stderr: string; tooLarge?: boolean }

/** Runs a program to its end, buffering at most MAX_EXEC_OUTPUT_BYTES (then it is killed). */
function run(program: string, args: readonly string[], stdin?: string | Buffer): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr: Buffer = Buffer.alloc(0);
    let bytes = 0;
    let tooLarge = false;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_EXEC_OUTPUT_BYTES) {
        tooLarge = true;
        child.kill('SIGKILL');
      } else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr, chunk)));
    child.once('error', (error) => resolve({ code: 127, stdout: Buffer.alloc(0), stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr: stderr.toString('utf8'), tooLarge }));
    child.stdin.on('error', () => undefined); // the remote side may close early; the exit status says why
    child.stdin.end(stdin);
  });
}

/**
 * Which master connection a profile may share: one per profile and its connection settings. %C
 * alone (host, port, user) would let a profile with another known_hosts file, identity or ssh
 * config reuse a master another profile verified, skipping its own host key check.
 */
export function controlSocketName(profile: ClusterProfile): string {
  const { alias, host, port, user, identityFile, knownHostsFile, sshConfigFile } = profile;
  const settings = JSON.stringify([alias, host, port, user, identityFile, knownHostsFile, sshConfigFile]);
  return `${createHash('sha256').update(settings).digest('hex').slice(0, 12)}-%C`;
}

/** ssh's own options for this profile; the control socket lives in a short private folder (path length limit). */
export function sshArguments(profile: ClusterProfile, controlDir: string): string[] {
  return [
    ...(profile.sshConfigFile === undefined ? [] : ['-F', profile.sshConfigFile]),
    '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
    '-o', 'ControlMaster=auto', '-o', `ControlPath=${join(controlDir, controlSocketName(profile))}`, '-o', 'ControlPersist=600',
    ...(profile.knownHostsFile === undefined ? [] : ['-o', `UserKnownHostsFile=${profile.knownHostsFile}`]),
    ...(profile.port === undefined ? [] : ['-p', String(profile.port)]),
    ...(profile.user === undefined ? [] : ['-l', profile.user]),
    ...(profile.identityFile === undefined ? [] : ['-i', profile.identityFile, '-o', 'IdentitiesOnly=yes']),
  ];
}

export async function connectOpenssh(options: OpensshOptions): Promise<Result<RemoteTransport>> {
  const controlDir = await privateControlDirectory(join(tmpdir(), `mfgw-ssh-${userInfo().uid}`));
  if (!controlDir.ok) return controlDir;
  const transport = new OpensshTransport(options.sshBinary ?? 'ssh', [...sshArguments(options.profile, controlDir.value), '--', options.profile.host]);
  const probe = await run(transport.ssh, [...transport.base, 'true']);
  if (probe.code === 0) return ok(transport);
  return err(await classify(probe.stderr, options));
}

async function classify(stderr: string, options: OpensshOptions) {
  const { host } = options;
  const where = `${host.hostname}:${host.port}`;
  if (/HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key is known|No \S+ host key is known/i.test(stderr)) {
    const key = await scanKey(host);
    // OpenSSH says only "No ED25519 host key is known" when known_hosts has a key of another type
    // for the host (it asked for that type first): that is a changed key, as with ssh2.
    const lookup = key === undefined ? undefined : await lookUpHostKey(host.knownHostsFiles, host.hostname, host.port, key);
    const changed = /HAS CHANGED/i.test(stderr) || (lookup !== undefined && lookup.verdict !== 'unknown' && lookup.known.length > 0);
    const known = lookup?.known ?? [];
    const report: HostKeyReport | undefined = key === undefined ? undefined : {
      cluster: options.profile.alias, host: host.hostname, port: host.port, keyType: key.type, fingerprint: fingerprint(key.blob),
      status: changed ? 'changed' : 'unknown', ...(known.length === 0 ? {} : { known }),
    };
    if (report !== undefined && key !== undefined) options.onHostKey?.(report, key);
    return changed
      ? connectionError('host_key_changed', `WARNING: ssh says the host key of ${where} CHANGED (someone may be intercepting the connection, or the host was reinstalled); ${describeKnownKeys(known)}${report ? `now ${report.keyType} ${report.fingerprint}` : 'the new key could not be fetched'}. Connection refused: if the change is legitimate, remove the old entry (ssh-keygen -R) and connect again`, report)
      : connectionError('host_key_unknown', `the host key of ${where} is not in known_hosts${report ? `: ${report.keyType} ${report.fingerprint}` : ' (and ssh-keyscan could not fetch it to show its fingerprint)'}. Check it with the cluster's admins, then accept it`, report);
  }
  if (/Permission denied|Too many authentication failures/i.test(stderr)) {
    return connectionError('auth_failed', `authentication on ${where} failed through the system ssh (BatchMode, no prompts): ${stderr.trim().split('\n').at(-1) ?? ''}. Check kinit/ssh-agent/certificates and ~/.ssh/config`);
  }
  return connectionError('unreachable', `could not reach ${where} with the system ssh: ${stderr.trim().split('\n').at(-1) ?? 'no message'}; check the network, VPN and the host name`);
}

/** The server's key as ssh-keyscan sees it (for the fingerprint shown to the user). */
async function scanKey(host: ResolvedHost): Promise<HostKey | undefined> {
  const scanned = await run('ssh-keyscan', ['-p', String(host.port), '-t', 'ed25519,ecdsa,rsa', '--', host.hostname]);
  const line = scanned.stdout.toString('utf8').split('\n').find((l) => l.trim() !== '' && !l.startsWith('#'));
  const base64 = line?.split(/\s+/)[2];
  if (base64 === undefined) return undefined;
  const blob = Buffer.from(base64, 'base64');
  return { type: keyTypeOf(blob), blob };
}

class OpensshTransport implements RemoteTransport {
  private open = true;

  constructor(readonly ssh: string, readonly base: string[]) {}

  get connected(): boolean {
    return this.open;
  }

  private async remote(command: string, stdin?: string | Buffer): Promise<Result<Spawned>> {
    if (!this.open) return notConnected('running a remote command');
    const result = await run(this.ssh, [...this.base, command], stdin);
    if (result.tooLarge === true) return outputTooLarge('the remote command');
    // 255 is ssh's own failure (connection lost), not the remote command's status.
    if (result.code === 255) return err(appError('io', `the system ssh lost the connection: ${result.stderr.trim()}`, { kind: 'unreachable' }));
    return ok(result);
  }

  execStream(command: string, stdin?: string | Buffer): Promise<Result<ExecStream>> {
    if (!this.open) return Promise.resolve(notConnected('running a remote command'));
    const child = spawn(this.ssh, [...this.base, command], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr: Buffer = Buffer.alloc(0);
    child.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr, chunk)));
    child.stdin.on('error', () => undefined); // the remote may stop reading early; its status says why
    child.stdin.end(stdin);
    const done = new Promise<Result<{ code: number | null; stderr: string }>>((resolve) => {
      child.once('error', (error) => resolve(err(appError('io', `could not run ${this.ssh}: ${error.message}`, { kind: 'unreachable' }))));
      child.once('close', (code) => resolve(code === 255
        ? err(appError('io', `the system ssh lost the connection: ${stderr.toString('utf8').trim()}`, { kind: 'unreachable' }))
        : ok({ code, stderr: stderr.toString('utf8') })));
    });
    return Promise.resolve(ok({ stdout: child.stdout, done, abort: () => void child.kill('SIGTERM') }));
  }

  async exec(command: string, stdin?: string): Promise<Result<ExecResult>> {
    const result = await this.remote(command, stdin);
    return result.ok ? ok({ code: result.value.code, stdout: result.value.stdout.toString('utf8'), stderr: result.value.stderr }) : result;
  }

  async writeFile(remotePath: string, data: string | Buffer, mode = 0o644): Promise<Result<void>> {
    const path = shellQuote(remotePath);
    const result = await this.remote(`cat > ${path} && chmod ${mode.toString(8)} ${path}`, data);
    if (!result.ok) return result;
    return result.value.code === 0 ? ok(undefined) : err(appError('io', `could not write ${remotePath}: ${result.value.stderr.trim()}`));
  }

  async readTail(remotePath: string, maxBytes: number): Promise<Result<string>> {
    const path = shellQuote(remotePath);
    const result = await this.remote(`if [ -f ${path} ]; then tail -c ${Math.floor(maxBytes)} -- ${path}; fi`);
    return result.ok ? ok(result.value.stdout.toString('utf8')) : result;
  }

  /** NUL-separated records (remote-listing.ts): a newline in a name cannot forge another entry. */
  async listFiles(remoteDir: string): Promise<Result<RemoteEntry[]>> {
    const script = `cd -- "$1" && find . -mindepth 1 -printf "${FIND_RECORD_FORMAT}"`;
    const result = await this.remote(shellCommand(['sh', '-c', script, 'mfgw-list', remoteDir]));
    if (!result.ok) return result;
    if (result.value.code !== 0) return err(appError('not_found', `could not list ${remoteDir}: ${result.value.stderr.trim()}`));
    const parsed = parseFindRecords(result.value.stdout, `${remoteDir} on the cluster`);
    return parsed.ok ? ok(parsed.value.entries) : parsed;
  }

  download(remotePath: string, localPath: string): Promise<Result<void>> {
    if (!this.open) return Promise.resolve(notConnected('downloading'));
    const partial = `${localPath}.part`;
    return mkdir(dirname(localPath), { recursive: true }).then(() => new Promise((resolve) => {
      const child = spawn(this.ssh, [...this.base, `cat -- ${shellQuote(remotePath)}`], { stdio: ['ignore', 'pipe', 'pipe'] });
      const file = createWriteStream(partial);
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.stdout.pipe(file);
      child.once('close', (code) => file.end(() => {
        if (code === 0) void rename(partial, localPath).then(() => resolve(ok(undefined)));
        else void rm(partial, { force: true }).then(() => resolve(err(appError('io', `could not download ${remotePath}: ${stderr.trim()}`))));
      }));
    }));
  }

  upload(localPath: string, remotePath: string): Promise<Result<void>> {
    if (!this.open) return Promise.resolve(notConnected('uploading'));
    return new Promise((resolve) => {
      const child = spawn(this.ssh, [...this.base, `cat > ${shellQuote(remotePath)}`], { stdio: ['pipe', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      createReadStream(localPath).pipe(child.stdin);
      child.once('close', (code) => resolve(code === 0 ? ok(undefined) : err(appError('io', `could not upload to ${remotePath}: ${stderr.trim()}`))));
    });
  }

  close(): void {
    this.open = false;
    // Ends the shared master connection (ControlPersist would keep it for 10 minutes).
    spawn(this.ssh, ['-O', 'exit', ...this.base], { stdio: 'ignore' }).once('error', () => undefined);
  }
}
