// The main side's checks on what a host process says. The real host never sends a malformed
// message, so these tests drive a HostConnection through a channel whose far end is the test.

import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../app/rpc/logger.js';
import { HostConnection } from './host-connection.js';
import type { HostChannel } from './launcher.js';
import type { HostRequest } from './protocol.js';

function channel(): { channel: HostChannel; sent: HostRequest[]; deliver: (message: unknown) => void; exit: (reason: string) => void } {
  const sent: HostRequest[] = [];
  let onMessage: (message: unknown) => void = () => {};
  let onExit: (reason: string) => void = () => {};
  return {
    sent,
    deliver: (message) => onMessage(message),
    exit: (reason) => onExit(reason),
    channel: {
      pid: 1,
      send: (message) => void sent.push(message),
      onMessage: (listener) => (onMessage = listener),
      onExit: (listener) => (onExit = listener),
      kill: () => onExit('killed'),
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('HostConnection', () => {
  it('waits for ready, then sends; an answer of the wrong shape becomes solver_failed', async () => {
    const far = channel();
    const connection = new HostConnection(far.channel, { logger: silentLogger, readyTimeoutMs: 5000, onExit: () => {} });
    const { id, answer } = connection.request({ kind: 'release', solutionId: 'x' });
    await tick();
    expect(far.sent).toEqual([]);
    far.deliver({ kind: 'ready', pid: 1 });
    await tick();
    expect(far.sent).toEqual([{ kind: 'release', solutionId: 'x', id }]);
    far.deliver({ kind: 'result', id, result: { ok: true, value: { released: 'yes' } } });
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('solver_failed');
    expect(!result.ok && result.error.message).toMatch(/invalid value \(released/);
  });

  it('fails a request whose answer is not a valid message, and ignores answers to nothing', async () => {
    const far = channel();
    const connection = new HostConnection(far.channel, { logger: silentLogger, readyTimeoutMs: 5000, onExit: () => {} });
    far.deliver({ kind: 'ready', pid: 1 });
    const { id, answer } = connection.request({ kind: 'capabilities' });
    await tick();
    far.deliver({ kind: 'result', id: 999, result: { ok: true, value: {} } });
    far.deliver({ kind: 'result', id, result: 'not a result' });
    const result = await answer;
    expect(!result.ok && result.error.code).toBe('solver_failed');
  });

  it('answers every pending request when the process ends, and reports the exit once', async () => {
    const far = channel();
    const exits: string[] = [];
    const connection = new HostConnection(far.channel, { logger: silentLogger, readyTimeoutMs: 5000, onExit: (reason) => exits.push(reason) });
    far.deliver({ kind: 'ready', pid: 1 });
    const first = connection.request({ kind: 'capabilities' }).answer;
    const second = connection.request({ kind: 'release', solutionId: 'y' }).answer;
    far.exit('the solver host process was killed by SIGKILL');
    far.exit('again');
    expect(await first).toEqual({ ok: false, error: { code: 'solver_failed', message: 'the solver host process was killed by SIGKILL' } });
    expect((await second).ok).toBe(false);
    expect(exits).toEqual(['the solver host process was killed by SIGKILL']);
    expect(connection.hasExited).toBe(true);
    const late = await connection.request({ kind: 'capabilities' }).answer;
    expect(!late.ok && late.error.code).toBe('solver_failed');
  });

  it('gives up on a process that never says it is ready', async () => {
    const far = channel();
    const connection = new HostConnection(far.channel, { logger: silentLogger, readyTimeoutMs: 50, onExit: () => {} });
    const result = await connection.request({ kind: 'capabilities' }).answer;
    expect(!result.ok && result.error.message).toMatch(/did not start within 0.05 s|killed/);
  });
});
