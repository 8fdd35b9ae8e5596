// known_hosts as OpenSSH reads it: plain patterns (with * ? and ! negation), hashed entries
// (|1|salt|HMAC-SHA1(salt, host)), non-standard ports written [host]:port, @revoked markers. An
// unknown key is reported with its SHA256 fingerprint for the user to decide; a key that differs
// from every recorded one for the host is "changed" and refused, whatever its type: a server that
// suddenly presents an RSA key where an ed25519 one is known is treated exactly like a new ed25519
// key (the transports ask for the known types first, as OpenSSH does, so a host that still has its
// known key presents it). Nothing here ever accepts a key by itself: `appendKnownHost` is called
// only after the user said yes.

import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

export interface HostKey {
  type: string;
  /** The key blob in SSH wire format (what ssh2's hostVerifier receives). */
  blob: Buffer;
}

interface Entry {
  marker: '' | '@revoked' | '@cert-authority';
  patterns: string;
  type: string;
  key: string;
}

/** `SHA256:` + unpadded base64 of the blob's sha256, as `ssh-keygen -lf` prints it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of a wire-format blob (string length + name). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** How a host is named in known_hosts: `host`, or `[host]:port` off port 22. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string): Entry[] {
  const entries: Entry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? (fields.shift() as Entry['marker']) : '';
    const [patterns, type, key] = fields;
    if (patterns !== undefined && type !== undefined && key !== undefined) entries.push({ marker, patterns, type, key });
  }
  return entries;
}

function globMatches(pattern: string, text: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  return new RegExp(`^${regex}$`, 'i').test(text);
}

function hashedMatches(pattern: string, token: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || salt === undefined || hash === undefined) return false;
  return createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64') === hash;
}

export function entryMatchesHost(patterns: string, token: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, token);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (globMatches(negated ? pattern.slice(1) : pattern, token)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** A key known_hosts records for a host, as shown to the user next to the one the server presents. */
export interface KnownKey {
  keyType: string;
  fingerprint: string;
}

function plainEntriesFor(text: string, host: string, port: number): Entry[] {
  const token = hostToken(host, port);
  return parseKnownHosts(text).filter((entry) => entry.marker !== '@cert-authority' && entryMatchesHost(entry.patterns, token));
}

export function verdictFor(text: string, host: string, port: number, key: HostKey): HostKeyVerdict {
  const base64 = key.blob.toString('base64');
  const mine = plainEntriesFor(text, host, port);
  if (mine.some((entry) => entry.marker === '@revoked' && entry.key === base64)) return 'revoked';
  const plain = mine.filter((entry) => entry.marker === '');
  if (plain.some((entry) => entry.type === key.type && entry.key === base64)) return 'known';
  return plain.length > 0 ? 'changed' : 'unknown';
}

/** The plain keys recorded for a host (any type), with their fingerprints. */
export function knownKeysFor(text: string, host: string, port: number): KnownKey[] {
  return plainEntriesFor(text, host, port).filter((entry) => entry.marker === '')
    .map((entry) => ({ keyType: entry.type, fingerprint: fingerprint(Buffer.from(entry.key, 'base64')) }));
}

/** "known_hosts has ssh-ed25519 SHA256:...; " for a changed-key warning (both keys are shown). */
export function describeKnownKeys(known: readonly KnownKey[]): string {
  return known.length === 0 ? '' : `known_hosts has ${known.map((k) => `${k.keyType} ${k.fingerprint}`).join(', ')}; `;
}

export interface HostKeyLookup {
  verdict: HostKeyVerdict;
  /** What known_hosts has for the host: shown beside the presented key when it "changed". */
  known: KnownKey[];
}

export async function lookUpHostKey(files: readonly string[], host: string, port: number, key: HostKey): Promise<HostKeyLookup> {
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
  const verdicts = texts.map((text) => verdictFor(text, host, port, key));
  const known = texts.flatMap((text) => knownKeysFor(text, host, port));
  for (const worst of ['revoked', 'changed', 'known'] as const) if (verdicts.includes(worst)) return { verdict: worst, known };
  return { verdict: 'unknown', known };
}

export async function checkKnownHost(files: readonly string[], host: string, port: number, key: HostKey): Promise<HostKeyVerdict> {
  return (await lookUpHostKey(files, host, port, key)).verdict;
}

/** ssh2's default host key algorithms, in its order (ssh2 1.x, lib/protocol/constants.js). */
const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/** The algorithms that present a key of a known_hosts key type (an RSA key has three). */
function algorithmsOfType(type: string): string[] {
  return type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : HOST_KEY_ALGORITHMS.filter((name) => name === type);
}

/**
 * The host key algorithms to offer, those of the types known_hosts records for the host first, so
 * a server that still has its known key presents that one (as OpenSSH orders them), and a key of
 * another type means the known key is gone: "changed", not "unknown". Undefined: no key is known.
 */
export async function hostKeyAlgorithms(files: readonly string[], host: string, port: number): Promise<string[] | undefined> {
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
  const types = new Set(texts.flatMap((text) => knownKeysFor(text, host, port).map((key) => key.keyType)));
  const first = [...types].flatMap(algorithmsOfType);
  if (first.length === 0) return undefined;
  return [...new Set([...first, ...HOST_KEY_ALGORITHMS])];
}

/** Records a key the user accepted (plain entry, so the user can read and edit it). */
export async function appendKnownHost(file: string, host: string, port: number, key: HostKey): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const existing = await readFile(file, 'utf8').catch(() => '');
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${hostToken(host, port)} ${key.type} ${key.blob.toString('base64')}\n`, { mode: 0o600 });
}
