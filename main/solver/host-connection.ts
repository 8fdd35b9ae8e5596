// One running solver host process, seen from the main process: numbered requests, their answers
// (checked against what each request expects), progress, and what happens when the process ends.
// Whatever the process does, every request is answered exactly once.

import { appError, err, ok, type IterationRecord, type Result } from '../../app/contract/index.js';
import type { Logger } from '../../app/rpc/logger.js';
import { errorMessage } from '../files.js';
import type { HostChannel } from './launcher.js';
import { checkAnswer, HostMessageSchema, type Answer, type AnswerKind, type HostRequest } from './protocol.js';

type RequestOf<K extends AnswerKind> = Omit<Extract<HostRequest, { kind: K }>, 'id'>;

interface Pending {
  kind: AnswerKind;
  settle(result: Result<unknown>): void;
  onProgress?: (record: IterationRecord) => void;
}

export interface HostConnectionOptions {
  logger: Logger;
  /** How long a new process may take to say it is ready. */
  readyTimeoutMs: number;
  /** Called once when the process ends (crash, kill, exit), after pending requests were answered. */
  onExit: (reason: string) => void;
}

export class HostConnection {
  private readonly pending = new Map<number, Pending>();
  private readonly ready: Promise<Result<void>>;
  private markReady: (result: Result<void>) => void = () => {};
  private nextId = 1;
  private exitReason: string | undefined;
  private readyReceived = false;

  constructor(private readonly channel: HostChannel, private readonly options: HostConnectionOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const timer = setTimeout(() => {
      this.markReady(err(appError('solver_failed', `the solver host process did not start within ${options.readyTimeoutMs / 1000} s`)));
      channel.kill();
    }, options.readyTimeoutMs);
    void this.ready.then(() => clearTimeout(timer));
    channel.onMessage((message) => this.receive(message));
    channel.onExit((reason) => this.exited(reason));
  }

  get pid(): number | undefined {
    return this.channel.pid;
  }

  /** Whether the process ever said it was ready (a process that never started is not a restart). */
  get wasReady(): boolean {
    return this.readyReceived;
  }

  get hasExited(): boolean {
    return this.exitReason !== undefined;
  }

  /** Sends a request once the process is ready; `id` identifies it for `cancel`. */
  request<K extends AnswerKind>(request: RequestOf<K> & { kind: K }, onProgress?: (record: IterationRecord) => void): { id: number; answer: Promise<Result<Answer<K>>> } {
    const id = this.nextId++;
    const answer = new Promise<Result<unknown>>((settle) => {
      this.pending.set(id, { kind: request.kind, settle, ...(onProgress === undefined ? {} : { onProgress }) });
    });
    void this.ready.then((started) => {
      if (!started.ok) return this.settle(id, started);
      if (this.exitReason !== undefined) return this.settle(id, err(appError('solver_failed', this.exitReason)));
      try {
        this.channel.send({ ...request, id } as HostRequest);
      } catch (error) {
        this.settle(id, err(appError('solver_failed', `could not reach the solver host process: ${errorMessage(error)}`)));
      }
    });
    return { id, answer: answer.then((result) => checkAnswer(request.kind, result)) };
  }

  /** Asks the host to stop the solve that request `id` started (it answers with status cancelled). */
  cancel(id: number): void {
    if (!this.pending.has(id) || this.hasExited) return;
    void this.ready.then((started) => {
      if (!started.ok) return;
      try {
        this.channel.send({ kind: 'cancel', id });
      } catch {
        // The process is gone: its exit answers the solve.
      }
    });
  }

  kill(): void {
    this.channel.kill();
  }

  private receive(raw: unknown): void {
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'id') : undefined;
      const why = `the solver host sent an invalid message (${parsed.error.issues[0]?.message ?? 'unknown'})`;
      this.options.logger.warn(why);
      if (typeof id === 'number') this.settle(id, err(appError('solver_failed', why)));
      return;
    }
    const message = parsed.data;
    if (message.kind === 'ready') {
      this.readyReceived = true;
      return this.markReady(ok(undefined));
    }
    if (message.kind === 'progress') return this.pending.get(message.id)?.onProgress?.(message.record);
    this.settle(message.id, message.result);
  }

  private settle(id: number, result: Result<unknown>): void {
    const pending = this.pending.get(id);
    if (pending === undefined) return;
    this.pending.delete(id);
    pending.settle(result);
  }

  private exited(reason: string): void {
    if (this.exitReason !== undefined) return;
    this.exitReason = reason;
    this.markReady(err(appError('solver_failed', reason)));
    for (const id of [...this.pending.keys()]) this.settle(id, err(appError('solver_failed', reason)));
    this.options.onExit(reason);
  }
}
