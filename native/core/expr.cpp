#include "expr.hpp"

#include <algorithm>
#include <cmath>

#include "expr_lexer.hpp"
#include "suggest.hpp"

namespace mfg::expr {

namespace {

struct FunctionInfo {
  const char* name;
  Op op;
  int min_args, max_args;  // max_args < 0: unbounded
};

constexpr FunctionInfo kFunctions[] = {
    {"exp", Op::Exp, 1, 1},   {"log", Op::Log, 1, 1}, {"sqrt", Op::Sqrt, 1, 1}, {"sin", Op::Sin, 1, 1},
    {"cos", Op::Cos, 1, 1},   {"tan", Op::Tan, 1, 1}, {"tanh", Op::Tanh, 1, 1}, {"abs", Op::Abs, 1, 1},
    {"min", Op::Min, 2, -1},  {"max", Op::Max, 2, -1}, {"if", Op::If, 3, 3},
};

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (name == f.name) return &f;
  return nullptr;
}

bool find_constant(std::string_view name, double& value) {
  if (name == "pi") value = M_PI;
  else if (name == "e") value = M_E;
  else return false;
  return true;
}

constexpr int kMaxDepth = 100;

// Recursive descent over the grammar of docs/spec.md, emitting stack-machine code as it goes.
class Parser {
 public:
  Parser(const std::vector<Token>& tokens, const std::vector<std::string>& variables)
      : tokens_(tokens), variables_(variables) {}

  bool parse(std::vector<Instr>& code, ParseError& error) {
    if (tokens_.front().kind == Tok::End)
      return fail({tokens_.front().position, "the formula is empty; expected an expression such as 'exp(-x^2)'"}, error);
    if (!compare()) return fail(error_, error);
    if (peek().kind != Tok::End) {
      const Token& t = peek();
      const std::string hint = t.kind == Tok::RParen ? " (unbalanced parenthesis)" : "; expected an operator";
      return fail({t.position, "unexpected " + describe(t) + hint}, error);
    }
    code = std::move(code_);
    return true;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& take() { return tokens_[pos_++]; }
  bool fail(ParseError e, ParseError& out) { out = std::move(e); return false; }
  bool error(std::size_t position, std::string message) {
    error_ = {position, std::move(message)};
    return false;
  }
  void emit(Op op, std::uint16_t arg = 0, double value = 0.0) { code_.push_back({op, arg, value}); }

  bool compare() {
    if (!sum()) return false;
    for (;;) {
      Op op;
      switch (peek().kind) {
        case Tok::Lt: op = Op::Lt; break;
        case Tok::Le: op = Op::Le; break;
        case Tok::Gt: op = Op::Gt; break;
        case Tok::Ge: op = Op::Ge; break;
        case Tok::Eq: op = Op::Eq; break;
        case Tok::Ne: op = Op::Ne; break;
        default: return true;
      }
      take();
      if (!sum()) return false;
      emit(op);
    }
  }

  bool sum() {
    if (!product()) return false;
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
      const Op op = take().kind == Tok::Plus ? Op::Add : Op::Sub;
      if (!product()) return false;
      emit(op);
    }
    return true;
  }

  bool product() {
    if (!unary()) return false;
    while (peek().kind == Tok::Star || peek().kind == Tok::Slash) {
      const Op op = take().kind == Tok::Star ? Op::Mul : Op::Div;
      if (!unary()) return false;
      emit(op);
    }
    return true;
  }

