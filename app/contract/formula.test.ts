import { describe, expect, it } from 'vitest';
import { compileFormula, formulaVariables, MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH, parseFormula } from './formula.js';

const VARS = ['x', 'y', 't'] as const;

function evaluate(source: string, at: Record<string, number> = {}): number {
  const parsed = parseFormula(source, VARS);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return compileFormula(parsed.ast)(at);
}

function failure(source: string, variables: readonly string[] = VARS) {
  const parsed = parseFormula(source, variables);
  if (parsed.ok) throw new Error(`${source} parsed but should not`);
  return parsed.error;
}

describe('precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['16 / 4 / 2', 2],
    ['2 ^ 3 ^ 2', 512],
    ['(2 ^ 3) ^ 2', 64],
    ['-2 ^ 2', -4],
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['2 ^ -1 ^ 2', 0.5],
    ['-x ^ 2', -9],
    ['--3', 3],
    ['+-+3', -3],
    ['2 * -3', -6],
    ['1 + 2 < 4', 1],
    ['1 < 2 < 3', 1],
    ['3 > 2 > 1', 0],
    ['1 + 1 == 2', 1],
    ['2 != 2', 0],
    ['2 <= 2', 1],
    ['2 >= 3', 0],
    ['6 / 2 * 3', 9],
  ])('%s = %d', (source, value) => {
    expect(evaluate(source, { x: 3 })).toBe(value);
  });
});

describe('numbers, names and whitespace', () => {
  it.each([
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['2E+2', 200],
    ['1.25e2', 125],
    ['007', 7],
    ['pi', Math.PI],
    ['e', Math.E],
    [' \t1\n+\r2 ', 3],
    ['\v1\f+ 2', 3],
  ])('%j = %d', (source, value) => {
    expect(evaluate(source)).toBe(value);
  });

  it('reads variables from the values passed in', () => {
    expect(evaluate('x * y + t', { x: 2, y: 3, t: 4 })).toBe(10);
  });

  it('gives NaN for a variable the caller did not pass', () => {
    expect(evaluate('x + 1', {})).toBeNaN();
  });
});

describe('functions', () => {
  it.each([
    ['exp(0)', 1],
    ['log(e)', 1],
    ['sqrt(16)', 4],
    ['sin(0)', 0],
    ['cos(0)', 1],
    ['tan(0)', 0],
    ['tanh(0)', 0],
    ['abs(-2.5)', 2.5],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['min(4, 5)', 4],
    ['if(1, 2, 3)', 2],
    ['if(0, 2, 3)', 3],
    ['if(x > 0.5, 1, 0)', 1],
    ['max(min(x, 1), 0)', 1],
  ])('%s = %d', (source, value) => {
    expect(evaluate(source, { x: 3 })).toBe(value);
  });

  it('follows IEEE doubles: log of a negative number is NaN, 1/0 is infinite', () => {
    expect(evaluate('log(-1)')).toBeNaN();
    expect(evaluate('1/0')).toBe(Number.POSITIVE_INFINITY);
    expect(evaluate('min(1, 0/0)')).toBeNaN();
  });

  it('evaluates both branches of if, and a NaN condition counts as true', () => {
    expect(evaluate('if(1, 2, log(-1))')).toBe(2);
    expect(evaluate('if(0/0, 2, 3)')).toBe(2);
  });

  it('uses C99 pow where it differs from Math.pow', () => {
    expect(evaluate('1 ^ (0/0)')).toBe(1);
    expect(evaluate('(-1) ^ (1/0)')).toBe(1);
    expect(evaluate('(-8) ^ (1/3)')).toBeNaN();
  });
});

