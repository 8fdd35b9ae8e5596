// The in-process transport: ssh2 with the resolved host (ssh-config.ts), keys, the agent and
// keyboard-interactive prompts, through ProxyJump hops, with every host key checked against
// known_hosts before any authentication is sent. An unknown key fails the connection with its
// fingerprint (the service asks the user); a changed key fails it with a warning.

import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { Client, type AnyAuthMethod, type ConnectConfig, type ServerHostKeyAlgorithm, type SFTPWrapper } from 'ssh2';
import { appError, err, ok, type AuthPrompt, type HostKeyReport, type Result } from '../../app/contract/index.js';
import { errorMessage } from '../files.js';
import { describeKnownKeys, fingerprint, hostKeyAlgorithms, keyTypeOf, lookUpHostKey, type HostKey, type KnownKey } from './known-hosts.js';
import type { ResolvedHost } from './ssh-config.js';
import { sftpDownload, sftpListFiles, sftpReadTail, sftpUpload, sftpWriteFile } from './sftp.js';
import {
  connectionError, keepTail, MAX_EXEC_OUTPUT_BYTES, notConnected, outputTooLarge, type ExecResult, type ExecStream, type RemoteTransport,
} from './transport.js';

export interface Ssh2Options {
  cluster: string;
  host: ResolvedHost;
  /** Asks the user one keyboard-interactive round; undefined when they gave up. */
  onPrompt?: (prompt: Omit<AuthPrompt, 'promptId'>) => Promise<string[] | undefined>;
  /** Seen host keys, for `acceptHostKey` to write the exact key the user was shown. */
  onHostKey?: (report: HostKeyReport, key: HostKey) => void;
  readyTimeoutMs?: number;
}

interface Hop { host: string; port: number; user: string }

export async function connectSsh2(options: Ssh2Options): Promise<Result<RemoteTransport>> {
  const { host } = options;
  const hops: Hop[] = [...host.jumps, { host: host.hostname, port: host.port, user: host.user }];
  const keys = await readIdentities(host.identityFiles);
  const clients: Client[] = [];
  let sock: Duplex | undefined;
  for (const [index, hop] of hops.entries()) {
    const preferred = await hostKeyAlgorithms(options.host.knownHostsFiles, hop.host, hop.port);
    const connected = await connectHop(options, hop, keys, sock, preferred);
    if (!connected.ok) {
      for (const client of clients) client.end();
      return connected;
    }
    clients.push(connected.value);
    const next = hops[index + 1];
    if (next !== undefined) {
      const forwarded = await forward(connected.value, next);
      if (!forwarded.ok) {
        for (const client of clients) client.end();
        return forwarded;
      }
      sock = forwarded.value;
    }
  }
  return ok(new Ssh2Transport(clients));
}

async function readIdentities(files: readonly string[]): Promise<Buffer[]> {
  const keys: Buffer[] = [];
  for (const file of files) {
    const key = await readFile(file).catch(() => undefined);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

function authMethods(options: Ssh2Options, hop: Hop, keys: readonly Buffer[]): AnyAuthMethod[] {
  const username = hop.user;
  const methods: AnyAuthMethod[] = keys.map((key) => ({ type: 'publickey', username, key }));
  const agent = process.env.SSH_AUTH_SOCK;
  if (agent !== undefined && agent !== '') methods.push({ type: 'agent', username, agent });
  if (options.onPrompt !== undefined) {
    const ask = options.onPrompt;
    methods.push({
      type: 'keyboard-interactive', username,
      prompt: (name, instructions, _lang, prompts, finish) => {
        if (prompts.length === 0) return finish([]);
        void ask({ cluster: options.cluster, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })) })
          .then((answers) => finish(answers ?? prompts.map(() => '')));
      },
    });
  }
  return methods;
}

