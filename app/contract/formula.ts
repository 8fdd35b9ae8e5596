// Recursive-descent parser for the formula grammar of docs/spec.md:
//
//   expr    := compare
//   compare := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)*     left-assoc
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := ("-" | "+") unary | power
//   power   := atom ("^" unary)?                                         right-assoc
//   atom    := number | name | name "(" [expr ("," expr)*] ")" | "(" expr ")"
//
// The parse stops at the first error. Names are checked when the parser reaches them; a call's
// arity once its closing ')' is read. An empty argument list is zero arguments (an arity error).
// Nesting is limited (MAX_NESTING_DEPTH) so that no formula can exhaust the stack, here or natively.

import {
  describeArity, FORMULA_CONSTANTS, FORMULA_FUNCTIONS, FORMULA_VARIABLES, isConstantName, isFunctionName,
  type BinaryOperator, type FormulaAst, type FunctionName,
} from './formula-ast.js';
import { tokenize, type FormulaError, type OperatorText, type Token } from './formula-lexer.js';
import { didYouMean } from './suggest.js';

export * from './formula-ast.js';
export { compileFormula, type CompiledFormula } from './formula-eval.js';
export { MAX_FORMULA_LENGTH, type FormulaError } from './formula-lexer.js';

export type ParseResult = { ok: true; ast: FormulaAst } | { ok: false; error: FormulaError };

const COMPARISONS: readonly OperatorText[] = ['<', '<=', '>', '>=', '==', '!='];

/**
 * Most constructs that may be open at once. Each of these opens one level until its operand ends:
 * a '(' (grouping or call), a prefix '+' or '-', and a '^' (its exponent). The token that would
 * open level MAX_NESTING_DEPTH + 1 is the error position.
 */
export const MAX_NESTING_DEPTH = 100;

/** Thrown only inside this module to unwind the recursion; parseFormula turns it into a value. */
class ParseFailure {
  constructor(readonly error: FormulaError) {}
}

