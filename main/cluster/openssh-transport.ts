// The second transport: the system `ssh` binary, for clusters whose authentication ssh2 cannot do
// (OpenSSH certificates, Kerberos/GSSAPI, FIDO keys, anything ~/.ssh/config arranges). One
// ControlMaster connection per cluster is shared by every command; files move through `cat` over
// that connection. OpenSSH checks host keys itself with StrictHostKeyChecking=yes (never
// auto-accepting); an unknown key is fetched with ssh-keyscan only to show its fingerprint, and
// written to known_hosts by the same explicit acceptance as with ssh2. BatchMode: no prompts.

import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { appError, err, ok, type ClusterProfile, type HostKeyReport, type Result } from '../../app/contract/index.js';
import { fingerprint, keyTypeOf, type HostKey } from './known-hosts.js';
import { shellQuote } from './quote.js';
import type { ResolvedHost } from './ssh-config.js';
import { connectionError, notConnected, type ExecResult, type RemoteEntry, type RemoteTransport } from './transport.js';

export interface OpensshOptions {
  profile: ClusterProfile;
  host: ResolvedHost;
  sshBinary?: string;
  onHostKey?: (report: HostKeyReport, key: HostKey) => void;
}

interface Spawned { code: number | null; stdout: Buffer; stderr: string }

function run(program: string, args: readonly string[], stdin?: string | Buffer): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => resolve({ code: 127, stdout: Buffer.alloc(0), stderr: error.message }));
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.on('error', () => undefined); // the remote side may close early; the exit status says why
    child.stdin.end(stdin);
  });
}

/** ssh's own options for this profile; the control socket lives in a short private folder (path length limit). */
export function sshArguments(profile: ClusterProfile, controlDir: string): string[] {
  return [
    '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes',
    '-o', 'ControlMaster=auto', '-o', `ControlPath=${join(controlDir, '%C')}`, '-o', 'ControlPersist=600',
    ...(profile.knownHostsFile === undefined ? [] : ['-o', `UserKnownHostsFile=${profile.knownHostsFile}`]),
    ...(profile.port === undefined ? [] : ['-p', String(profile.port)]),
    ...(profile.user === undefined ? [] : ['-l', profile.user]),
    ...(profile.identityFile === undefined ? [] : ['-i', profile.identityFile, '-o', 'IdentitiesOnly=yes']),
  ];
}

export async function connectOpenssh(options: OpensshOptions): Promise<Result<RemoteTransport>> {
  const controlDir = join(tmpdir(), `mfgw-ssh-${userInfo().uid}`);
  await mkdir(controlDir, { recursive: true, mode: 0o700 });
  const transport = new OpensshTransport(options.sshBinary ?? 'ssh', [...sshArguments(options.profile, controlDir), '--', options.profile.host]);
  const probe = await run(transport.ssh, [...transport.base, 'true']);
  if (probe.code === 0) return ok(transport);
  return err(await classify(probe.stderr, options));
}

async function classify(stderr: string, options: OpensshOptions) {
  const { host } = options;
  const where = `${host.hostname}:${host.port}`;
  if (/HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key is known|No \S+ host key is known/i.test(stderr)) {
    const changed = /HAS CHANGED/i.test(stderr);
    const key = await scanKey(host);
    const report: HostKeyReport | undefined = key === undefined ? undefined
      : { cluster: options.profile.alias, host: host.hostname, port: host.port, keyType: key.type, fingerprint: fingerprint(key.blob), status: changed ? 'changed' : 'unknown' };
    if (report !== undefined && key !== undefined) options.onHostKey?.(report, key);
    return changed
      ? connectionError('host_key_changed', `WARNING: ssh says the host key of ${where} CHANGED (someone may be intercepting the connection, or the host was reinstalled)${report ? `; now ${report.fingerprint}` : ''}. Connection refused: if the change is legitimate, remove the old entry (ssh-keygen -R) and connect again`, report)
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
    // 255 is ssh's own failure (connection lost), not the remote command's status.
    if (result.code === 255) return err(appError('io', `the system ssh lost the connection: ${result.stderr.trim()}`, { kind: 'unreachable' }));
    return ok(result);
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

  async listFiles(remoteDir: string): Promise<Result<RemoteEntry[]>> {
    const result = await this.remote(`cd -- ${shellQuote(remoteDir)} && find . -type f -printf '%P\\t%s\\n'`);
    if (!result.ok) return result;
    if (result.value.code !== 0) return err(appError('not_found', `could not list ${remoteDir}: ${result.value.stderr.trim()}`));
    const entries = result.value.stdout.toString('utf8').split('\n').filter((line) => line.includes('\t')).map((line) => {
      const at = line.lastIndexOf('\t');
      return { path: line.slice(0, at), size: Number(line.slice(at + 1)) };
    });
    return ok(entries);
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
