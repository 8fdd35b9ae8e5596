// The solver host as an Electron utility process (utilityProcess.fork): a Node process that Electron
// manages, with structured-clone messages, so typed arrays cross as they do with child_process.

import { utilityProcess, type UtilityProcess } from 'electron';
import type { HostChannel, HostLauncher } from '../../main/solver/launcher.js';

export function utilityProcessLauncher(entry: string): HostLauncher {
  return ({ maxSolutions }) => {
    const child: UtilityProcess = utilityProcess.fork(entry, ['--max-solutions', String(maxSolutions)], {
      serviceName: 'MFG Workbench solver',
      stdio: 'inherit',
    });
    let ended: string | undefined;
    let exitListener: ((reason: string) => void) | undefined;
    child.on('exit', (code) => {
      ended = `the solver host process exited with code ${code}`;
      exitListener?.(ended);
    });
    const channel: HostChannel = {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (ended !== undefined) throw new Error(ended);
        child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        exitListener = listener;
        if (ended !== undefined) listener(ended);
      },
      kill: () => {
        child.kill();
      },
    };
    return channel;
  };
}