describe('error positions and messages', () => {
  it.each([
    ['', 0, 'expected a number, a name or \'(\', found end of input'],
    ['   ', 3, 'found end of input'],
    ['1 +', 3, 'found end of input'],
    ['1 + * 2', 4, "found '*'"],
    ['(1 + 2', 6, "expected ')' to close '(' at position 0, found end of input"],
    ['1 + 2)', 5, "found ')' with no matching '('"],
    ['2 3', 2, "expected an operator or end of input, found number '3'"],
    ['x y', 2, "found name 'y'"],
    ['1.2.3', 0, "malformed number '1.2.3'"],
    ['1e', 0, "malformed number '1e'"],
    ['x + 1e+', 4, "malformed number '1e+'"],
    ['2x', 0, "malformed number '2x'"],
    ['1.', 0, "malformed number '1.'"],
    ['.', 0, "malformed number '.'"],
    ['x $ 2', 2, "unexpected character '$'"],
    ['x = 2', 2, "unexpected character '='; did you mean '=='?"],
    ['!x', 0, "did you mean '!='?"],
    ['x + é', 4, 'ASCII characters only'],
    ['sinn(x)', 0, "unknown function 'sinn'; did you mean 'sin'?"],
    ['1 + exq(x)', 4, "did you mean 'exp'?"],
    ['xx + 1', 0, "unknown name 'xx'; did you mean 'x'?"],
    ['foo', 0, "unknown name 'foo'; allowed variables: x, y, t; constants: pi, e"],
    ['Sin(x)', 0, "did you mean 'sin'?"],
    ['PI', 0, "unknown name 'PI'"],
    ['sin', 0, "function 'sin' needs its arguments in parentheses"],
    ['x(2)', 0, "'x' is not a function"],
    ['pi(2)', 0, "'pi' is not a function"],
    ['sin(1, 2)', 0, "function 'sin' takes 1 argument, received 2"],
    ['1 + min(1)', 4, "function 'min' takes 2 or more arguments, received 1"],
    ['if(1, 2)', 0, "function 'if' takes 3 arguments, received 2"],
    ['exp()', 0, 'received 0'],
    ['max(1, 2', 8, "expected ')' or ',' in the call to 'max' at position 0, found end of input"],
    ['sin(1,)', 6, "found ')'"],
    ['(,)', 1, "found ','"],
  ])('%j fails at %d', (source, position, message) => {
    const error = failure(source);
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it('reports a variable the field does not allow, naming the ones it does', () => {
    expect(failure('x + t', ['x'])).toEqual({
      position: 4,
      message: "variable 't' is not available in this formula; allowed variables: x",
    });
    expect(failure('y', ['x']).position).toBe(0);
    expect(failure('x', []).message).toContain('allowed variables: none');
  });

  it('reports lexical errors before syntax errors, whatever their order', () => {
    expect(failure('sinn(1.2.3)').position).toBe(5);
  });

  it('checks a name when it is reached, and arity after the closing parenthesis', () => {
    expect(failure('sinn(1 +)').position).toBe(0);
    expect(failure('sin(1, 2 +)').position).toBe(10);
  });
});

describe('limits', () => {
  it(`accepts ${MAX_FORMULA_LENGTH} characters and refuses one more, at the first extra character`, () => {
    const longest = `1${'+1'.repeat((MAX_FORMULA_LENGTH - 1) / 2)}`.padEnd(MAX_FORMULA_LENGTH, ' ');
    expect(longest).toHaveLength(MAX_FORMULA_LENGTH);
    expect(parseFormula(longest, []).ok).toBe(true);
    expect(failure(`${longest} `, [])).toEqual({
      position: MAX_FORMULA_LENGTH,
      message: `formula too long: expected at most ${MAX_FORMULA_LENGTH} characters, received ${MAX_FORMULA_LENGTH + 1}`,
    });
  });

  it(`allows ${MAX_NESTING_DEPTH} levels of nesting and reports the opener of one more`, () => {
    const parens = (depth: number) => `${'('.repeat(depth)}x${')'.repeat(depth)}`;
    expect(evaluate(parens(MAX_NESTING_DEPTH), { x: 4 })).toBe(4);
    expect(failure(parens(MAX_NESTING_DEPTH + 1))).toEqual({
      position: MAX_NESTING_DEPTH,
      message: `too deeply nested: at most ${MAX_NESTING_DEPTH} levels of parentheses, signs and powers`,
    });
    expect(evaluate(`${'-'.repeat(MAX_NESTING_DEPTH)}x`, { x: 4 })).toBe(4);
    expect(failure(`${'-'.repeat(MAX_NESTING_DEPTH + 1)}x`).position).toBe(MAX_NESTING_DEPTH);
    expect(evaluate(`2${'^1'.repeat(MAX_NESTING_DEPTH)}`)).toBe(2);
    expect(failure(`2${'^1'.repeat(MAX_NESTING_DEPTH + 1)}`).position).toBe(2 * MAX_NESTING_DEPTH + 1);
    expect(failure(`${'sin('.repeat(MAX_NESTING_DEPTH + 1)}x${')'.repeat(MAX_NESTING_DEPTH + 1)}`).position)
      .toBe(4 * MAX_NESTING_DEPTH + 3);
  });

  it('evaluates long left-associative chains, which are not nesting', () => {
    expect(evaluate(`x${'+x'.repeat((MAX_FORMULA_LENGTH - 1) / 2)}`, { x: 1 })).toBe(1000);
    expect(evaluate(`${'max('.repeat(50)}x${',1)'.repeat(50)}`, { x: 0.5 })).toBe(1);
  });
});

describe('abstract syntax tree', () => {
  it('records operator positions and nests powers to the right', () => {
    const parsed = parseFormula('2^3^2', []);
    expect(parsed).toEqual({
      ok: true,
      ast: {
        kind: 'binary', operator: '^', position: 1,
        left: { kind: 'number', value: 2, position: 0 },
        right: {
          kind: 'binary', operator: '^', position: 3,
          left: { kind: 'number', value: 3, position: 2 },
          right: { kind: 'number', value: 2, position: 4 },
        },
      },
    });
  });
});

describe('formulaVariables', () => {
  it('gives the axes that exist, and t only for the potential', () => {
    expect(formulaVariables('potential', 1)).toEqual(['x', 't']);
    expect(formulaVariables('potential', 3)).toEqual(['x', 'y', 'z', 't']);
    expect(formulaVariables('terminal_cost', 2)).toEqual(['x', 'y']);
    expect(formulaVariables('initial_density', 1)).toEqual(['x']);
  });
});
