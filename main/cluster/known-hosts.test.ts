import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendKnownHost, checkKnownHost, fingerprint, hostKeyAlgorithms, keyTypeOf, lookUpHostKey, verdictFor, type HostKey } from './known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'mfgw-known-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real key made by ssh-keygen, its public line, and ssh-keygen's own fingerprint of it. */
function makeKey(name: string, type = 'ed25519'): { key: HostKey; line: string; sshKeygenFingerprint: string } {
  const path = join(dir, name);
  expect(spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path]).status).toBe(0);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  const blob = Buffer.from(line.split(' ')[1] ?? '', 'base64');
  const printed = spawnSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1] ?? '';
  return { key: { type: keyTypeOf(blob), blob }, line: line.split(' ').slice(0, 2).join(' '), sshKeygenFingerprint: printed };
}

const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

describe.runIf(hasKeygen)('known_hosts', () => {
  const a = makeKey('a');
  const b = makeKey('b');
  const ecdsa = makeKey('c', 'ecdsa');

  it('prints the fingerprint ssh-keygen prints', () => {
    expect(a.key.type).toBe('ssh-ed25519');
    expect(fingerprint(a.key.blob)).toBe(a.sshKeygenFingerprint);
  });

  it('matches plain, [host]:port, wildcard and negated entries', () => {
    expect(verdictFor(`example.org ${a.line}\n`, 'example.org', 22, a.key)).toBe('known');
    expect(verdictFor(`example.org ${a.line}\n`, 'example.org', 2222, a.key)).toBe('unknown');
    expect(verdictFor(`[example.org]:2222 ${a.line}\n`, 'example.org', 2222, a.key)).toBe('known');
    expect(verdictFor(`*.example.org,!bad.example.org ${a.line}\n`, 'node.example.org', 22, a.key)).toBe('known');
    expect(verdictFor(`*.example.org,!bad.example.org ${a.line}\n`, 'bad.example.org', 22, a.key)).toBe('unknown');
  });

  it('reads hashed entries written by ssh-keygen -H', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `[127.0.0.1]:2022 ${a.line}\nother.host ${b.line}\n`);
    expect(spawnSync('ssh-keygen', ['-H', '-f', file]).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\|1\|/);
    expect(verdictFor(text, '127.0.0.1', 2022, a.key)).toBe('known');
    expect(verdictFor(text, '127.0.0.1', 2022, b.key)).toBe('changed');
    expect(verdictFor(text, 'other.host', 22, b.key)).toBe('known');
  });

  it('calls a different key of the same type for a known host changed, and honours @revoked', () => {
    expect(verdictFor(`h ${a.line}\n`, 'h', 22, b.key)).toBe('changed');
    expect(verdictFor(`@revoked * ${a.line}\nh ${a.line}\n`, 'h', 22, a.key)).toBe('revoked');
  });

  it('calls a key of another type than the one known for the host changed, and reports both fingerprints', async () => {
    expect(verdictFor(`h ${ecdsa.line}\n`, 'h', 22, a.key)).toBe('changed');
    expect(verdictFor(`other ${ecdsa.line}\n`, 'h', 22, a.key)).toBe('unknown');
    const file = join(dir, 'typed');
    writeFileSync(file, `[h]:2222 ${ecdsa.line}\n`);
    expect(await lookUpHostKey([file], 'h', 2222, a.key)).toEqual({ verdict: 'changed', known: [{ keyType: 'ecdsa-sha2-nistp256', fingerprint: ecdsa.sshKeygenFingerprint }] });
  });

  it('asks servers for the key types known_hosts has for them first (as OpenSSH does)', async () => {
    const file = join(dir, 'order');
    writeFileSync(file, `[h]:2222 ${ecdsa.line}\nrsa-host ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ\n`);
    expect((await hostKeyAlgorithms([file], 'h', 2222))?.slice(0, 2)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect((await hostKeyAlgorithms([file], 'rsa-host', 22))?.slice(0, 4)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
    expect(await hostKeyAlgorithms([file], 'new-host', 22)).toBeUndefined();
  });

  it('appends an accepted key that ssh itself then recognises', async () => {
    const file = join(dir, 'appended');
    await appendKnownHost(file, '127.0.0.1', 2022, a.key);
    expect(await checkKnownHost([file, join(dir, 'missing')], '127.0.0.1', 2022, a.key)).toBe('known');
    const found = spawnSync('ssh-keygen', ['-F', '[127.0.0.1]:2022', '-f', file], { encoding: 'utf8' });
    expect(found.stdout).toContain(a.line);
  });
});