function hostKeyFailure(options: Ssh2Options, hop: Hop, key: HostKey, found: 'unknown' | 'changed' | 'revoked', known: KnownKey[]) {
  const report: HostKeyReport = {
    cluster: options.cluster, host: hop.host, port: hop.port, keyType: key.type, fingerprint: fingerprint(key.blob),
    status: found === 'unknown' ? 'unknown' : 'changed', ...(known.length === 0 ? {} : { known }),
  };
  options.onHostKey?.(report, key);
  if (found === 'unknown') {
    return connectionError('host_key_unknown', `the host key of ${hop.host}:${hop.port} is not in known_hosts (${options.host.knownHostsFiles.join(', ')}): ${key.type} ${report.fingerprint}. Check it with the cluster's admins, then accept it`, report);
  }
  const otherType = known.length > 0 && !known.some((k) => k.keyType === key.type);
  const why = found === 'revoked' ? 'it is marked @revoked' : `${otherType ? 'the server now presents a key of a different type; ' : ''}someone may be intercepting the connection, or the host was reinstalled`;
  return connectionError('host_key_changed', `WARNING: the ${key.type} host key of ${hop.host}:${hop.port} differs from the one in known_hosts (${why}); ${describeKnownKeys(known)}now ${key.type} ${report.fingerprint}. Connection refused: if the change is legitimate, remove the old entry (ssh-keygen -R) and connect again`, report);
}

function connectHop(options: Ssh2Options, hop: Hop, keys: readonly Buffer[], sock: Duplex | undefined, preferred: string[] | undefined): Promise<Result<Client>> {
  return new Promise((resolve) => {
    const client = new Client();
    let verdict: Result<void> = ok(undefined);
    const hostVerifier = (blob: Buffer, verify: (valid: boolean) => void): void => {
      const key: HostKey = { type: keyTypeOf(blob), blob };
      void lookUpHostKey(options.host.knownHostsFiles, hop.host, hop.port, key).then(({ verdict: found, known }) => {
        if (found !== 'known') verdict = err(hostKeyFailure(options, hop, key, found, known));
        verify(found === 'known');
      });
    };
    const config: ConnectConfig = {
      host: hop.host, port: hop.port, username: hop.user, hostVerifier, readyTimeout: options.readyTimeoutMs ?? 20_000,
      // The known key types first (OpenSSH's order), so "a different type" means the known key is gone.
      ...(preferred === undefined ? {} : { algorithms: { serverHostKey: preferred as ServerHostKeyAlgorithm[] } }),
      keepaliveInterval: 15_000, authHandler: authMethods(options, hop, keys), ...(sock === undefined ? {} : { sock }),
    };
    client.once('ready', () => resolve(ok(client)));
    client.once('error', (error: Error & { level?: string; code?: string }) => {
      if (!verdict.ok) return resolve(verdict);
      if (error.level === 'client-authentication') {
        return resolve(err(connectionError('auth_failed', `authentication as ${hop.user}@${hop.host}:${hop.port} failed (tried ${keys.length} key(s)${process.env.SSH_AUTH_SOCK ? ', the agent' : ''}${options.onPrompt ? ', keyboard-interactive' : ''}): check User and IdentityFile in ~/.ssh/config, or load the key into ssh-agent`)));
      }
      const unreachable = error.level === 'client-socket' || error.level === 'client-timeout' || typeof error.code === 'string';
      resolve(err(connectionError(unreachable ? 'unreachable' : 'protocol', `could not reach ${hop.host}:${hop.port} (${error.message}; resolved by ${options.host.source}): check the network, VPN and the host name`)));
    });
    client.connect(config);
  });
}

function forward(client: Client, next: Hop): Promise<Result<Duplex>> {
  return new Promise((resolve) => {
    client.forwardOut('127.0.0.1', 0, next.host, next.port, (error, stream) => {
      if (error) resolve(err(connectionError('unreachable', `the jump host could not reach ${next.host}:${next.port}: ${error.message}`)));
      else resolve(ok(stream));
    });
  });
}

class Ssh2Transport implements RemoteTransport {
  private open = true;
  private sftpSession: Promise<Result<SFTPWrapper>> | undefined;
  private readonly closedListeners = new Set<() => void>();

  constructor(private readonly clients: Client[]) {
    // Any hop going down ends the connection; a listener on every client also keeps a late error
    // (a dropped network) from becoming an unhandled 'error' event.
    const gone = (): void => this.connectionGone();
    for (const client of clients) {
      client.on('close', gone);
      client.on('error', gone);
    }
  }

  get connected(): boolean {
    return this.open;
  }

  /** Runs `then` once when the connection is (or already was) gone; answers how to stop listening. */
  private onceClosed(then: () => void): () => void {
    if (!this.open) {
      then();
      return () => undefined;
    }
    this.closedListeners.add(then);
    return () => this.closedListeners.delete(then);
  }

  private connectionGone(): void {
    this.open = false;
    const listeners = [...this.closedListeners];
    this.closedListeners.clear();
    for (const listener of listeners) listener();
  }

  private get client(): Client {
    return this.clients.at(-1) as Client;
  }