  // Each '(', prefix sign and '^' opens one nesting level until its operand ends; the token that
  // would open level 101 is refused (deep recursion would otherwise exhaust the stack).
  bool open_level(const Token& t) {
    if (++depth_ <= kMaxDepth) return true;
    return error(t.position, "the formula is nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
  }

  bool unary() {
    if (peek().kind != Tok::Minus && peek().kind != Tok::Plus) return power();
    const Token& sign = take();
    if (!open_level(sign)) return false;
    const bool ok = unary();
    --depth_;
    if (ok && sign.kind == Tok::Minus) emit(Op::Neg);
    return ok;
  }

  bool power() {
    if (!atom()) return false;
    if (peek().kind != Tok::Caret) return true;
    if (!open_level(take())) return false;
    const bool ok = unary();  // right-associative, and 2^-1 is allowed
    --depth_;
    if (ok) emit(Op::Pow);
    return ok;
  }

  bool atom() {
    const Token& t = take();
    switch (t.kind) {
      case Tok::Number: emit(Op::Const, 0, t.number); return true;
      case Tok::Name: return name(t);
      case Tok::LParen: {
        if (!open_level(t) || !compare()) return false;
        --depth_;
        if (peek().kind != Tok::RParen)
          return error(peek().position, "expected ')' to close the '(' at position " + std::to_string(t.position) + ", found " + describe(peek()));
        take();
        return true;
      }
      default:
        return error(t.position, "expected a number, a name or '(', found " + describe(t));
    }
  }

  bool name(const Token& t) {
    const bool called = peek().kind == Tok::LParen;
    if (const FunctionInfo* f = find_function(t.text)) {
      if (!called) return error(t.position, "'" + std::string(t.text) + "' is a function; write " + std::string(t.text) + "(...)");
      return call(t, *f);
    }
    const auto var = std::find(variables_.begin(), variables_.end(), t.text);
    double constant;
    if (var != variables_.end() || find_constant(t.text, constant)) {
      if (called) return error(t.position, "'" + std::string(t.text) + "' is not a function");
      if (var != variables_.end()) emit(Op::Var, static_cast<std::uint16_t>(var - variables_.begin()));
      else emit(Op::Const, 0, constant);
      return true;
    }
    return unknown_name(t, called);
  }

  bool unknown_name(const Token& t, bool called) {
    static const char* const kAllVariables[] = {"x", "y", "z", "t"};
    for (const char* v : kAllVariables)
      if (!called && t.text == v)
        return error(t.position, "variable '" + std::string(t.text) + "' is not available in this formula; allowed: " +
                                     (variables_.empty() ? std::string("none") : join(variables_)));
    std::vector<std::string> candidates;
    if (called) {
      candidates = function_names();
    } else {
      candidates = variables_;
      for (const auto& c : constant_names()) candidates.push_back(c);
    }
    std::string message = std::string(called ? "unknown function '" : "unknown name '") + std::string(t.text) + "'";
    const std::string suggestion = closest_match(t.text, candidates);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    else message += "; allowed: " + join(candidates);
    return error(t.position, message);
  }

  bool call(const Token& name, const FunctionInfo& f) {
    if (!open_level(take())) return false;  // '('
    int args = 0;
    if (peek().kind != Tok::RParen) {
      for (;;) {
        if (!compare()) return false;
        ++args;
        if (peek().kind != Tok::Comma) break;
        take();
      }
    }
    if (peek().kind != Tok::RParen)
      return error(peek().position, "expected ',' or ')' in the call of '" + std::string(name.text) + "', found " + describe(peek()));
    take();
    --depth_;
    if (args < f.min_args || (f.max_args >= 0 && args > f.max_args)) {
      const std::string expected = f.max_args < 0 ? "at least " + std::to_string(f.min_args) : std::to_string(f.min_args);
      return error(name.position, "'" + std::string(name.text) + "' takes " + expected + " argument" + (f.min_args == 1 && f.max_args == 1 ? "" : "s") +
                                      ", received " + std::to_string(args));
    }
    emit(f.op, static_cast<std::uint16_t>(args));
    return true;
  }

  const std::vector<Token>& tokens_;
  const std::vector<std::string>& variables_;
  std::vector<Instr> code_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  ParseError error_;
};

int stack_depth(const std::vector<Instr>& code) {
  int depth = 0, max_depth = 0;
  for (const Instr& in : code) {
    switch (in.op) {
      case Op::Const: case Op::Var: ++depth; break;
      case Op::Neg: case Op::Exp: case Op::Log: case Op::Sqrt: case Op::Sin: case Op::Cos:
      case Op::Tan: case Op::Tanh: case Op::Abs: break;
      case Op::Min: case Op::Max: depth -= in.arg - 1; break;
      case Op::If: depth -= 2; break;
      default: depth -= 1; break;  // binary operators
    }
    max_depth = std::max(max_depth, depth);
  }
  return max_depth;
}

}  // namespace

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& f : kFunctions) n.emplace_back(f.name);
    return n;
  }();
  return names;
}

const std::vector<std::string>& constant_names() {
  static const std::vector<std::string> names{"pi", "e"};
  return names;
}

CompileResult compile(std::string_view source, const std::vector<std::string>& variables) {
  CompileResult result;
  if (!check_ascii(source, result.error)) return result;
  if (source.size() > kMaxFormulaLength) {
    result.error = {kMaxFormulaLength, "the formula is " + std::to_string(source.size()) + " characters long; at most " +
                                           std::to_string(kMaxFormulaLength) + " are allowed"};
    return result;
  }
  std::vector<Token> tokens;
  if (!tokenize(source, tokens, result.error)) return result;
  std::vector<Instr> code;
  Parser parser(tokens, variables);
  if (!parser.parse(code, result.error)) return result;
  const int depth = stack_depth(code);
  result.program = Program(std::move(code), depth, variables);
  result.ok = true;
  return result;
}

}  // namespace mfg::expr
