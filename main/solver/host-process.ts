// Entry of the solver host process: the one process that loads the native addon and runs live
// solves, so that a crash in native code is a failed solve, never a dead app. It runs as a Node
// child process (`child_process.fork`, serialization 'advanced': browser mode and the CLI) or as an
// Electron utility process (`utilityProcess.fork`: desktop); only the message channel differs.
//
//   node host-process.js [--max-solutions N]

import { loadNativeSolver } from '../../native/lib/index.js';
import { HostEngine } from './host-engine.js';
import type { HostMessage } from './protocol.js';

/** Electron's `process.parentPort` in a utility process (main/ never imports electron's types). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

interface Channel {
  send(message: HostMessage): void;
  listen(listener: (message: unknown) => void): void;
}

function openChannel(): Channel | undefined {
  const parentPort: unknown = Reflect.get(process, 'parentPort');
  if (typeof parentPort === 'object' && parentPort !== null) {
    const port = parentPort as ParentPort;
    return { send: (message) => port.postMessage(message), listen: (listener) => port.on('message', (event) => listener(event.data)) };
  }
  const send = process.send?.bind(process);
  if (send === undefined) return undefined;
  return { send: (message) => void send(message), listen: (listener) => process.on('message', listener) };
}

function maxSolutions(argv: readonly string[]): number {
  const at = argv.indexOf('--max-solutions');
  const value = at >= 0 ? Number(argv[at + 1]) : 8;
  return Number.isInteger(value) && value >= 1 ? value : 8;
}

const channel = openChannel();
if (channel === undefined) {
  process.stderr.write('mfgw solver host: no channel to a parent process; this file is started by the app (main/solver/launcher.ts), not by hand\n');
  process.exit(2);
}
const engine = new HostEngine({
  solver: loadNativeSolver(),
  send: (message) => channel.send(message),
  maxSolutions: maxSolutions(process.argv.slice(2)),
  report: (problem) => process.stderr.write(`mfgw solver host: ${problem}\n`),
});
channel.listen((message) => engine.handle(message));
// The parent going away closes the IPC channel: end with it instead of lingering as an orphan.
process.on('disconnect', () => process.exit(0));
channel.send({ kind: 'ready', pid: process.pid });
