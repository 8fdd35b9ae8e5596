// Where a profile's host really is: `ssh -G ALIAS` prints OpenSSH's fully resolved client config
// (Include, Match, ProxyJump, IdentityFile, User, Port), so we never re-implement its parser. Without
// OpenSSH, the alias is taken as a host name with OpenSSH's defaults. Profile fields override both.

import { spawn } from 'node:child_process';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ClusterProfile } from '../../app/contract/index.js';

export interface ResolvedHost {
  hostname: string;
  port: number;
  user: string;
  identityFiles: string[];
  knownHostsFiles: string[];
  /** ProxyJump hops, nearest first ("user@host:port" each), empty for a direct connection. */
  jumps: string[];
  /** "ssh -G" or "defaults (no ssh binary)": shown when a connection fails. */
  source: string;
}

export function parseSshG(text: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const at = line.indexOf(' ');
    if (at <= 0) continue;
    const key = line.slice(0, at).toLowerCase();
    values.set(key, [...(values.get(key) ?? []), line.slice(at + 1).trim()]);
  }
  return values;
}

const home = (path: string): string => path.replace(/^~(?=\/|$)/, homedir());

export async function resolveHost(profile: ClusterProfile, sshBinary = 'ssh'): Promise<ResolvedHost> {
  const printed = await runSshG(sshBinary, profile.host);
  const g = printed === undefined ? new Map<string, string[]>() : parseSshG(printed);
  const first = (key: string): string | undefined => g.get(key)?.[0];
  const jump = first('proxyjump');
  const identityFiles = profile.identityFile !== undefined ? [home(profile.identityFile)]
    : (g.get('identityfile') ?? ['~/.ssh/id_ed25519', '~/.ssh/id_ecdsa', '~/.ssh/id_rsa']).map(home);
  const knownHostsFiles = profile.knownHostsFile !== undefined ? [home(profile.knownHostsFile)]
    : (first('userknownhostsfile')?.split(/\s+/) ?? ['~/.ssh/known_hosts']).map(home);
  return {
    hostname: first('hostname') ?? profile.host,
    port: profile.port ?? Number(first('port') ?? 22),
    user: profile.user ?? first('user') ?? userInfo().username,
    identityFiles,
    knownHostsFiles,
    jumps: jump === undefined || jump === 'none' ? [] : jump.split(','),
    source: printed === undefined ? 'defaults (no usable ssh binary for ssh -G)' : `ssh -G ${profile.host}`,
  };
}

/** `user@host:port` as ProxyJump writes a hop. */
export function parseJump(hop: string): { user?: string; host: string; port: number } {
  const at = hop.lastIndexOf('@');
  const user = at >= 0 ? hop.slice(0, at) : undefined;
  const rest = at >= 0 ? hop.slice(at + 1) : hop;
  const bracket = /^\[(.+)\]:(\d+)$/.exec(rest);
  const plain = /^([^:]+):(\d+)$/.exec(rest);
  const [host, port] = bracket !== null ? [bracket[1] ?? rest, Number(bracket[2])] : plain !== null ? [plain[1] ?? rest, Number(plain[2])] : [rest, 22];
  return { ...(user === undefined ? {} : { user }), host, port };
}

function runSshG(sshBinary: string, alias: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    // `--` keeps an alias that starts with "-" from being read as an option.
    const child = spawn(sshBinary, ['-G', '--', alias], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, HOME: homedir() } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('error', () => resolve(undefined));
    child.once('close', (code) => resolve(code === 0 ? out : undefined));
  });
}

export const DEFAULT_KNOWN_HOSTS = join(homedir(), '.ssh', 'known_hosts');