export function parseFormula(source: string, variables: readonly string[]): ParseResult {
  const lexed = tokenize(source);
  if (!lexed.ok) return lexed;
  try {
    const parser = new Parser(lexed.tokens, variables);
    return { ok: true, ast: parser.parseWhole() };
  } catch (failure) {
    if (failure instanceof ParseFailure) return { ok: false, error: failure.error };
    throw failure;
  }
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'number': return `number '${token.text}'`;
    case 'name': return `name '${token.text}'`;
    case 'operator': return `'${token.text}'`;
    case 'end': return 'end of input';
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[], private readonly variables: readonly string[]) {}

  parseWhole(): FormulaAst {
    const ast = this.parseCompare();
    const next = this.peek();
    if (next.kind !== 'end') {
      const unmatched = isOperator(next, ')') ? " with no matching '('" : '';
      this.fail(next, `expected an operator or end of input, found ${describeToken(next)}${unmatched}`);
    }
    return ast;
  }

  private parseCompare(): FormulaAst {
    return this.parseLeftAssociative(COMPARISONS, () => this.parseSum());
  }

  private parseSum(): FormulaAst {
    return this.parseLeftAssociative(['+', '-'], () => this.parseProduct());
  }

  private parseProduct(): FormulaAst {
    return this.parseLeftAssociative(['*', '/'], () => this.parseUnary());
  }

  private parseLeftAssociative(operators: readonly OperatorText[], operand: () => FormulaAst): FormulaAst {
    let left = operand();
    for (let next = this.peek(); next.kind === 'operator' && operators.includes(next.text); next = this.peek()) {
      this.index++;
      const right = operand();
      left = { kind: 'binary', operator: next.text as BinaryOperator, left, right, position: next.position };
    }
    return left;
  }

  private parseUnary(): FormulaAst {
    const next = this.peek();
    if (isOperator(next, '-') || isOperator(next, '+')) {
      const operand = this.nested(next, () => this.parseUnary());
      return { kind: 'unary', operator: next.text as '-' | '+', operand, position: next.position };
    }
    return this.parsePower();
  }

  /** The exponent is a unary, so 2^-1 works and 2^3^2 nests to the right. */
  private parsePower(): FormulaAst {
    const base = this.parseAtom();
    const next = this.peek();
    if (!isOperator(next, '^')) return base;
    const exponent = this.nested(next, () => this.parseUnary());
    return { kind: 'binary', operator: '^', left: base, right: exponent, position: next.position };
  }

  private parseAtom(): FormulaAst {
    const token = this.peek();
    if (token.kind === 'number') {
      this.index++;
      return { kind: 'number', value: token.value, position: token.position };
    }
    if (token.kind === 'name') {
      this.index++;
      return isOperator(this.peek(), '(') ? this.parseCall(token) : this.resolveName(token);
    }
    if (isOperator(token, '(')) {
      return this.nested(token, () => {
        const inner = this.parseCompare();
        this.expectClosing(`to close '(' at position ${token.position}`);
        return inner;
      });
    }
    return this.fail(token, `expected a number, a name or '(', found ${describeToken(token)}`);
  }

  private parseCall(nameToken: Token & { kind: 'name' }): FormulaAst {
    const name = this.checkFunctionName(nameToken);
    const args = this.nested(this.peek(), () => this.parseArguments(name, nameToken.position));
    const { minArgs, maxArgs } = FORMULA_FUNCTIONS[name];
    if (args.length < minArgs || args.length > maxArgs) {
      this.fail(nameToken, `function '${name}' takes ${describeArity(name)}, received ${args.length}`);
    }
    return { kind: 'call', name, args, position: nameToken.position };
  }

  /** After the '(' of a call: arguments up to and including the closing ')'. */
  private parseArguments(name: FunctionName, namePosition: number): FormulaAst[] {
    const args: FormulaAst[] = [];
    if (!isOperator(this.peek(), ')')) {
      args.push(this.parseCompare());
      while (isOperator(this.peek(), ',')) {
        this.index++;
        args.push(this.parseCompare());
      }
    }
    this.expectClosing(`or ',' in the call to '${name}' at position ${namePosition}`);
    return args;
  }

  /** Consumes `opener` and parses what it opens one nesting level deeper. */
  private nested<T>(opener: Token, parse: () => T): T {
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.fail(opener, `too deeply nested: at most ${MAX_NESTING_DEPTH} levels of parentheses, signs and powers`);
    }
    this.index++;
    this.depth++;
    const result = parse();
    this.depth--;
    return result;
  }

  private checkFunctionName(token: Token & { kind: 'name' }): FunctionName {
    const name = token.text;
    if (isFunctionName(name)) return name;
    if (this.variables.includes(name) || isConstantName(name)) {
      return this.fail(token, `'${name}' is not a function; to multiply, write '${name}*(...)'`);
    }
    const candidates = [...Object.keys(FORMULA_FUNCTIONS), ...this.variables, ...Object.keys(FORMULA_CONSTANTS)];
    return this.fail(token, `unknown function '${name}'${didYouMean(name, candidates)}`);
  }

  private resolveName(token: Token & { kind: 'name' }): FormulaAst {
    const name = token.text;
    const position = token.position;
    if (this.variables.includes(name)) return { kind: 'variable', name, position };
    if (isConstantName(name)) return { kind: 'constant', name, value: FORMULA_CONSTANTS[name], position };
    if (isFunctionName(name)) {
      return this.fail(token, `function '${name}' needs its arguments in parentheses, as in ${name}(x)`);
    }
    const allowed = this.variables.length === 0 ? 'none' : this.variables.join(', ');
    if ((FORMULA_VARIABLES as readonly string[]).includes(name)) {
      return this.fail(token, `variable '${name}' is not available in this formula; allowed variables: ${allowed}`);
    }
    const candidates = [...this.variables, ...Object.keys(FORMULA_CONSTANTS), ...Object.keys(FORMULA_FUNCTIONS)];
    const suggestion = didYouMean(name, candidates);
    const fallback = suggestion === '' ? `; allowed variables: ${allowed}; constants: pi, e` : '';
    return this.fail(token, `unknown name '${name}'${suggestion}${fallback}`);
  }

  private expectClosing(context: string): void {
    const token = this.peek();
    if (!isOperator(token, ')')) this.fail(token, `expected ')' ${context}, found ${describeToken(token)}`);
    this.index++;
  }

  private peek(): Token {
    // The token list always ends with an 'end' token and the parser never moves past it.
    return this.tokens[Math.min(this.index, this.tokens.length - 1)] as Token;
  }

  private fail(token: Token, message: string): never {
    throw new ParseFailure({ position: token.position, message });
  }
}

function isOperator(token: Token, text: OperatorText): token is Token & { kind: 'operator' } {
  return token.kind === 'operator' && token.text === text;
}
