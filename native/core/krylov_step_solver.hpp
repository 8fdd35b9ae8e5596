// Iterative solver for the 2D/3D step systems A x = b and A^T x = b: BiCGStab (the step matrix is a
// nonsymmetric M-matrix) with a Jacobi preconditioner. Solves start from the caller's x (the previous
// outer iterate is a good guess) and stop at a relative residual of `tolerance`; the FP sweep needs
// tight solves because mass is conserved exactly only by the exact solution.
#pragma once

#include <memory>

#include "bicgstab.hpp"
#include "multigrid.hpp"
#include "step_solver.hpp"

namespace mfg {

// MultigridFloat: the V-cycle in float (ComputePrecision::Mixed), the product in double.
enum class Preconditioner { Jacobi, Multigrid, MultigridFloat };

class KrylovStepSolver final : public StepSolver {
 public:
  // The workspace may be shared by the step solvers of many time steps (it holds 8 vectors).
  KrylovStepSolver(std::shared_ptr<BicgstabWorkspace> workspace, Preconditioner preconditioner, double tolerance = 1e-12)
      : workspace_(std::move(workspace)), preconditioner_(preconditioner), tolerance_(tolerance) {}

  void prepare(const StencilMatrix& a, bool plain, bool transposed) override;
  void solve(const double* rhs, double* x) override { run(rhs, x, false); }
  void solve_transposed(const double* rhs, double* x) override { run(rhs, x, true); }

  void set_tolerance(double tolerance) override { tolerance_ = tolerance; }
  void set_cancel_flag(const std::atomic<bool>* cancel) override { cancel_ = cancel; }
  bool last_cancelled() const override { return last_.cancelled; }
  int last_iterations() const { return last_.iterations; }
  int failures() const { return failures_; }

 private:
  void run(const double* rhs, double* x, bool transposed);

  const StencilMatrix* a_ = nullptr;
  std::vector<double> inverse_diagonal_;
  Multigrid multigrid_;
  MultigridT<float> multigrid_float_;
  std::array<GatherStencil, 2> product_;  // [transposed]: the double product when the V-cycle is float
  std::vector<float> in_float_, out_float_;
  std::shared_ptr<BicgstabWorkspace> workspace_;
  Preconditioner preconditioner_;
  double tolerance_;
  const std::atomic<bool>* cancel_ = nullptr;
  BicgstabResult last_;
  int failures_ = 0;
};

}  // namespace mfg
