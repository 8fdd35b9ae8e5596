import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { removeDir, tempDir } from '../testing/fixtures.js';
import { JsonListStore } from './json-store.js';

const dir = tempDir('json-store');
afterAll(() => removeDir(dir));
const Item = z.object({ id: z.string(), n: z.int() });
const quiet = { warn: () => undefined };
const open = async (file: string) => {
  const store = new JsonListStore(file, Item, (item) => item.id, quiet);
  await store.load();
  return store;
};

describe('JsonListStore', () => {
  it('keeps entries another process wrote since it loaded (the app and mfgw share jobs.json)', async () => {
    const file = join(dir, 'jobs.json');
    const app = await open(file);
    const cli = await open(file);
    await cli.put({ id: 'from-cli', n: 1 });
    await app.put({ id: 'from-app', n: 2 });
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { id: string }[];
    expect(stored.map((item) => item.id).sort()).toEqual(['from-app', 'from-cli']);
  });

  it('reloads entries another process added, keeping its own', async () => {
    const file = join(dir, 'reload.json');
    const app = await open(file);
    await app.put({ id: 'mine', n: 1 });
    const cli = await open(file);
    await cli.put({ id: 'theirs', n: 2 });
    await cli.put({ id: 'mine', n: 99 });
    await app.reload();
    expect(app.list()).toEqual([{ id: 'mine', n: 1 }, { id: 'theirs', n: 2 }]);
  });

  it('does not bring back what it removed', async () => {
    const file = join(dir, 'removed.json');
    const store = await open(file);
    await store.put({ id: 'a', n: 1 });
    await store.put({ id: 'b', n: 2 });
    await store.remove('a');
    expect((await open(file)).list().map((item) => item.id)).toEqual(['b']);
  });

  it('skips invalid entries with a warning and starts empty on a file that is not an array', async () => {
    const warnings: string[] = [];
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ id: 'ok', n: 1 }, { id: 'bad', n: 'x' }]));
    const store = new JsonListStore(file, Item, (item) => item.id, { warn: (m) => warnings.push(m) });
    await store.load();
    expect(store.list().map((item) => item.id)).toEqual(['ok']);
    expect(warnings[0]).toMatch(/entry 1 is invalid/);
  });
});

describe('JsonListStore files are private (profiles and jobs name hosts, users, keys and commands)', () => {
  const mode = (path: string): number => statSync(path).mode & 0o777;

  it('writes the file 0600 in a 0700 folder, whatever the umask', async () => {
    const previous = process.umask(0o002);
    try {
      const file = join(dir, 'fresh', 'clusters', 'profiles.json');
      const store = await open(file);
      await store.put({ id: 'a', n: 1 });
      expect([mode(file), mode(join(dir, 'fresh', 'clusters'))]).toEqual([0o600, 0o700]);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a file and folder an older version left readable by others', async () => {
    const folder = join(dir, 'old', 'clusters');
    mkdirSync(folder, { recursive: true, mode: 0o755 });
    chmodSync(folder, 0o755);
    const file = join(folder, 'jobs.json');
    writeFileSync(file, '[{"id":"a","n":1}]', { mode: 0o644 });
    chmodSync(file, 0o644);
    const store = await open(file);
    expect(store.list()).toEqual([{ id: 'a', n: 1 }]);
    expect([mode(file), mode(folder)]).toEqual([0o600, 0o700]);
  });
});
