// TeX-like labels as runs of text with a vertical position: `\nu` -> ν, `x^2` and `x^{10}` raised,
// `u_x` and `m_{0}` lowered. Enough for axis labels and titles (m(t,x), \lambda, \partial_t u);
// not a TeX engine: no fractions, no nesting beyond one level. The SVG and PDF writers draw the
// runs as tspans / positioned text, so labels stay text (searchable, selectable) in both.

export type Shift = 'base' | 'sup' | 'sub';

export interface MathRun {
  readonly text: string;
  readonly shift: Shift;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ',
  chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Pi: 'Π', Sigma: 'Σ', Phi: 'Φ',
  Psi: 'Ψ', Omega: 'Ω', partial: '∂', nabla: '∇', infty: '∞', cdot: '·', times: '×', pm: '±', leq: '≤', geq: '≥',
  approx: '≈', to: '→', int: '∫', sum: 'Σ', sqrt: '√', ' ': ' ', ',': ' ',
};

/** `\name` at `at` (the backslash): the symbol and where the command ends; unknown names stay as written. */
function command(label: string, at: number): { text: string; end: number } {
  const match = /^\\([A-Za-z]+|[ ,])/.exec(label.slice(at));
  if (match === null) return { text: label[at + 1] ?? '\\', end: at + 2 };
  const name = match[1] as string;
  return { text: SYMBOLS[name] ?? `\\${name}`, end: at + match[0].length };
}

/** The argument of ^ or _ starting at `at`: `{...}` or one (possibly \command) token. */
function argument(label: string, at: number): { text: string; end: number } {
  if (label[at] === '{') {
    const close = label.indexOf('}', at + 1);
    const end = close < 0 ? label.length : close;
    return { text: plain(label.slice(at + 1, end)), end: end + 1 };
  }
  if (label[at] === '\\') return command(label, at);
  return { text: label[at] ?? '', end: at + 1 };
}

/** Commands replaced, braces dropped; for text inside a script. */
function plain(text: string): string {
  return parseMathLabel(text).map((run) => run.text).join('');
}

export function parseMathLabel(label: string): MathRun[] {
  const runs: MathRun[] = [];
  const push = (text: string, shift: Shift): void => {
    if (text === '') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.shift === shift) runs[runs.length - 1] = { text: last.text + text, shift };
    else runs.push({ text, shift });
  };
  let i = 0;
  while (i < label.length) {
    const c = label[i] as string;
    if (c === '\\') {
      const { text, end } = command(label, i);
      push(text, 'base');
      i = end;
    } else if ((c === '^' || c === '_') && i + 1 < label.length) {
      const { text, end } = argument(label, i + 1);
      push(text, c === '^' ? 'sup' : 'sub');
      i = end;
    } else if (c === '{' || c === '}' || c === '$') {
      i += 1;
    } else {
      push(c, 'base');
      i += 1;
    }
  }
  return runs;
}

/** The label as plain Unicode (for titles in metadata and for measuring). */
export function mathLabelText(label: string): string {
  return parseMathLabel(label).map((run) => run.text).join('');
}

/** Script runs are this fraction of the font size, raised or lowered by these fractions of it. */
export const SCRIPT_SCALE = 0.7;
export const SUP_RISE = 0.38;
export const SUB_DROP = 0.18;
