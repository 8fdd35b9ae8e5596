import { describe, expect, it } from 'vitest';
import { mathLabelText, parseMathLabel } from './math-label.js';

describe('math labels', () => {
  it('keeps plain labels as one run', () => {
    expect(parseMathLabel('m(t,x)')).toEqual([{ text: 'm(t,x)', shift: 'base' }]);
  });

  it('maps Greek letters and symbols to Unicode', () => {
    expect(mathLabelText('\\nu = 0.1, \\lambda, \\partial_t u')).toBe('ν = 0.1, λ, ∂t u');
    expect(mathLabelText('\\Delta m')).toBe('Δ m');
  });

  it('raises ^ and lowers _ for one token or a braced group', () => {
    expect(parseMathLabel('x^2 + u_x')).toEqual([
      { text: 'x', shift: 'base' }, { text: '2', shift: 'sup' }, { text: ' + u', shift: 'base' }, { text: 'x', shift: 'sub' },
    ]);
    expect(parseMathLabel('m_{0}(x)^{10}')).toEqual([
      { text: 'm', shift: 'base' }, { text: '0', shift: 'sub' }, { text: '(x)', shift: 'base' }, { text: '10', shift: 'sup' },
    ]);
    expect(parseMathLabel('e^{-\\lambda t}')).toEqual([{ text: 'e', shift: 'base' }, { text: '-λ t', shift: 'sup' }]);
  });

  it('leaves unknown commands, dangling scripts and unclosed groups readable', () => {
    expect(mathLabelText('\\foo x')).toBe('\\foo x');
    expect(mathLabelText('x^')).toBe('x^');
    expect(parseMathLabel('a_{bc')).toEqual([{ text: 'a', shift: 'base' }, { text: 'bc', shift: 'sub' }]);
    expect(mathLabelText('$m$')).toBe('m');
  });
});
