// Where the RPC layer reports what it drops (malformed messages, listeners that throw): injected, so
// tests can count and assert, and the app can route it to its log file.

export interface Logger {
  warn(message: string, details?: unknown): void;
}

export const consoleLogger: Logger = {
  warn: (message, details) => {
    if (details === undefined) console.warn(`[rpc] ${message}`);
    else console.warn(`[rpc] ${message}`, details);
  },
};

export const silentLogger: Logger = { warn: () => {} };
