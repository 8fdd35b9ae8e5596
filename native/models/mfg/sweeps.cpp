#include "sweeps.hpp"

#include <algorithm>
#include <cmath>

#include "../../core/timer.hpp"

namespace mfg {

namespace {

// Per-step Newton on the nonlinear HJB step: stop when |residual| * dt is at round-off level, or when
// the update is (on fine grids the residual's round-off floor grows like nu/h^2, so the update is the
// reliable test there).
constexpr int kMaxStepNewton = 30;
constexpr double kStepTolerance = 1e-14;
constexpr double kUpdateTolerance = 1e-14;
// The per-step Newton's linear solves may be inexact (inexact Newton, Dembo, Eisenstat & Steihaug,
// SIAM J. Numer. Anal. 19(2), 1982): the loop checks the true residual after each update.
constexpr double kHjbLinearTolerance = 1e-3;
// A step is also solved once its residual (dt-scaled, the units of the coupled residual's HJB part)
// is this fraction of the outer tolerance: the best response then satisfies its equation far below
// what the outer iteration tests. Measured on 3D 96^3 with a tolerance of 1e-6: each step took 5-6
// policy iterations, the last one or two only to go from ~1e-9 to the round-off stop.
constexpr double kOuterToleranceFraction = 1e-3;

double max_abs(Index n, const double* v) {
  return parallel_max(n, [&](Index i) { return std::fabs(v[i]); });
}

}  // namespace

double row_sum(const StencilMatrix& a, Index c) {
  const Grid& g = *a.grid;
  double s = a.diag[c];
  for (int f = 0; f < g.faces(); ++f)
    if (g.face(c, f).kind == FaceKind::Interior) s += a.off[f][c];
  return s;
}

SweepContext::SweepContext(const Problem& p, PhaseTimes& t, const std::atomic<bool>* cancel)
    : problem(p), disc(p), solver(make_step_solver(p.grid, nullptr, p.spec.compute_precision)), times(t), cancel_(cancel) {
  solver->set_cancel_flag(cancel);
  linear_tolerance = std::clamp(1e-2 * p.spec.tolerance, 1e-12, 1e-8);
  const size_t n = size_t(p.cells());
  r.resize(n);
  delta.resize(n);
  rhs.resize(n);
  a.resize(p.grid);
}

// Solves u/dt - nu Lap u + G(Du) = rhs for u (u holds the initial guess): Newton's method, which for
// this convex, monotone operator is Howard's policy iteration and converges monotonically
// (Bokanowski, Maroso & Zidani, SIAM J. Numer. Anal. 47(4), 2009).
static void solve_hjb_step(SweepContext& ctx, double* u) {
  const Index n = ctx.problem.cells();
  const double dt = ctx.problem.dt, inv_dt = 1.0 / dt;
  for (int it = 0; it < kMaxStepNewton; ++it) {
    if (ctx.cancelled()) return;  // the sweep's loop reports it at the next step
    // The residual and the Jacobian in one pass (the Jacobian of the last pass goes unused).
    ctx.disc.linearise(u, ctx.r.data(), &ctx.a);
    parallel_for_grid(n, [&](Index c) { ctx.r[c] = u[c] * inv_dt + ctx.r[c] - ctx.rhs[c]; });
    const double residual = dt * max_abs(n, ctx.r.data());
    const double scale = 1.0 + max_abs(n, u);
    const double stop = std::max(kStepTolerance * scale, kOuterToleranceFraction * ctx.problem.spec.tolerance);
    if (residual <= stop || !std::isfinite(residual)) return;
    {
      ScopedTimer t(ctx.times.linear);
      ctx.solver->prepare(ctx.a, true, false);
      ctx.solver->set_tolerance(kHjbLinearTolerance);
      parallel_for_grid(n, [&](Index c) {
        ctx.r[c] = -ctx.r[c];
        ctx.delta[c] = 0.0;  // the initial guess of an iterative solve
      });
      ctx.solver->solve(ctx.r.data(), ctx.delta.data());
    }
    parallel_for_grid(n, [&](Index c) { u[c] += ctx.delta[c]; });
    if (max_abs(n, ctx.delta.data()) <= kUpdateTolerance * scale) return;
  }
  ++ctx.hjb_step_failures;
}

bool solve_hjb_backward(SweepContext& ctx, const SpaceTimeField& m, SpaceTimeField& u) {
  ScopedTimer timer(ctx.times.hjb);
  const Problem& p = ctx.problem;
  const Index n = p.cells(), steps = p.steps;
  const double inv_dt = 1.0 / p.dt;
  std::copy(p.terminal_cost.begin(), p.terminal_cost.end(), u.at(steps));
  for (Index s = steps - 1; s >= 0; --s) {
    if (ctx.cancelled()) return false;
    const double* next = u.at(s + 1);
    const double* density = m.at(s + 1);
    const double* potential = p.potential_at(s);
    parallel_for_grid(n, [&](Index c) { ctx.rhs[c] = next[c] * inv_dt + p.coupling.value(density[c]) + potential[c]; });
    double* current = u.at(s);
    std::copy(next, next + n, current);
    solve_hjb_step(ctx, current);
  }
  return true;
}

bool solve_fp_forward(SweepContext& ctx, const SpaceTimeField& u, SpaceTimeField& m) {
  ScopedTimer timer(ctx.times.fp);
  const Problem& p = ctx.problem;
  const Index n = p.cells();
  const double inv_dt = 1.0 / p.dt;
  std::copy(p.initial_density.begin(), p.initial_density.end(), m.at(0));
  for (Index s = 0; s < p.steps; ++s) {
    if (ctx.cancelled()) return false;
    const double* previous = m.at(s);
    const double* source = p.source_at(s);
    parallel_for_grid(n, [&](Index c) { ctx.rhs[c] = previous[c] * inv_dt + (source ? source[c] : 0.0); });
    ctx.disc.step_matrix(u.at(s), ctx.a);
    ScopedTimer t(ctx.times.linear);
    ctx.solver->prepare(ctx.a, false, true);
    ctx.solver->set_tolerance(ctx.linear_tolerance);
    ctx.solver->solve_transposed(ctx.rhs.data(), m.at(s + 1));
    if (p.grid.dim() > 1) conserve_mass(ctx.a, ctx.rhs.data(), m.at(s + 1));
  }
  return true;
}

// An iterative solve of A^T m = b leaves a residual, and with it a mass defect of its size. The
// exact solution satisfies sum(A^T m) = sum(b) (mass in = mass kept + mass out through exits);
// rescaling m by 1 + O(tolerance) restores that identity to round-off and keeps m >= 0.
void conserve_mass(const StencilMatrix& a, const double* b, double* m) {
  const Grid& g = *a.grid;
  const Index n = g.size();
  const double target = parallel_sum(n, [&](Index c) { return b[c]; });
  const double kept = parallel_sum(n, [&](Index c) { return row_sum(a, c) * m[c]; });
  if (!(kept > 0.0) || !(target > 0.0)) return;
  const double scale = target / kept;
  parallel_for(n, [&](Index c) { m[c] *= scale; });
}

ResidualNorms coupled_residual(SweepContext& ctx, const MfgState& st, SpaceTimeField* ru, SpaceTimeField* rm) {
  const Problem& p = ctx.problem;
  const Index n = p.cells();
  const double dt = p.dt, inv_dt = 1.0 / dt, volume = p.grid.cell_volume();
  ResidualNorms norms;
  bool non_finite = false;
  std::vector<double> hjb(static_cast<size_t>(n)), fp(static_cast<size_t>(n));
  for (Index s = 0; s < p.steps; ++s) {
    const double* u = st.u.at(s);
    const double* u_next = st.u.at(s + 1);
    const double* m = st.m.at(s);
    const double* m_next = st.m.at(s + 1);
    const double* potential = p.potential_at(s);
    const double* source = p.source_at(s);
    ctx.disc.linearise(u, hjb.data(), &ctx.a);
    parallel_for(n, [&](Index c) { hjb[c] += (u[c] - u_next[c]) * inv_dt - p.coupling.value(m_next[c]) - potential[c]; });
    ctx.a.apply_transposed(m_next, fp.data());
    parallel_for(n, [&](Index c) { fp[c] -= m[c] * inv_dt + (source ? source[c] : 0.0); });
    const double step_hjb = dt * max_abs(n, hjb.data());
    const double step_fp = dt * volume * parallel_sum(n, [&](Index c) { return std::fabs(fp[c]); });
    // std::max drops NaN, so a NaN anywhere is remembered explicitly: it means the run diverged.
    non_finite = non_finite || !std::isfinite(step_hjb) || !std::isfinite(step_fp);
    norms.hjb = std::max(norms.hjb, step_hjb);
    norms.fp = std::max(norms.fp, step_fp);
    if (ru) std::copy(hjb.begin(), hjb.end(), ru->at(s));
    if (rm) std::copy(fp.begin(), fp.end(), rm->at(s));
  }
  if (non_finite) norms.hjb = norms.fp = NAN;
  return norms;
}

}  // namespace mfg
