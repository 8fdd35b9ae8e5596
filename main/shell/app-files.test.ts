import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../testing/fixtures.js';
import { APP_URL, ELECTRON_CONTENT_SECURITY_POLICY, readAppFile } from './app-files.js';

let scratch: string;
let root: string;
beforeAll(() => {
  scratch = tempDir('app-files');
  root = path.join(scratch, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(scratch, 'secret.txt'), 'secret');
  symlinkSync(path.join(scratch, 'secret.txt'), path.join(root, 'assets', 'leak.txt'));
});
afterAll(() => removeDir(scratch));

const text = (body: Uint8Array): string => new TextDecoder().decode(body);

describe('readAppFile (the Electron shell\'s app:// scheme)', () => {
  it('serves the renderer with the CSP and a content type', async () => {
    const index = await readAppFile(root, APP_URL);
    expect(index.status).toBe(200);
    expect(text(index.body)).toContain('<title>app</title>');
    expect(index.headers['Content-Security-Policy']).toBe(ELECTRON_CONTENT_SECURITY_POLICY);
    expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(ELECTRON_CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
    const script = await readAppFile(root, 'app://renderer/assets/app.js');
    expect(script.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const url of ['app://renderer/../secret.txt', 'app://renderer/%2e%2e/secret.txt', 'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/assets/leak.txt', 'app://elsewhere/index.html', 'file:///etc/passwd', 'app://renderer/assets', 'not a url']) {
      const answer = await readAppFile(root, url);
      expect(answer.status, url).not.toBe(200);
      expect(text(answer.body), url).not.toContain('secret');
      expect(answer.headers['Content-Security-Policy'], url).toBe(ELECTRON_CONTENT_SECURITY_POLICY);
    }
  });
});
