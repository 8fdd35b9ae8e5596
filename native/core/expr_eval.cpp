#include <algorithm>
#include <cmath>

#include "expr.hpp"

namespace mfg::expr {

Program::Program(std::vector<Instr> code, int max_stack, std::vector<std::string> variables)
    : code_(std::move(code)), max_stack_(max_stack), variables_(std::move(variables)) {}

bool Program::uses(std::string_view variable) const {
  const auto it = std::find(variables_.begin(), variables_.end(), variable);
  if (it == variables_.end()) return false;
  const auto index = static_cast<std::uint16_t>(it - variables_.begin());
  return std::any_of(code_.begin(), code_.end(), [&](const Instr& in) { return in.op == Op::Var && in.arg == index; });
}

double Program::eval(const double* vars) const {
  // The parser bounds nesting, and so the stack depth, but a fixed array needs a fallback.
  constexpr int kInline = 64;
  double inline_stack[kInline] = {};
  std::vector<double> heap_stack;
  double* stack = inline_stack;
  if (max_stack_ > kInline) {
    heap_stack.resize(static_cast<std::size_t>(max_stack_));
    stack = heap_stack.data();
  }
  int top = -1;  // index of the top element
  for (const Instr& in : code_) {
    switch (in.op) {
      case Op::Const: stack[++top] = in.value; break;
      case Op::Var: stack[++top] = vars[in.arg]; break;
      case Op::Add: --top; stack[top] += stack[top + 1]; break;
      case Op::Sub: --top; stack[top] -= stack[top + 1]; break;
      case Op::Mul: --top; stack[top] *= stack[top + 1]; break;
      case Op::Div: --top; stack[top] /= stack[top + 1]; break;
      case Op::Pow: --top; stack[top] = std::pow(stack[top], stack[top + 1]); break;
      case Op::Neg: stack[top] = -stack[top]; break;
      case Op::Lt: --top; stack[top] = stack[top] < stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Le: --top; stack[top] = stack[top] <= stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Gt: --top; stack[top] = stack[top] > stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Ge: --top; stack[top] = stack[top] >= stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Eq: --top; stack[top] = stack[top] == stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Ne: --top; stack[top] = stack[top] != stack[top + 1] ? 1.0 : 0.0; break;
      case Op::Exp: stack[top] = std::exp(stack[top]); break;
      case Op::Log: stack[top] = std::log(stack[top]); break;
      case Op::Sqrt: stack[top] = std::sqrt(stack[top]); break;
      case Op::Sin: stack[top] = std::sin(stack[top]); break;
      case Op::Cos: stack[top] = std::cos(stack[top]); break;
      case Op::Tan: stack[top] = std::tan(stack[top]); break;
      case Op::Tanh: stack[top] = std::tanh(stack[top]); break;
      case Op::Abs: stack[top] = std::fabs(stack[top]); break;
      case Op::Min:
      case Op::Max: {
        const int n = in.arg;
        top -= n - 1;
        double r = stack[top];
        // NaN propagates, as in JavaScript's Math.min/Math.max (the app evaluates the same way).
        for (int i = 1; i < n; ++i) {
          const double v = stack[top + i];
          if (std::isnan(v) || std::isnan(r)) r = NAN;
          else r = in.op == Op::Min ? std::min(r, v) : std::max(r, v);
        }
        stack[top] = r;
        break;
      }
      case Op::If:
        top -= 2;
        stack[top] = stack[top] != 0.0 ? stack[top + 1] : stack[top + 2];
        break;
    }
  }
  return stack[0];
}

}  // namespace mfg::expr
