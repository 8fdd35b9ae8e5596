import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendKnownHost, checkKnownHost, fingerprint, keyTypeOf, verdictFor, type HostKey } from './known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'mfgw-known-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real key made by ssh-keygen, its public line, and ssh-keygen's own fingerprint of it. */
function makeKey(name: string): { key: HostKey; line: string; sshKeygenFingerprint: string } {
  const path = join(dir, name);
  expect(spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]).status).toBe(0);
  const line = readFileSync(`${path}.pub`, 'utf8').trim();
  const blob = Buffer.from(line.split(' ')[1] ?? '', 'base64');
  const printed = spawnSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' }).stdout.split(' ')[1] ?? '';
  return { key: { type: keyTypeOf(blob), blob }, line: line.split(' ').slice(0, 2).join(' '), sshKeygenFingerprint: printed };
}

const hasKeygen = spawnSync('ssh-keygen', ['-?']).error === undefined;

describe.runIf(hasKeygen)('known_hosts', () => {
  const a = makeKey('a');
  const b = makeKey('b');

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

  it('appends an accepted key that ssh itself then recognises', async () => {
    const file = join(dir, 'appended');
    await appendKnownHost(file, '127.0.0.1', 2022, a.key);
    expect(await checkKnownHost([file, join(dir, 'missing')], '127.0.0.1', 2022, a.key)).toBe('known');
    const found = spawnSync('ssh-keygen', ['-F', '[127.0.0.1]:2022', '-f', file], { encoding: 'utf8' });
    expect(found.stdout).toContain(a.line);
  });
});
