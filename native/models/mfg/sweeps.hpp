// Time sweeps of the two equations: the HJB backward for given densities (nonlinear in u at each
// step) and the Fokker-Planck forward for given values (linear in m at each step), plus the residual
// of the coupled discrete system. Both sweeps use the step matrix of discretization.hpp.
#pragma once

#include <atomic>
#include <memory>

#include "../../core/step_solver.hpp"
#include "discretization.hpp"
#include "state.hpp"

namespace mfg {

struct PhaseTimes {
  double hjb = 0.0, fp = 0.0, linear = 0.0, newton = 0.0;
};

// Shared scratch for sweeps over one problem.
class SweepContext {
 public:
  SweepContext(const Problem& problem, PhaseTimes& times, const std::atomic<bool>* cancel);

  bool cancelled() const { return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed); }
  const std::atomic<bool>* cancel_flag() const { return cancel_; }

  const Problem& problem;
  Discretization disc;
  std::unique_ptr<StepSolver> solver;
  StencilMatrix a;
  std::vector<double> r, delta, rhs;
  PhaseTimes& times;
  int hjb_step_failures = 0;  // steps where the per-step Newton stopped before its tolerance
  bool warm_start_abandoned = false;  // the warm start did not converge; the solve restarted cold
  // Relative tolerance of the iterative step solves of the FP sweep and of Newton's linear systems:
  // well below the outer tolerance (their errors show up in the coupled residual), not below it.
  double linear_tolerance = 1e-12;
  // Memory Newton may plan for (memory.hpp); <= 0: no limit, every step's operators kept.
  double memory_budget_bytes = 0.0;

 private:
  const std::atomic<bool>* cancel_;
};

// u^N = terminal cost; u^n for n = N-1..0 solves the HJB step with m^{n+1}. False when cancelled.
bool solve_hjb_backward(SweepContext& ctx, const SpaceTimeField& m, SpaceTimeField& u);

// m^0 = initial density; m^{n+1} = A(u^n)^{-T} (m^n / dt + source). False when cancelled.
bool solve_fp_forward(SweepContext& ctx, const SpaceTimeField& u, SpaceTimeField& m);

// Sum of row c of a step matrix: 1/dt, plus the exit terms of a cell next to an exit. Its excess
// over 1/dt times m is the mass that leaves through exits in one step (per unit time).
double row_sum(const StencilMatrix& a, Index c);

// Rescales the result m of an iterative solve of A^T m = b so that sum(A^T m) = sum(b) exactly.
void conserve_mass(const StencilMatrix& a, const double* b, double* m);

struct ResidualNorms {
  double hjb = 0.0;  // max |dt * HJB residual|, units of u per step
  double fp = 0.0;   // max over steps of cell_volume * sum |dt * FP residual|, units of mass per step
  double max() const { return hjb > fp ? hjb : fp; }
};

// Residuals of the coupled discrete system at state s. When ru/rm are given they receive the
// unscaled residuals: ru level n (0..N-1) is the HJB equation of step n, rm level n the FP equation
// for m^{n+1}.
ResidualNorms coupled_residual(SweepContext& ctx, const MfgState& s, SpaceTimeField* ru = nullptr, SpaceTimeField* rm = nullptr);

}  // namespace mfg
