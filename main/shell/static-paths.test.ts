import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticPath } from './static-paths.js';

describe('resolveStaticPath', () => {
  it('maps app paths under the root, "/" to index.html', () => {
    expect(resolveStaticPath('/srv/app', '/')).toEqual({ ok: true, file: '/srv/app/index.html' });
    expect(resolveStaticPath('/srv/app', '/assets/./app.js')).toEqual({ ok: true, file: '/srv/app/assets/app.js' });
    expect(resolveStaticPath('/srv/app', '/fonts/Inter%20Var.woff2')).toEqual({ ok: true, file: '/srv/app/fonts/Inter Var.woff2' });
  });

  it('keeps absolute-looking paths inside the root', () => {
    expect(resolveStaticPath('/srv/app', '//etc/passwd')).toEqual({ ok: true, file: '/srv/app/etc/passwd' });
    expect(resolveStaticPath('/srv/app', '/%2fetc%2fpasswd')).toEqual({ ok: true, file: '/srv/app/etc/passwd' });
  });

  it('refuses "..", encoded or not, backslashes, NUL and broken escapes', () => {
    for (const raw of ['/../x', '/a/../../x', '/%2e%2e/x', '/%2E%2e%2Fx', '/..%2fx', '/..%5cx', '/a\\..\\x', '/%00', '/%E0%A4%A']) {
      expect(resolveStaticPath('/srv/app', raw), raw).toEqual({ ok: false, status: 400 });
    }
  });

  it('decodes once: a double-encoded ".." is a harmless file name', () => {
    expect(resolveStaticPath('/srv/app', '/%252e%252e/x')).toEqual({ ok: true, file: '/srv/app/%2e%2e/x' });
  });
});

describe('contentTypeFor', () => {
  it('names the types a Vite build produces, and nothing guessable otherwise', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-3f2a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.WASM')).toBe('application/wasm');
    expect(contentTypeFor('worker.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('data.bin')).toBe('application/octet-stream');
  });
});
