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
  if (preconditioner_ == Preconditioner::MultigridFloat) {
    multigrid_float_.build(a);
    for (auto& p : product_) p.invalidate();
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
  const bool mg_float = preconditioner_ == Preconditioner::MultigridFloat;
  GatherStencil& product = product_[transposed ? 1 : 0];
  if (mg_float && !product.built_for(a, transposed)) product.build(a, transposed);
  // With multigrid, the product goes through a gather form (bitwise the same as a.apply, faster).
  const LinearOperator apply = mg         ? LinearOperator([&](const double* in, double* out) { multigrid_.apply_finest(in, out, transposed); })
                               : mg_float ? LinearOperator([&](const double* in, double* out) { product.apply(in, out); })
                               : transposed ? LinearOperator([&](const double* in, double* out) { a.apply_transposed(in, out); })
                                            : LinearOperator([&](const double* in, double* out) { a.apply(in, out); });
  const double* inv = inverse_diagonal_.data();
  const LinearOperator jacobi = [&](const double* in, double* out) { parallel_for(n, [&](Index i) { out[i] = inv[i] * in[i]; }); };
  // One V-cycle from zero: a fixed linear operator, as BiCGStab's preconditioner must be.
  const LinearOperator vcycle = [&](const double* in, double* out) {
    std::fill(out, out + n, 0.0);
    multigrid_.vcycle(in, out, transposed);
  };
  // The float V-cycle: its input rounded to float, its output widened back (both fixed, so still a
  // fixed linear operator).
  const LinearOperator vcycle_float = [&](const double* in, double* out) {
    in_float_.resize(size_t(n));
    out_float_.assign(size_t(n), 0.0f);
    parallel_for_grid(n, [&](Index i) { in_float_[i] = float(in[i]); });
    multigrid_float_.vcycle(in_float_.data(), out_float_.data(), transposed);
    parallel_for_grid(n, [&](Index i) { out[i] = double(out_float_[i]); });
  };
  last_ = bicgstab(n, apply, mg ? vcycle : mg_float ? vcycle_float : jacobi, rhs, x, tolerance_, 0.0, kMaxIterations, *workspace_, cancel_);
  if (!last_.converged && !last_.cancelled) ++failures_;
}

}  // namespace mfg
