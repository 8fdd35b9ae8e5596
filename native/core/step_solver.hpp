// Solvers for the per-time-step linear systems A x = b and A^T x = b, where A is a step matrix
// (I/dt - nu Lap + DG(u)). 1D uses the direct tridiagonal solver; 2D/3D plug in iterative ones.
#pragma once

#include <atomic>
#include <memory>

#include "stencil.hpp"
#include "tridiagonal.hpp"

namespace mfg {

// Float64: everything in double. Mixed: the multigrid preconditioner of the 2D/3D iterative solves
// works in float (its smoothing streams half the bytes); the Krylov iteration, its products and
// residuals stay double, so a solve meets the same tolerance (a preconditioner only has to be close
// to the inverse: M. Baboulin et al., "Accelerating scientific computations with mixed precision
// algorithms", Comput. Phys. Commun. 180(12), 2009).
enum class ComputePrecision { Float64, Mixed };

class StepSolver {
 public:
  virtual ~StepSolver() = default;
  // Prepares for solves with a (and/or its transpose); a must stay alive until the next prepare.
  virtual void prepare(const StencilMatrix& a, bool plain, bool transposed) = 0;
  // x holds an initial guess on entry (iterative solvers start from it; direct ones ignore it).
  virtual void solve(const double* rhs, double* x) = 0;
  virtual void solve_transposed(const double* rhs, double* x) = 0;
  // Relative residual at which an iterative solve stops (direct solvers are exact).
  virtual void set_tolerance(double) {}
  // A flag that iterative solves read every iteration and stop at when set (Stop in the app); direct
  // solves are one pass of O(cells) and ignore it. The flag must outlive the solver's solves.
  virtual void set_cancel_flag(const std::atomic<bool>*) {}
  // Whether the last solve stopped because the flag was set (its x is then not a solution).
  virtual bool last_cancelled() const { return false; }
};

class TridiagonalStepSolverAdapter final : public StepSolver {
 public:
  void prepare(const StencilMatrix& a, bool plain, bool transposed) override { solver_.prepare(a, plain, transposed); }
  void solve(const double* rhs, double* x) override { solver_.solve(rhs, x); }
  void solve_transposed(const double* rhs, double* x) override { solver_.solve_transposed(rhs, x); }

 private:
  TridiagonalStepSolver solver_;
};

// One step solver per grid kind: direct on 1D lines, iterative in 2D/3D. Iterative solvers of one
// sweep can share a workspace (see KrylovStepSolver).
std::unique_ptr<StepSolver> make_step_solver(const Grid& grid, std::shared_ptr<struct BicgstabWorkspace> workspace = nullptr,
                                             ComputePrecision precision = ComputePrecision::Float64);

}  // namespace mfg
