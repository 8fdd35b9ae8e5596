// Turns a parsed formula into a closure by walking the tree once (never eval / new Function).
// Semantics are IEEE double arithmetic as in C, so the native evaluator can match bit for bit
// where the C library does: comparisons give 1 or 0, if() evaluates both branches, min/max
// propagate NaN, and '^' follows C99 pow.

import type { BinaryOperator, FormulaAst, FunctionName } from './formula-ast.js';

export type CompiledFormula = (vars: Record<string, number>) => number;

type Evaluator = CompiledFormula;

const UNARY_FUNCTIONS: Record<Exclude<FunctionName, 'min' | 'max' | 'if'>, (v: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  abs: Math.abs,
};

/**
 * C99 pow (IEEE 754 pow) where it differs from Math.pow: 1^y is 1 for every y, even NaN, and
 * (-1)^(+-Infinity) is 1. Elsewhere the two agree.
 */
export function powC(base: number, exponent: number): number {
  if (base === 1) return 1;
  if (base === -1 && !Number.isFinite(exponent) && !Number.isNaN(exponent)) return 1;
  return Math.pow(base, exponent);
}

const BINARY: Record<BinaryOperator, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': powC,
  '<': (a, b) => (a < b ? 1 : 0),
  '<=': (a, b) => (a <= b ? 1 : 0),
  '>': (a, b) => (a > b ? 1 : 0),
  '>=': (a, b) => (a >= b ? 1 : 0),
  '==': (a, b) => (a === b ? 1 : 0),
  '!=': (a, b) => (a !== b ? 1 : 0),
};

/** A variable missing from `vars` evaluates to NaN, which the solver reports as a bad formula. */
export function compileFormula(ast: FormulaAst): CompiledFormula {
  switch (ast.kind) {
    case 'number':
    case 'constant': {
      const value = ast.value;
      return () => value;
    }
    case 'variable': {
      const name = ast.name;
      return (vars) => vars[name] ?? Number.NaN;
    }
    case 'unary': {
      const operand = compileFormula(ast.operand);
      return ast.operator === '-' ? (vars) => -operand(vars) : operand;
    }
    case 'binary': {
      const left = compileFormula(ast.left);
      const right = compileFormula(ast.right);
      const apply = BINARY[ast.operator];
      return (vars) => apply(left(vars), right(vars));
    }
    case 'call':
      return compileCall(ast.name, ast.args.map(compileFormula));
  }
}

function compileCall(name: FunctionName, args: Evaluator[]): Evaluator {
  if (name === 'min' || name === 'max') return compileExtremum(name, args);
  if (name === 'if') {
    const [condition, whenTrue, whenFalse] = args as [Evaluator, Evaluator, Evaluator];
    // Both branches are evaluated (as documented), so a NaN in the branch not taken is still
    // computed but not returned; a NaN condition counts as true, as NaN != 0 does in C.
    return (vars) => {
      const c = condition(vars);
      const a = whenTrue(vars);
      const b = whenFalse(vars);
      return c !== 0 ? a : b;
    };
  }
  const fn = UNARY_FUNCTIONS[name];
  const [argument] = args as [Evaluator];
  return (vars) => fn(argument(vars));
}

/** Math.min/Math.max already return NaN when any argument is NaN (unlike C's fmin/fmax). */
function compileExtremum(name: 'min' | 'max', args: Evaluator[]): Evaluator {
  const pick = name === 'min' ? Math.min : Math.max;
  return (vars) => {
    let result = (args[0] as Evaluator)(vars);
    for (let i = 1; i < args.length; i++) result = pick(result, (args[i] as Evaluator)(vars));
    return result;
  };
}
