import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, parseClientBound, parseServerBound } from './protocol.js';

describe('wire messages', () => {
  it('a server accepts calls and cancels only', () => {
    expect(parseServerBound({ type: 'call', id: 0, service: 'runs', method: 'solve', params: [1] })).toEqual({
      ok: true, message: { type: 'call', id: 0, service: 'runs', method: 'solve', params: [1] },
    });
    expect(parseServerBound({ type: 'cancel', id: 3 })).toMatchObject({ ok: true });
    expect(parseServerBound({ type: 'result', id: 3, result: { ok: true, value: 1 } })).toMatchObject({ ok: false });
    expect(parseServerBound({ type: 'event', service: 's', event: 'onDidX', payload: 1 })).toMatchObject({ ok: false });
  });

  it('a client accepts results and events only', () => {
    expect(parseClientBound({ type: 'result', id: 1, result: { ok: false, error: { code: 'io', message: 'gone' } } })).toMatchObject({ ok: true });
    expect(parseClientBound({ type: 'result', id: 1, result: { ok: true } })).toMatchObject({ ok: true }); // undefined values vanish in JSON
    expect(parseClientBound({ type: 'event', service: 's', event: 'onDidX', payload: { a: 1 } })).toMatchObject({ ok: true });
    expect(parseClientBound({ type: 'call', id: 1, service: 's', method: 'm', params: [] })).toMatchObject({ ok: false });
  });

  it('names what is wrong with a malformed message', () => {
    expect(parseServerBound({ type: 'call', id: 1.5, service: 's', method: 'm', params: [] })).toEqual({
      ok: false, reason: expect.stringMatching(/^malformed message at id: /),
    });
    expect(parseServerBound({ type: 'call', id: 1, service: 'x'.repeat(MAX_NAME_LENGTH + 1), method: 'm', params: [] })).toMatchObject({ ok: false });
    expect(parseClientBound({ type: 'result', id: 1, result: { ok: false, error: { code: 'nope', message: '' } } })).toMatchObject({ ok: false });
    for (const junk of [undefined, null, 'call', 7, [], { type: 'call' }]) expect(parseServerBound(junk).ok).toBe(false);
  });
});