  exec(command: string, stdin?: string): Promise<Result<ExecResult>> {
    if (!this.open) return Promise.resolve(notConnected('running a remote command'));
    return new Promise((resolve) => {
      this.client.exec(command, (error, stream) => {
        if (error) return resolve(err(appError('io', `could not run a remote command: ${error.message}`, { kind: 'unreachable' })));
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let bytes = 0;
        let code: number | null = null;
        const count = (chunk: Buffer): void => {
          bytes += chunk.length;
          if (bytes > MAX_EXEC_OUTPUT_BYTES) {
            stream.removeAllListeners('close');
            stream.close();
            resolve(outputTooLarge('the remote command'));
          }
        };
        stream.on('data', (chunk: Buffer) => { count(chunk); stdout.push(chunk); });
        stream.stderr.on('data', (chunk: Buffer) => { count(chunk); stderr.push(chunk); });
        stream.on('exit', (exitCode: number | null) => (code = exitCode));
        // A connection that goes down closes no channel: answer instead of waiting forever.
        const stopListening = this.onceClosed(() => resolve(notConnected('running a remote command')));
        stream.on('close', () => {
          stopListening();
          resolve(ok({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
        });
        stream.end(stdin);
      });
    });
  }

  execStream(command: string, stdin?: string | Buffer): Promise<Result<ExecStream>> {
    if (!this.open) return Promise.resolve(notConnected('running a remote command'));
    return new Promise((resolve) => {
      this.client.exec(command, (error, channel) => {
        if (error) return resolve(err(appError('io', `could not run a remote command: ${error.message}`, { kind: 'unreachable' })));
        let stderr: Buffer = Buffer.alloc(0);
        let code: number | null = null;
        channel.stderr.on('data', (chunk: Buffer) => (stderr = keepTail(stderr, chunk)));
        channel.on('exit', (exitCode: number | null) => (code = exitCode));
        const done = new Promise<Result<{ code: number | null; stderr: string }>>((finish) => {
          const stopListening = this.onceClosed(() => {
            finish(notConnected('streaming from the cluster'));
            channel.destroy(); // its reader sees the end instead of waiting for data that cannot come
          });
          channel.once('close', () => {
            stopListening();
            finish(this.open || code !== null ? ok({ code, stderr: stderr.toString('utf8') }) : notConnected('streaming from the cluster'));
          });
        });
        channel.end(stdin);
        resolve(ok({ stdout: channel, done, abort: () => channel.close() }));
      });
    });
  }

  private sftp(): Promise<Result<SFTPWrapper>> {
    if (!this.open) return Promise.resolve(notConnected('SFTP'));
    this.sftpSession ??= new Promise((resolve) => {
      this.client.sftp((error, sftp) => {
        if (error) {
          this.sftpSession = undefined;
          resolve(err(appError('io', `the server refused SFTP (${errorMessage(error)}): ask the admins whether the sftp subsystem is enabled`)));
          return;
        }
        // A closed SFTP channel is opened again on the next transfer.
        sftp.on('error', () => (this.sftpSession = undefined));
        sftp.on('close', () => (this.sftpSession = undefined));
        resolve(ok(sftp));
      });
    });
    return this.sftpSession;
  }

  async writeFile(remotePath: string, data: string | Buffer, mode = 0o644): Promise<Result<void>> {
    const sftp = await this.sftp();
    return sftp.ok ? sftpWriteFile(sftp.value, remotePath, data, mode) : sftp;
  }

  async readTail(remotePath: string, maxBytes: number): Promise<Result<string>> {
    const sftp = await this.sftp();
    return sftp.ok ? sftpReadTail(sftp.value, remotePath, maxBytes) : sftp;
  }

  async listFiles(remoteDir: string) {
    const sftp = await this.sftp();
    return sftp.ok ? sftpListFiles(sftp.value, remoteDir) : sftp;
  }

  async download(remotePath: string, localPath: string): Promise<Result<void>> {
    const sftp = await this.sftp();
    return sftp.ok ? sftpDownload(sftp.value, remotePath, localPath) : sftp;
  }

  async upload(localPath: string, remotePath: string): Promise<Result<void>> {
    const sftp = await this.sftp();
    return sftp.ok ? sftpUpload(sftp.value, localPath, remotePath) : sftp;
  }

  close(): void {
    this.open = false;
    for (const client of [...this.clients].reverse()) client.end();
    this.connectionGone();
  }
}
