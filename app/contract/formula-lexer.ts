// Tokenizer for the formula language of docs/spec.md. The whole source is tokenized before parsing,
// so a lexical error (bad character, malformed number) is reported before any syntax error, even
// one that sits earlier in the text. The native parser follows the same order.

export const MAX_FORMULA_LENGTH = 2000;

export type OperatorText =
  | '+' | '-' | '*' | '/' | '^'
  | '<' | '<=' | '>' | '>=' | '==' | '!='
  | '(' | ')' | ',';

export type Token =
  | { kind: 'number'; value: number; text: string; position: number }
  | { kind: 'name'; text: string; position: number }
  | { kind: 'operator'; text: OperatorText; position: number }
  | { kind: 'end'; position: number };

export interface FormulaError {
  /** 0-based index of the offending character or token; the source length for "end of input". */
  position: number;
  message: string;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: FormulaError };

const TWO_CHAR_OPERATORS = ['<=', '>=', '==', '!='] as const;
const ONE_CHAR_OPERATORS = '+-*/^<>(),';
/** C's isspace in the C locale, so the native lexer can use it unchanged. */
const WHITESPACE = ' \t\n\v\f\r';

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isNameStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c);

/**
 * Checks that come before tokenizing: ASCII only (so that character positions mean the same in
 * UTF-16 here and in UTF-8 bytes natively), then the length limit.
 */
function checkSourceLimits(source: string): FormulaError | undefined {
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) > 127) {
      const character = String.fromCodePoint(source.codePointAt(i) ?? 0);
      return { position: i, message: `unexpected character '${character}'; formulas use ASCII characters only` };
    }
  }
  if (source.length > MAX_FORMULA_LENGTH) {
    return {
      position: MAX_FORMULA_LENGTH,
      message: `formula too long: expected at most ${MAX_FORMULA_LENGTH} characters, received ${source.length}`,
    };
  }
  return undefined;
}

export function tokenize(source: string): LexResult {
  const limitError = checkSourceLimits(source);
  if (limitError) return { ok: false, error: limitError };
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (WHITESPACE.includes(c as string)) {
      i++;
    } else if (isDigit(c) || c === '.') {
      const scanned = scanNumber(source, i);
      if ('error' in scanned) return { ok: false, error: scanned.error };
      tokens.push(scanned.token);
      i += scanned.token.text.length;
    } else if (isNameStart(c)) {
      let end = i + 1;
      while (isNameChar(source[end])) end++;
      tokens.push({ kind: 'name', text: source.slice(i, end), position: i });
      i = end;
    } else {
      const operator = scanOperator(source, i);
      if ('error' in operator) return { ok: false, error: operator.error };
      tokens.push(operator.token);
      i += operator.token.text.length;
    }
  }
  tokens.push({ kind: 'end', position: source.length });
  return { ok: true, tokens };
}

type Scanned<T> = { token: T } | { error: FormulaError };

function scanOperator(source: string, start: number): Scanned<Token & { kind: 'operator' }> {
  const pair = source.slice(start, start + 2);
  const two = TWO_CHAR_OPERATORS.find((op) => op === pair);
  if (two) return { token: { kind: 'operator', text: two, position: start } };
  const c = source[start] as string;
  if (ONE_CHAR_OPERATORS.includes(c)) {
    return { token: { kind: 'operator', text: c as OperatorText, position: start } };
  }
  const hint = c === '=' ? "; did you mean '=='?" : c === '!' ? "; did you mean '!='?" : '';
  const shown = c >= ' ' && c <= '~' ? `'${c}'` : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { error: { position: start, message: `unexpected character ${shown}${hint}` } };
}

const skipDigits = (source: string, from: number): number => {
  let i = from;
  while (isDigit(source[i])) i++;
  return i;
};

/**
 * number := digits ["." digits] [exponent] | "." digits [exponent]. A number glued to a letter,
 * digit, '.' or '_' (1.2.3, 1e, 1e+, 2x, 1.) is one malformed number reported at its first
 * character: there is no implicit multiplication, and '1e' is not "1 times e".
 */
function scanNumber(source: string, start: number): Scanned<Token & { kind: 'number' }> {
  const intEnd = skipDigits(source, start);
  let i = intEnd;
  let valid = true;
  if (source[i] === '.') {
    const fracEnd = skipDigits(source, i + 1);
    valid = fracEnd > i + 1;
    i = fracEnd;
  }
  if (valid && (source[i] === 'e' || source[i] === 'E')) {
    let expStart = i + 1;
    if (source[expStart] === '+' || source[expStart] === '-') expStart++;
    const expEnd = skipDigits(source, expStart);
    valid = expEnd > expStart;
    i = expEnd;
  }
  if (valid && !isNameChar(source[i]) && source[i] !== '.') {
    const text = source.slice(start, i);
    return { token: { kind: 'number', value: Number(text), text, position: start } };
  }
  const text = malformedNumberText(source, start);
  return {
    error: {
      position: start,
      message: `malformed number '${text}': expected digits with an optional fraction and exponent, like 2, 0.5, .5, 1e-3 or 2E+2`,
    },
  };
}

/** The run of characters a user would read as one number, for the message only. */
function malformedNumberText(source: string, start: number): string {
  let i = start;
  while (isNameChar(source[i]) || source[i] === '.' ||
    ((source[i] === '+' || source[i] === '-') && (source[i - 1] === 'e' || source[i - 1] === 'E'))) {
    i++;
  }
  return source.slice(start, i);
}
