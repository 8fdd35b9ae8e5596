// The linearised coupled system of one Newton step, reduced to the density unknowns:
//
//   A_n du^n - du^{n+1}/dt - f'(m^{n+1}) dm^{n+1} = -R_hjb^n        (backward in n)
//   A_n^T dm^{n+1} - dm^n/dt + C_n du^n          = -R_fp^n         (forward in n)
//
// with A_n the step matrix at u^n and C_n the transport Hessian at (u^n, m^{n+1}). Given dm, the first
// line gives du by a backward sweep, and then the second a new dm by a forward sweep: an affine map
// S(dm). The Newton density update solves (I - S_lin) dm = S(0).
//
// Writing L for the block-bidiagonal backward operator (A_n on the diagonal, -I/dt above it), the
// forward operator is exactly L^T, so I - S_lin = I + P D with P = L^{-T} C L^{-1} symmetric positive
// semi-definite (G is convex, m >= 0) and D = diag f'(m) >= 0 (a monotone coupling). In y = D^{1/2} dm
// the system (I + D^{1/2} P D^{1/2}) y = D^{1/2} S(0) is symmetric positive definite with spectrum in
// [1, inf): conjugate gradients, with short recurrences, solve it; GMRES on the unsymmetrised system
// is the fallback when CG reports that the operator is not positive definite (Newton iterates far
// from the solution may carry slightly negative densities).
//
// Every sweep applies each step's A_n (through a step solver: a multigrid hierarchy in 2D/3D) and
// C_n. They are built once per Newton step and kept for the steps that fit the memory budget
// (memory.hpp); the others are rebuilt when a sweep reaches them, from the same state, so the
// results are bitwise those of keeping everything.
#pragma once

#include <memory>
#include <vector>

#include "discretization.hpp"
#include "state.hpp"
#include "sweeps.hpp"

namespace mfg {

class NewtonSystem {
 public:
  NewtonSystem(SweepContext& ctx, const MfgState& state);

  // Solves for the Newton direction with relative tolerance eta, adding the Krylov iterations to
  // `iterations`; false when neither CG nor the GMRES fallback (if memory allows one) could.
  bool direction(const SpaceTimeField& ru, const SpaceTimeField& rm, double eta, SpaceTimeField& du, SpaceTimeField& dm, int& iterations);

  Index kept_steps() const { return Index(kept_.size()); }

 private:
  // du^n = A_n^{-1} (-ru^n + du^{n+1}/dt + source^n), du^N = 0; source and ru may be null (zero).
  void backward(const double* source, const SpaceTimeField* ru, SpaceTimeField& du);
  // out = sweep(z) = forward(backward(z)) = -P z.
  void sweep(const double* z, double* out);
  bool solve_symmetric(const std::vector<double>& b, double eta, double* dm, int& iterations);
  bool solve_general(const std::vector<double>& b, double eta, double* dm, int& iterations);
  // dm^{n+1} = A_n^{-T} (-rm^n + dm^n/dt - C_n du^n), dm^0 = 0; rm may be null (zero).
  void forward(const SpaceTimeField& du, const SpaceTimeField* rm, double* dm);

  // A_n, C_n (when the forward sweep needs it) and a step solver prepared for A_n.
  struct StepOperators {
    StencilMatrix matrix;
    TransportHessian hessian;
    std::unique_ptr<StepSolver> solver;
    bool has_hessian = false;
  };
  // Step s's operators: kept, or rebuilt into the one transient slot.
  StepOperators& operators(Index s, bool with_hessian);
  void build(Index s, bool with_hessian, StepOperators& out);
  void set_step_tolerance(double tolerance);

  SweepContext& ctx_;
  const MfgState& state_;
  Index cells_, steps_;
  std::shared_ptr<struct BicgstabWorkspace> workspace_;  // shared by the iterative step solvers
  std::vector<StepOperators> kept_;     // steps 0..kept-1
  StepOperators rebuilt_;               // the last step rebuilt (kept-1 < s < steps)
  Index rebuilt_step_ = -1;
  int gmres_restart_ = 0;               // 0: no room for the GMRES fallback
  double step_tolerance_ = 0.0;         // of the per-step solves (set per direction)
  std::vector<double> coupling_slope_;  // D: f'(m^{n+1}) for n = 0..N-1 (D^{1/2} is taken on the fly)
  std::vector<double> work_;
  SpaceTimeField du_scratch_;
  std::vector<double> rhs_, hess_;
  FaceScratch faces_;
};

}  // namespace mfg
