import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../main/cli/args.js';
import { limitsOf } from './export-command.js';

const OPTIONS = [{ name: 'limits', value: 'VALUE' }, { name: 'clim', value: 'VALUE' }];

function limits(...argv: string[]) {
  const parsed = parseArgs(argv, OPTIONS);
  if (!parsed.ok) throw new Error(parsed.error);
  return limitsOf(parsed.value);
}

describe('mfgw export --limits / --clim', () => {
  it('reads a limits mode or two numbers, and nothing when neither is given', () => {
    expect(limits()).toEqual({ ok: true, value: {} });
    expect(limits('--limits', 'fixed')).toEqual({ ok: true, value: { limits: 'fixed' } });
    expect(limits('--clim', '0, 2.5')).toEqual({ ok: true, value: { clim: [0, 2.5] } });
    expect(limits('--clim', '-1e-3,1e-3')).toEqual({ ok: true, value: { clim: [-1e-3, 1e-3] } });
  });

  it('refuses what it cannot use, saying what it expected', () => {
    expect(limits('--limits', 'loud')).toMatchObject({ ok: false, error: expect.stringMatching(/one of robust, fixed, auto/) });
    expect(limits('--clim', '2,1')).toMatchObject({ ok: false, error: expect.stringMatching(/LO < HI/) });
    for (const bad of ['1', '1,2,3', 'a,b', ',1', '1,Infinity']) expect(limits('--clim', bad)).toMatchObject({ ok: false, error: expect.stringMatching(/expected --clim LO,HI/) });
    expect(limits('--limits', 'auto', '--clim', '0,1')).toMatchObject({ ok: false, error: expect.stringMatching(/both/) });
  });
});
