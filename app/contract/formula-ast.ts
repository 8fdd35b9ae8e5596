// The formula language's vocabulary (docs/spec.md, "Formulas") and the tree the parser builds.

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=';
export type UnaryOperator = '+' | '-';

export const FORMULA_FUNCTIONS = {
  exp: { minArgs: 1, maxArgs: 1 },
  log: { minArgs: 1, maxArgs: 1 },
  sqrt: { minArgs: 1, maxArgs: 1 },
  sin: { minArgs: 1, maxArgs: 1 },
  cos: { minArgs: 1, maxArgs: 1 },
  tan: { minArgs: 1, maxArgs: 1 },
  tanh: { minArgs: 1, maxArgs: 1 },
  abs: { minArgs: 1, maxArgs: 1 },
  min: { minArgs: 2, maxArgs: Number.POSITIVE_INFINITY },
  max: { minArgs: 2, maxArgs: Number.POSITIVE_INFINITY },
  if: { minArgs: 3, maxArgs: 3 },
} as const satisfies Record<string, { minArgs: number; maxArgs: number }>;

export type FunctionName = keyof typeof FORMULA_FUNCTIONS;

export const FORMULA_CONSTANTS = { pi: Math.PI, e: Math.E } as const;
export type ConstantName = keyof typeof FORMULA_CONSTANTS;

/** Every variable any formula may use; which ones a given formula may use depends on its field. */
export const FORMULA_VARIABLES = ['x', 'y', 'z', 't'] as const;
export type FormulaVariable = (typeof FORMULA_VARIABLES)[number];

export type FormulaField = 'potential' | 'terminal_cost' | 'initial_density' | 'exit_cost' | 'obstacle';
export type Dimension = 1 | 2 | 3;

/** Nodes carry the 0-based position of their token (an operator's own position for operators). */
export type FormulaAst =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'variable'; name: string; position: number }
  | { kind: 'constant'; name: ConstantName; value: number; position: number }
  | { kind: 'unary'; operator: UnaryOperator; operand: FormulaAst; position: number }
  | { kind: 'binary'; operator: BinaryOperator; left: FormulaAst; right: FormulaAst; position: number }
  | { kind: 'call'; name: FunctionName; args: FormulaAst[]; position: number };

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FORMULA_FUNCTIONS, name);
}

export function isConstantName(name: string): name is ConstantName {
  return Object.hasOwn(FORMULA_CONSTANTS, name);
}

/**
 * The variables a field's formula may use: the axes that exist (x, then y, then z) and, for the
 * potential only, time t last.
 */
export function formulaVariables(kind: FormulaField, dimension: Dimension): readonly FormulaVariable[] {
  const axes = (['x', 'y', 'z'] as const).slice(0, dimension);
  return kind === 'potential' ? [...axes, 't'] : axes;
}

export function describeArity(name: FunctionName): string {
  const { minArgs, maxArgs } = FORMULA_FUNCTIONS[name];
  if (maxArgs === Number.POSITIVE_INFINITY) return `${minArgs} or more arguments`;
  return minArgs === 1 ? '1 argument' : `${minArgs} arguments`;
}
