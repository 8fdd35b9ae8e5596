// Public API of the contract: the one description of specs, runs and errors that every layer
// (renderer, services, CLI, and by its corpora the native solver) shares.

export * from './result.js';
export {
  parseFormula, compileFormula, formulaVariables, describeToken, MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH,
  FORMULA_FUNCTIONS, FORMULA_CONSTANTS, FORMULA_VARIABLES,
  type ParseResult, type FormulaError, type FormulaAst, type CompiledFormula, type FormulaField,
  type FunctionName, type ConstantName, type FormulaVariable, type Dimension, type BinaryOperator, type UnaryOperator,
} from './formula.js';
export {
  MfgSpecSchema, SPEC_VERSION, validateSpec, defaultSpec, formatSpecIssue,
  type MfgSpec, type MfgSpecInput, type SpecIssue, type SpecValidation,
} from './spec.js';
export * from './spec-fields.js';
export { describeNumericRule } from './spec-parts.js';
export { describeReceived, expectedMessage, expecting, oneOf } from './received.js';
export { closestMatch, didYouMean, editDistance } from './suggest.js';
export * from './manifest.js';
export * from './events.js';
export * from './workspace.js';
export * from './convergence.js';
export { specJsonSchema, SPEC_SCHEMA_ID } from './schema/generate.js';
export * from './models.js';
export * from './services.js';
export * from './cluster.js';
export * from './figure.js';
