// The spec's formula language (docs/spec.md): parsed with an allow-list, compiled to a small
// stack-machine program, evaluated the same way on every backend. No eval, no host callbacks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mfg::expr {

enum class Op : std::uint8_t {
  Const, Var, Add, Sub, Mul, Div, Pow, Neg,
  Lt, Le, Gt, Ge, Eq, Ne,
  Exp, Log, Sqrt, Sin, Cos, Tan, Tanh, Abs,
  Min, Max, If
};

struct Instr {
  Op op;
  std::uint16_t arg = 0;  // variable index (Var) or argument count (Min, Max)
  double value = 0.0;     // constant (Const)
};

class Program {
 public:
  Program() = default;
  Program(std::vector<Instr> code, int max_stack, std::vector<std::string> variables);

  // vars[i] is the value of variables()[i].
  double eval(const double* vars) const;
  const std::vector<std::string>& variables() const { return variables_; }
  bool uses(std::string_view variable) const;
  const std::vector<Instr>& code() const { return code_; }

 private:
  std::vector<Instr> code_;
  int max_stack_ = 0;
  std::vector<std::string> variables_;
};

struct ParseError {
  std::size_t position = 0;  // 0-based character offset
  std::string message;
};

struct CompileResult {
  bool ok = false;
  Program program;
  ParseError error;
};

constexpr std::size_t kMaxFormulaLength = 2000;

CompileResult compile(std::string_view source, const std::vector<std::string>& variables);

// Allowed names, for messages and suggestions.
const std::vector<std::string>& function_names();
const std::vector<std::string>& constant_names();

}  // namespace mfg::expr
