// One connection per cluster, reused by every command, poll and transfer; reconnected on demand
// after a drop. Host keys the user has not accepted are kept here (never written) until
// `acceptHostKey` names the exact fingerprint that was shown. Keyboard-interactive rounds become
// prompts with ids; answers are passed through and never stored.

import { randomUUID } from 'node:crypto';
import { appError, err, ok, type AuthPrompt, type ClusterProfile, type ConnectionStatus, type HostKeyReport, type Result } from '../../app/contract/index.js';
import { Emitter } from '../../app/rpc/disposable.js';
import type { Logger } from '../../app/rpc/logger.js';
import { appendKnownHost, type HostKey } from './known-hosts.js';
import { resolveHost, type ResolvedHost } from './ssh-config.js';
import { connectOpenssh } from './openssh-transport.js';
import { connectSsh2 } from './ssh2-transport.js';
import type { RemoteTransport } from './transport.js';

interface PendingKey { report: HostKeyReport; key: HostKey; knownHosts: string }

export class ConnectionPool {
  readonly onDidPrompt: Emitter<AuthPrompt>;
  readonly onDidReportHostKey: Emitter<HostKeyReport>;
  private readonly open = new Map<string, Promise<Result<RemoteTransport>>>();
  private readonly pendingKeys = new Map<string, PendingKey>();
  private readonly prompts = new Map<string, (answers: string[] | undefined) => void>();

  constructor(private readonly logger: Logger, private readonly sshBinary = 'ssh') {
    this.onDidPrompt = new Emitter(logger, 'clusters.onDidPrompt');
    this.onDidReportHostKey = new Emitter(logger, 'clusters.onDidReportHostKey');
  }

  /** The cluster's connection, opened once and shared; a dropped one is opened again. */
  transport(profile: ClusterProfile): Promise<Result<RemoteTransport>> {
    const existing = this.open.get(profile.alias);
    if (existing !== undefined) {
      return existing.then((found) => (found.ok && found.value.connected ? found : this.reopen(profile)));
    }
    return this.reopen(profile);
  }

  private reopen(profile: ClusterProfile): Promise<Result<RemoteTransport>> {
    const opening = this.connect(profile);
    this.open.set(profile.alias, opening);
    // A failed attempt is not kept: the next call tries again (after the user accepted a key, say).
    void opening.then((found) => { if (!found.ok && this.open.get(profile.alias) === opening) this.open.delete(profile.alias); });
    return opening;
  }

  private async connect(profile: ClusterProfile): Promise<Result<RemoteTransport>> {
    const host = await resolveHost(profile, this.sshBinary);
    if (profile.transport === 'openssh') {
      return connectOpenssh({ profile, host, sshBinary: this.sshBinary, onHostKey: (report, key) => this.remember(report, key, host) });
    }
    return connectSsh2({
      cluster: profile.alias, host,
      onPrompt: (prompt) => this.ask(prompt),
      onHostKey: (report, key) => this.remember(report, key, host),
    });
  }

  private remember(report: HostKeyReport, key: HostKey, host: ResolvedHost): void {
    this.pendingKeys.set(report.cluster, { report, key, knownHosts: host.knownHostsFiles[0] ?? '' });
    this.onDidReportHostKey.fire(report);
  }

  async status(profile: ClusterProfile): Promise<ConnectionStatus> {
    const found = await this.transport(profile);
    if (found.ok) return { cluster: profile.alias, connected: true, message: `connected to ${profile.host}` };
    const details = found.error.details as { hostKey?: HostKeyReport } | undefined;
    return { cluster: profile.alias, connected: false, message: found.error.message, ...(details?.hostKey ? { hostKey: details.hostKey } : {}) };
  }

  /** Writes the key the user saw (and only if the fingerprint matches it), then connects. */
  async accept(profile: ClusterProfile, shownFingerprint: string): Promise<Result<ConnectionStatus>> {
    const pending = this.pendingKeys.get(profile.alias);
    if (pending === undefined) return err(appError('not_found', `no host key of ${profile.alias} is waiting for a decision: connect first, then accept the fingerprint it shows`));
    if (pending.report.status === 'changed') return err(appError('unauthorized', `the host key of ${profile.alias} CHANGED; it cannot be accepted here. Remove the old entry with ssh-keygen -R after checking with the admins`));
    if (pending.report.fingerprint !== shownFingerprint) {
      return err(appError('bad_input', `expected the fingerprint that was shown (${pending.report.fingerprint}), received ${shownFingerprint}: the key may have changed in between; connect again`));
    }
    await appendKnownHost(pending.knownHosts, pending.report.host, pending.report.port, pending.key);
    this.pendingKeys.delete(profile.alias);
    this.logger.warn(`accepted the ${pending.report.keyType} host key ${pending.report.fingerprint} of ${pending.report.host}:${pending.report.port} (written to ${pending.knownHosts})`);
    return ok(await this.status(profile));
  }

  private ask(prompt: Omit<AuthPrompt, 'promptId'>): Promise<string[] | undefined> {
    const promptId = randomUUID();
    return new Promise((resolve) => {
      if (this.onDidPrompt.size === 0) return resolve(undefined); // nobody can answer (e.g. the CLI without a terminal)
      this.prompts.set(promptId, resolve);
      this.onDidPrompt.fire({ ...prompt, promptId });
    });
  }

  answer(promptId: string, answers: string[]): boolean {
    const resolve = this.prompts.get(promptId);
    if (resolve === undefined) return false;
    this.prompts.delete(promptId);
    resolve(answers);
    return true;
  }

  drop(alias: string): void {
    void this.open.get(alias)?.then((found) => { if (found.ok) found.value.close(); });
    this.open.delete(alias);
  }

  dispose(): void {
    for (const alias of [...this.open.keys()]) this.drop(alias);
    for (const resolve of this.prompts.values()) resolve(undefined);
    this.prompts.clear();
  }
}
