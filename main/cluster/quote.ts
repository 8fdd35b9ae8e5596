// Remote commands are built from argument vectors: every argument goes through `shellQuote`, so
// job names, paths and parameters reach the remote shell as data, never as code. This is the only
// place in the cluster code that writes shell syntax around values.

/** POSIX single-quoting: 'it'\''s' — nothing inside single quotes is special, not even newlines. */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a shell argument cannot contain a NUL byte');
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** One command line from an argument vector: `["ls", "-l", "a b"]` -> `ls -l 'a b'`. */
export function shellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('a command needs at least a program name');
  return argv.map(shellQuote).join(' ');
}

/** Commands run one after the other, stopping at the first failure. */
export function shellAnd(commands: readonly (readonly string[])[]): string {
  return commands.map(shellCommand).join(' && ');
}
