// Newton's method on the whole coupled space-time system (all time levels of u and m at once), as
// advocated by Y. Achdou and I. Capuzzo-Dolcetta, SIAM J. Numer. Anal. 48(3), 2010, section 5.
// Each linearised system is reduced to the density unknowns (a Schur complement), whose operator
// is applied by one backward and one forward sweep of per-step solves and solved by GMRES, following
// Y. Achdou and V. Perez, "Iterative strategies for solving linearized discrete mean field games
// systems", Netw. Heterog. Media 7(2), 2012. With a monotone coupling the reduced operator is
// I + (symmetric positive semi-definite)(positive diagonal), whose spectrum lies in [1, inf), so
// GMRES converges in few iterations. Inexact Newton forcing after Eisenstat & Walker (SIAM J. Sci.
// Comput. 17(1), 1996); backtracking line search on the residual (Armijo).
#include <algorithm>
#include <cmath>

#include "../../core/gmres.hpp"
#include "../../core/timer.hpp"
#include "driver.hpp"
#include "newton_system.hpp"

namespace mfg {

namespace {

constexpr int kMaxBacktracks = 30;
constexpr double kArmijo = 1e-4;
// A Newton step the line search had to cut below this is no progress worth its cost (Newton is
// stagnating far from the solution): take a damped best-response sweep instead.
constexpr double kMinStep = 1.0 / 1024.0;
constexpr double kFallbackRelaxation = 0.5;

// A state with its residuals and merit (the l2 norm of the dt-scaled residuals of both equations).
struct Evaluated {
  MfgState state;
  SpaceTimeField ru, rm;
  ResidualNorms norms;
  double merit = 0.0;
};

void evaluate(SweepContext& ctx, Evaluated& e) {
  const Index n = ctx.problem.cells(), steps = ctx.problem.steps;
  if (e.ru.size() != n * steps) {
    e.ru = SpaceTimeField(n, steps);
    e.rm = SpaceTimeField(n, steps);
  }
  e.norms = coupled_residual(ctx, e.state, &e.ru, &e.rm);
  const double a = dot(e.ru.size(), e.ru.data(), e.ru.data()), b = dot(e.rm.size(), e.rm.data(), e.rm.data());
  e.merit = ctx.problem.dt * std::sqrt(a + b);
}

// out.state <- base + t (du, dm), on the unknown levels (u^0..u^{N-1} and m^1..m^N).
void take_step(const MfgState& base, const SpaceTimeField& du, const SpaceTimeField& dm, double t, MfgState& out) {
  const Index n = base.u.cells(), steps = du.levels();
  if (out.u.size() != base.u.size()) out = base;
  std::copy(base.u.at(steps), base.u.at(steps) + n, out.u.at(steps));
  std::copy(base.m.at(0), base.m.at(0) + n, out.m.at(0));
  const double* bu = base.u.data();
  const double* bm = base.m.at(1);
  double* ou = out.u.data();
  double* om = out.m.at(1);
  parallel_for(n * steps, [&](Index i) {
    ou[i] = bu[i] + t * du.data()[i];
    om[i] = bm[i] + t * dm.data()[i];
  });
}

// m <- m + w (Phi(m) - m) with Phi(m) the density of the best response to m, then u = best response
// to the new m: one damped Picard step, which always makes progress on monotone problems.
bool best_response_step(SweepContext& ctx, const MfgState& from, MfgState& out) {
  out = from;
  SpaceTimeField response(from.m.cells(), from.m.levels());
  if (!solve_hjb_backward(ctx, from.m, out.u) || !solve_fp_forward(ctx, out.u, response)) return false;
  double* m = out.m.data();
  const double* r = response.data();
  parallel_for(out.m.size(), [&](Index i) { m[i] += kFallbackRelaxation * (r[i] - m[i]); });
  return solve_hjb_backward(ctx, out.m, out.u);
}

}  // namespace

Verdict solve_newton(SweepContext& ctx, IterationDriver& driver, MfgState& state, Phase phase, int iteration_cap, int stage,
                     bool resumed) {
  const int first_iteration = driver.iterations();
  const Problem& p = ctx.problem;
  const Index n = p.cells();
  SpaceTimeField du(n, p.steps), dm(n, p.steps);
  Evaluated current, trial;
  current.state = std::move(state);
  evaluate(ctx, current);
  int linear_iterations = 0;
  double change = 0.0;
  for (;;) {
    if (current.norms.max() <= driver.tolerance() && std::isfinite(current.norms.max())) {
      // Newton's densities conserve mass only up to the linear tolerance: finish with one exact
      // forward sweep (mass to round-off, m >= 0) and accept if the residual stays below tolerance.
      if (!solve_fp_forward(ctx, current.state.u, current.state.m)) break;
      evaluate(ctx, current);
    }
    if (!resumed) {
      Verdict v = driver.record(phase, current.norms, change, linear_iterations);
      if (v == Verdict::Continue && iteration_cap >= 0 && driver.iterations() - first_iteration >= iteration_cap) v = Verdict::Exhausted;
      if (v == Verdict::Continue) v = driver.checkpoint_point({phase, stage, 0}, current.state);
      if (v != Verdict::Continue) {
        state = std::move(current.state);
        return v;
      }
    }
    resumed = false;  // the checkpoint's own record is in the history already
    ScopedTimer timer(ctx.times.newton);
    bool have_direction = false;
    {
      // The trial state and its residuals (4 space-time fields) are rebuilt by the line search:
      // freed here, they leave room for the direction's solve (memory.hpp counts it so).
      trial = Evaluated{};
      NewtonSystem system(ctx, current.state);
      // Forcing term: solve loosely far from the solution, tightly near it (superlinear convergence),
      // but never tighter than reaching the stopping tolerance needs: a step whose linear residual is
      // a tenth of the tolerance ends below it (the safeguard of C. T. Kelley, "Iterative Methods for
      // Linear and Nonlinear Equations", SIAM 1995, section 6.3). Measured on 2D 192^2 x 20: the last
      // Newton step took 15 Krylov iterations and 5 s of 12 to reach 1e-10 for a tolerance of 1e-6.
      const double residual = current.norms.max();
      const double eta = std::clamp(std::max(residual, 0.01 * driver.tolerance() / residual), 1e-12, 1e-1);
      linear_iterations = 0;
      have_direction = system.direction(current.ru, current.rm, eta, du, dm, linear_iterations);
    }
    if (driver.cancelled()) break;
    double t = 1.0;
    bool accepted = false;
    for (int k = 0; have_direction && k < kMaxBacktracks && t >= kMinStep; ++k, t *= 0.5) {
      take_step(current.state, du, dm, t, trial.state);
      evaluate(ctx, trial);
      accepted = std::isfinite(trial.merit) && trial.merit <= (1.0 - kArmijo * t) * current.merit;
      if (accepted) break;
    }
    if (!accepted && !best_response_step(ctx, current.state, trial.state)) break;
    if (!accepted) evaluate(ctx, trial);
    change = relative_change(trial.state.m, current.state.m);
    std::swap(current, trial);
  }
  state = std::move(current.state);
  return Verdict::Cancelled;
}

}  // namespace mfg
