// A small argument parser for mfgw: `--name value`, `--name=value` and flags. Every mistake comes
// back as a message that says what was expected and what was received (exit code 2 at the caller).

import { describeReceived, didYouMean, err, ok, type Result } from '../../app/contract/index.js';

export interface OptionSpec {
  name: string;
  /** The value's placeholder in messages (`N`, `DIR`); a flag has none. */
  value?: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

/** Errors are plain strings here; the command adds its name and the hint to --help. */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): Result<ParsedArgs, string> {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--' ) {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = splitInline(arg.slice(2));
    const spec = specs.find((candidate) => candidate.name === name);
    if (spec === undefined) {
      const known = specs.map((candidate) => `--${candidate.name}`);
      return err(`unknown option '--${name}'${didYouMean(`--${name}`, known) || (known.length > 0 ? `; expected one of ${known.join(', ')}` : '')}`);
    }
    if (spec.value === undefined) {
      if (inline !== undefined) return err(`--${name} takes no value, received ${describeReceived(inline)}`);
      options.set(name, true);
      continue;
    }
    const value = inline ?? argv[i + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) return err(`expected --${name} ${spec.value}, received nothing after --${name}`);
    if (inline === undefined) i++;
    options.set(name, value);
  }
  return ok({ positionals, options });
}

function splitInline(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.options.get(name) === true;
}

/** An integer option within [min, max]; absent is `undefined`. */
export function integerOption(parsed: ParsedArgs, name: string, placeholder: string, min: number, max: number): Result<number | undefined, string> {
  const text = stringOption(parsed, name);
  if (text === undefined) return ok(undefined);
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    return err(`expected --${name} ${placeholder} with ${placeholder} an integer from ${min} to ${max}, received ${describeReceived(text)}`);
  }
  return ok(value);
}
