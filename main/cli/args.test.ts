import { describe, expect, it } from 'vitest';
import { integerOption, parseArgs } from './args.js';

const specs = [{ name: 'out', value: 'DIR' }, { name: 'threads', value: 'N' }, { name: 'quiet' }];

describe('parseArgs', () => {
  it('reads positionals, --name value, --name=value and flags', () => {
    const parsed = parseArgs(['spec.json', '--out', 'run', '--threads=4', '--quiet', '--', '--literal'], specs);
    expect(parsed.ok && parsed.value.positionals).toEqual(['spec.json', '--literal']);
    expect(parsed.ok && Object.fromEntries(parsed.value.options)).toEqual({ out: 'run', threads: '4', quiet: true });
  });

  it('says what was expected', () => {
    expect(parseArgs(['--out'], specs)).toEqual({ ok: false, error: 'expected --out DIR, received nothing after --out' });
    expect(parseArgs(['--out', '--quiet'], specs)).toEqual({ ok: false, error: 'expected --out DIR, received nothing after --out' });
    expect(parseArgs(['--quiet=yes'], specs)).toEqual({ ok: false, error: '--quiet takes no value, received "yes"' });
    expect(parseArgs(['--qiuet'], specs)).toEqual({ ok: false, error: "unknown option '--qiuet'; did you mean '--quiet'?" });
    expect(parseArgs(['--verbose'], specs)).toEqual({ ok: false, error: "unknown option '--verbose'; expected one of --out, --threads, --quiet" });
  });

  it('checks integer options', () => {
    const parsed = parseArgs(['--threads', '0'], specs);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(integerOption(parsed.value, 'threads', 'N', 1, 64)).toEqual({ ok: false, error: 'expected --threads N with N an integer from 1 to 64, received "0"' });
    const good = parseArgs(['--threads', '8'], specs);
    expect(good.ok && integerOption(good.value, 'threads', 'N', 1, 64)).toEqual({ ok: true, value: 8 });
    const absent = parseArgs([], specs);
    expect(absent.ok && integerOption(absent.value, 'threads', 'N', 1, 64)).toEqual({ ok: true, value: undefined });
    const fraction = parseArgs(['--threads', '1.5'], specs);
    expect(fraction.ok && integerOption(fraction.value, 'threads', 'N', 1, 64).ok).toBe(false);
  });
});
