#include "krylov_step_solver.hpp"

namespace mfg {

namespace {
constexpr int kMaxIterations = 2000;
}

void KrylovStepSolver::prepare(const StencilMatrix& a, bool, bool) {
  a_ = &a;
  if (preconditioner_ == Preconditioner::Multigrid) {
    multigrid_.build(a);
    return;
  }
  const Index n = a.grid->size();
  inverse_diagonal_.resize(size_t(n));
  const double* d = a.diag.data();
  parallel_for(n, [&](Index i) { inverse_diagonal_[i] = 1.0 / d[i]; });
}

void KrylovStepSolver::run(const double* rhs, double* x, bool transposed) {
  const Index n = a_->grid->size();
  const StencilMatrix& a = *a_;
  const bool mg = preconditioner_ == Preconditioner::Multigrid;
  // With multigrid, the product goes through its finest level's gather form (bitwise the same, faster).
  const LinearOperator apply = mg ? LinearOperator([&](const double* in, double* out) { multigrid_.apply_finest(in, out, transposed); })
                               : transposed ? LinearOperator([&](const double* in, double* out) { a.apply_transposed(in, out); })
                                            : LinearOperator([&](const double* in, double* out) { a.apply(in, out); });
  const double* inv = inverse_diagonal_.data();
  const LinearOperator jacobi = [&](const double* in, double* out) { parallel_for(n, [&](Index i) { out[i] = inv[i] * in[i]; }); };
  // One V-cycle from zero: a fixed linear operator, as BiCGStab's preconditioner must be.
  const LinearOperator vcycle = [&](const double* in, double* out) {
    std::fill(out, out + n, 0.0);
    multigrid_.vcycle(in, out, transposed);
  };
  last_ = bicgstab(n, apply, mg ? vcycle : jacobi, rhs, x, tolerance_, 0.0, kMaxIterations, *workspace_);
  if (!last_.converged) ++failures_;
}

}  // namespace mfg
