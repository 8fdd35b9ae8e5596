import { describe, expect, it } from 'vitest';
import { checkTokenFormat, generateToken, isAllowedHost, isOwnOrigin, parseRequestTarget, readCookie, tokensEqual } from './auth.js';

describe('auth helpers', () => {
  it('tokens are 32 random bytes in base64url, compared exactly', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(token);
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
    expect(() => checkTokenFormat(token)).not.toThrow();
    expect(() => checkTokenFormat('has space in it!!')).toThrow();
  });

  it('reads one cookie among several', () => {
    expect(readCookie('a=1; mfgw_token_80=abc; b=2', 'mfgw_token_80')).toBe('abc');
    expect(readCookie('xmfgw_token_80=abc', 'mfgw_token_80')).toBeUndefined();
    expect(readCookie(undefined, 'mfgw_token_80')).toBeUndefined();
  });

  it('accepts only this server as Host and only its own origin', () => {
    expect(isAllowedHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isAllowedHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(isAllowedHost('127.0.0.1', 8080)).toBe(false);
    expect(isAllowedHost('127.0.0.1:8080.evil.example', 8080)).toBe(false);
    expect(isAllowedHost(undefined, 8080)).toBe(false);
    expect(isOwnOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
    expect(isOwnOrigin('http://localhost:8080', '127.0.0.1:8080')).toBe(false);
    expect(isOwnOrigin('null', '127.0.0.1:8080')).toBe(false);
    expect(isOwnOrigin(undefined, '127.0.0.1:8080')).toBe(false);
  });

  it('splits origin-form targets and refuses the others', () => {
    expect(parseRequestTarget('/a/b?token=x&y=1')?.query.get('token')).toBe('x');
    expect(parseRequestTarget('/a/b')?.rawPath).toBe('/a/b');
    expect(parseRequestTarget('http://127.0.0.1/a')).toBeUndefined();
    expect(parseRequestTarget('*')).toBeUndefined();
  });
});
