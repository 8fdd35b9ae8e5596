#include "newton_system.hpp"

#include <algorithm>
#include <cmath>

#include "../../core/bicgstab.hpp"
#include "../../core/cg.hpp"
#include "../../core/gmres.hpp"
#include "../../core/timer.hpp"
#include "memory.hpp"

namespace mfg {

NewtonSystem::NewtonSystem(SweepContext& ctx, const MfgState& state)
    : ctx_(ctx), state_(state), cells_(state.u.cells()), steps_(ctx.problem.steps), workspace_(std::make_shared<BicgstabWorkspace>()),
      coupling_slope_(size_t(cells_ * steps_)), work_(size_t(cells_ * steps_)), du_scratch_(cells_, steps_ + 1), rhs_(size_t(cells_)),
      hess_(size_t(cells_)) {
  step_tolerance_ = ctx.linear_tolerance;
  const MemoryPlan plan = plan_memory(ctx.problem.spec, ctx.memory_budget_bytes);
  gmres_restart_ = plan.gmres_restart;
  kept_.resize(size_t(plan.kept_steps));
  // Building a step's operators includes its multigrid hierarchy: a Stop is honoured between steps
  // (the solve then ends without using the system).
  for (Index s = 0; s < plan.kept_steps && !ctx.cancelled(); ++s) build(s, true, kept_[size_t(s)]);
  const Coupling& f = ctx.problem.coupling;
  const double* m = state.m.at(1);
  parallel_for(cells_ * steps_, [&](Index i) { coupling_slope_[i] = f.derivative(m[i]); });
}

void NewtonSystem::build(Index s, bool with_hessian, StepOperators& out) {
  ctx_.disc.step_matrix(state_.u.at(s), out.matrix);
  out.has_hessian = with_hessian;
  if (with_hessian) ctx_.disc.transport_hessian(state_.u.at(s), state_.m.at(s + 1), out.hessian);
  if (!out.solver) {
    out.solver = make_step_solver(ctx_.problem.grid, workspace_, ctx_.problem.spec.compute_precision);
    out.solver->set_tolerance(step_tolerance_);
    out.solver->set_cancel_flag(ctx_.cancel_flag());
  }
  ScopedTimer t(ctx_.times.linear);
  out.solver->prepare(out.matrix, true, true);
}

NewtonSystem::StepOperators& NewtonSystem::operators(Index s, bool with_hessian) {
  if (s < kept_steps()) return kept_[size_t(s)];
  if (rebuilt_step_ != s) {
    build(s, with_hessian, rebuilt_);
    rebuilt_step_ = s;
  } else if (with_hessian && !rebuilt_.has_hessian) {
    // The backward sweep's last rebuilt step is the forward sweep's first: only C_n is missing.
    ctx_.disc.transport_hessian(state_.u.at(s), state_.m.at(s + 1), rebuilt_.hessian);
    rebuilt_.has_hessian = true;
  }
  return rebuilt_;
}

void NewtonSystem::set_step_tolerance(double tolerance) {
  step_tolerance_ = tolerance;
  for (auto& step : kept_)
    if (step.solver) step.solver->set_tolerance(tolerance);  // null: not built (cancelled while building)
  if (rebuilt_.solver) rebuilt_.solver->set_tolerance(tolerance);
}

void NewtonSystem::backward(const double* source, const SpaceTimeField* ru, SpaceTimeField& du) {
  const double inv_dt = 1.0 / ctx_.problem.dt;
  std::fill(du.at(steps_), du.at(steps_) + cells_, 0.0);
  for (Index s = steps_ - 1; s >= 0; --s) {
    // A Stop leaves du unfinished: the Krylov solve reading it polls the same flag and gives up.
    if (ctx_.cancelled()) return;
    const double* next = du.at(s + 1);
    const double* src = source ? source + s * cells_ : nullptr;
    const double* r = ru ? ru->at(s) : nullptr;
    double* out = du.at(s);
    parallel_for_grid(cells_, [&](Index c) {
      rhs_[c] = next[c] * inv_dt + (src ? src[c] : 0.0) - (r ? r[c] : 0.0);
      out[c] = 0.0;  // initial guess of an iterative solve
    });
    StepSolver& solver = *operators(s, false).solver;
    ScopedTimer t(ctx_.times.linear);
    solver.solve(rhs_.data(), out);
  }
}

void NewtonSystem::forward(const SpaceTimeField& du, const SpaceTimeField* rm, double* dm) {
  const double inv_dt = 1.0 / ctx_.problem.dt;
  for (Index s = 0; s < steps_; ++s) {
    if (ctx_.cancelled()) return;  // as in backward
    const double* previous = s > 0 ? dm + (s - 1) * cells_ : nullptr;
    const double* r = rm ? rm->at(s) : nullptr;
    StepOperators& step = operators(s, true);
    ctx_.disc.apply_transport_hessian(step.hessian, du.at(s), hess_.data(), faces_);
    double* out = dm + s * cells_;
    parallel_for_grid(cells_, [&](Index c) {
      rhs_[c] = (previous ? previous[c] * inv_dt : 0.0) - hess_[c] - (r ? r[c] : 0.0);
      out[c] = 0.0;
    });
    ScopedTimer t(ctx_.times.linear);
    step.solver->solve_transposed(rhs_.data(), out);
  }
}

void NewtonSystem::sweep(const double* z, double* out) {
  backward(z, nullptr, du_scratch_);
  forward(du_scratch_, nullptr, out);
}

bool NewtonSystem::solve_symmetric(const std::vector<double>& b, double eta, double* dm, int& iterations) {
  const Index n = cells_ * steps_;
  const double* slope = coupling_slope_.data();
  const auto d = [slope](Index i) { return std::sqrt(std::max(slope[i], 0.0)); };  // D^{1/2}
  std::vector<double> rhs(static_cast<size_t>(n)), y(static_cast<size_t>(n), 0.0);
  parallel_for(n, [&](Index i) { rhs[i] = d(i) * b[i]; });
  // y + D^{1/2} P D^{1/2} y, with P z = -sweep(z).
  const LinearOperator apply = [&](const double* in, double* out) {
    parallel_for(n, [&](Index i) { work_[i] = d(i) * in[i]; });
    sweep(work_.data(), out);
    parallel_for(n, [&](Index i) { out[i] = in[i] - d(i) * out[i]; });
  };
  const CgResult r = conjugate_gradients(n, apply, rhs.data(), y.data(), eta, 1000, [&] { return ctx_.cancelled(); });
  iterations += r.iterations;
  if (r.breakdown || !r.converged) return false;
  // dm = b - P D dm = b + sweep(D^{1/2} y).
  parallel_for(n, [&](Index i) { work_[i] = d(i) * y[i]; });
  sweep(work_.data(), dm);
  parallel_for(n, [&](Index i) { dm[i] += b[i]; });
  return true;
}

bool NewtonSystem::solve_general(const std::vector<double>& b, double eta, double* dm, int& iterations) {
  if (gmres_restart_ == 0) return false;  // no memory for its basis
  const Index n = cells_ * steps_;
  const double* d = coupling_slope_.data();
  // (I + P D) x = x - sweep(D x).
  const LinearOperator apply = [&](const double* in, double* out) {
    parallel_for(n, [&](Index i) { work_[i] = d[i] * in[i]; });
    sweep(work_.data(), out);
    parallel_for(n, [&](Index i) { out[i] = in[i] - out[i]; });
  };
  GmresOptions options;
  options.relative_tolerance = eta;
  options.restart = gmres_restart_;
  options.max_iterations = 400;
  std::fill(dm, dm + n, 0.0);
  iterations += gmres(n, apply, b.data(), dm, options, [&] { return ctx_.cancelled(); }).iterations;
  return true;
}

bool NewtonSystem::direction(const SpaceTimeField& ru, const SpaceTimeField& rm, double eta, SpaceTimeField& du, SpaceTimeField& dm,
                             int& iterations) {
  if (ctx_.cancelled()) return false;
  const Index n = cells_ * steps_;
  // Inexact Newton: the outer system is solved only to eta (relative), so the per-step solves inside
  // each sweep need only be well below eta (a hundredth of it), never looser than 1e-4 nor tighter
  // than the solve's own linear tolerance. Far from the solution this halves the inner iterations.
  set_step_tolerance(std::clamp(1e-2 * eta, ctx_.linear_tolerance, 1e-4));
  // b = S(0): the sweeps with the residuals and no density update.
  std::vector<double> b(static_cast<size_t>(n));
  backward(nullptr, &ru, du_scratch_);
  forward(du_scratch_, &rm, b.data());
  if (ctx_.cancelled()) return false;
  if (!ctx_.problem.coupling.active()) {
    std::copy(b.begin(), b.end(), dm.data());  // no coupling: P D = 0
  } else if (!solve_symmetric(b, eta, dm.data(), iterations) && (ctx_.cancelled() || !solve_general(b, eta, dm.data(), iterations))) {
    return false;
  }
  if (ctx_.cancelled()) return false;
  // The value update that goes with the density update.
  parallel_for(n, [&](Index i) { work_[i] = coupling_slope_[i] * dm.data()[i]; });
  backward(work_.data(), &ru, du_scratch_);
  std::copy(du_scratch_.data(), du_scratch_.data() + n, du.data());
  return true;
}

}  // namespace mfg
