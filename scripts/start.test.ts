// npm start's two halves that run on every machine: the preload bundle Electron would load, and the
// fallback to browser mode where no Electron binary exists (this machine, and CI).

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir, withCompileLock } from '../main/testing/fixtures.js';
import { bundlePreload, findElectron } from './start.mjs';

let scratch: string;
beforeAll(() => {
  scratch = tempDir('start');
});
afterAll(() => removeDir(scratch));

describe('the Electron preload bundle', () => {
  it('is one CommonJS file that requires only electron and exposes the RPC bridge', async () => {
    const file = await bundlePreload(path.join(scratch, 'electron'));
    const code = readFileSync(file, 'utf8');
    expect([...code.matchAll(/require\(([^)]*)\)/g)].map((match) => match[1])).toEqual(['"electron"']);
    expect(code).toMatch(/contextBridge\.exposeInMainWorld\(BRIDGE_KEY/);
    expect(code).toContain('var BRIDGE_KEY = "mfgw"');
    expect(code).not.toMatch(/\bimport\s/);
  });
});

describe.skipIf(findElectron().ok)('npm start where Electron is not available', () => {
  it('says why and serves the browser mode instead', async () => {
    const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', MFGW_CONFIG_DIR: path.join(scratch, 'config'), MFGW_RUNS_DIR: path.join(scratch, 'runs') };
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'start.mjs'), '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // start.mjs compiles (tsc -b) before it serves: not while another test worker compiles.
    const url = await withCompileLock(() => new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(output);
        if (found !== null) resolve(found[0]);
      });
      child.once('exit', (code) => reject(new Error(`start.mjs exited with ${code}:\n${output}`)));
    }));
    expect(output).toMatch(/Electron is not available on this machine \(.*ELECTRON_SKIP_BINARY_DOWNLOAD is set.*\); serving the browser mode instead/);
    const status = await new Promise<number>((resolve, reject) => {
      request(url, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(status).toBe(302); // the token is traded for a cookie
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
  });
});
