#include "newton_system.hpp"

#include <algorithm>
#include <cmath>

#include "../../core/bicgstab.hpp"
#include "../../core/cg.hpp"
#include "../../core/gmres.hpp"
#include "../../core/timer.hpp"

namespace mfg {

NewtonSystem::NewtonSystem(SweepContext& ctx, const MfgState& state)
    : ctx_(ctx), state_(state), cells_(state.u.cells()), steps_(ctx.problem.steps), matrices_(size_t(steps_)), hessians_(size_t(steps_)),
      coupling_slope_(size_t(cells_ * steps_)), sqrt_slope_(size_t(cells_ * steps_)), work_(size_t(cells_ * steps_)),
      du_scratch_(cells_, steps_ + 1), rhs_(size_t(cells_)), hess_(size_t(cells_)) {
  solvers_.reserve(size_t(steps_));
  workspace_ = std::make_shared<BicgstabWorkspace>();
  for (Index s = 0; s < steps_; ++s) {
    ctx.disc.step_matrix(state.u.at(s), matrices_[s]);
    ctx.disc.transport_hessian(state.u.at(s), state.m.at(s + 1), hessians_[s]);
    solvers_.push_back(make_step_solver(ctx.problem.grid, workspace_, ctx.problem.spec.compute_precision));
    solvers_.back()->set_tolerance(ctx.linear_tolerance);
    ScopedTimer t(ctx.times.linear);
    solvers_.back()->prepare(matrices_[s], true, true);
  }
  const Coupling& f = ctx.problem.coupling;
  const double* m = state.m.at(1);
  parallel_for(cells_ * steps_, [&](Index i) {
    coupling_slope_[i] = f.derivative(m[i]);
    sqrt_slope_[i] = std::sqrt(std::max(coupling_slope_[i], 0.0));
  });
}

void NewtonSystem::backward(const double* source, const SpaceTimeField* ru, SpaceTimeField& du) {
  const double inv_dt = 1.0 / ctx_.problem.dt;
  std::fill(du.at(steps_), du.at(steps_) + cells_, 0.0);
  for (Index s = steps_ - 1; s >= 0; --s) {
    const double* next = du.at(s + 1);
    const double* src = source ? source + s * cells_ : nullptr;
    const double* r = ru ? ru->at(s) : nullptr;
    double* out = du.at(s);
    parallel_for_grid(cells_, [&](Index c) {
      rhs_[c] = next[c] * inv_dt + (src ? src[c] : 0.0) - (r ? r[c] : 0.0);
      out[c] = 0.0;  // initial guess of an iterative solve
    });
    ScopedTimer t(ctx_.times.linear);
    solvers_[s]->solve(rhs_.data(), out);
  }
}

void NewtonSystem::forward(const SpaceTimeField& du, const SpaceTimeField* rm, double* dm) {
  const double inv_dt = 1.0 / ctx_.problem.dt;
  for (Index s = 0; s < steps_; ++s) {
    const double* previous = s > 0 ? dm + (s - 1) * cells_ : nullptr;
    const double* r = rm ? rm->at(s) : nullptr;
    ctx_.disc.apply_transport_hessian(hessians_[s], du.at(s), hess_.data(), faces_);
    double* out = dm + s * cells_;
    parallel_for_grid(cells_, [&](Index c) {
      rhs_[c] = (previous ? previous[c] * inv_dt : 0.0) - hess_[c] - (r ? r[c] : 0.0);
      out[c] = 0.0;
    });
    ScopedTimer t(ctx_.times.linear);
    solvers_[s]->solve_transposed(rhs_.data(), out);
  }
}

void NewtonSystem::sweep(const double* z, double* out) {
  backward(z, nullptr, du_scratch_);
  forward(du_scratch_, nullptr, out);
}

bool NewtonSystem::solve_symmetric(const std::vector<double>& b, double eta, double* dm, int& iterations) {
  const Index n = cells_ * steps_;
  const double* d = sqrt_slope_.data();
  std::vector<double> rhs(static_cast<size_t>(n)), y(static_cast<size_t>(n), 0.0);
  parallel_for(n, [&](Index i) { rhs[i] = d[i] * b[i]; });
  // y + D^{1/2} P D^{1/2} y, with P z = -sweep(z).
  const LinearOperator apply = [&](const double* in, double* out) {
    parallel_for(n, [&](Index i) { work_[i] = d[i] * in[i]; });
    sweep(work_.data(), out);
    parallel_for(n, [&](Index i) { out[i] = in[i] - d[i] * out[i]; });
  };
  const CgResult r = conjugate_gradients(n, apply, rhs.data(), y.data(), eta, 1000, [&] { return ctx_.cancelled(); });
  iterations += r.iterations;
  if (r.breakdown || !r.converged) return false;
  // dm = b - P D dm = b + sweep(D^{1/2} y).
  parallel_for(n, [&](Index i) { work_[i] = d[i] * y[i]; });
  sweep(work_.data(), dm);
  parallel_for(n, [&](Index i) { dm[i] += b[i]; });
  return true;
}

void NewtonSystem::solve_general(const std::vector<double>& b, double eta, double* dm, int& iterations) {
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
  options.restart = 40;
  options.max_iterations = 400;
  std::fill(dm, dm + n, 0.0);
  iterations += gmres(n, apply, b.data(), dm, options, [&] { return ctx_.cancelled(); }).iterations;
}

int NewtonSystem::direction(const SpaceTimeField& ru, const SpaceTimeField& rm, double eta, SpaceTimeField& du, SpaceTimeField& dm) {
  const Index n = cells_ * steps_;
  // Inexact Newton: the outer system is solved only to eta (relative), so the per-step solves inside
  // each sweep need only be well below eta (a hundredth of it), never looser than 1e-4 nor tighter
  // than the solve's own linear tolerance. Far from the solution this halves the inner iterations.
  const double step_tolerance = std::clamp(1e-2 * eta, ctx_.linear_tolerance, 1e-4);
  for (auto& solver : solvers_) solver->set_tolerance(step_tolerance);
  // b = S(0): the sweeps with the residuals and no density update.
  std::vector<double> b(static_cast<size_t>(n));
  backward(nullptr, &ru, du_scratch_);
  forward(du_scratch_, &rm, b.data());
  int iterations = 0;
  if (!ctx_.problem.coupling.active()) {
    std::copy(b.begin(), b.end(), dm.data());  // no coupling: P D = 0
  } else if (!solve_symmetric(b, eta, dm.data(), iterations)) {
    solve_general(b, eta, dm.data(), iterations);
  }
  // The value update that goes with the density update.
  parallel_for(n, [&](Index i) { work_[i] = coupling_slope_[i] * dm.data()[i]; });
  SpaceTimeField du_full(cells_, steps_ + 1);
  backward(work_.data(), &ru, du_full);
  std::copy(du_full.data(), du_full.data() + n, du.data());
  return iterations;
}

}  // namespace mfg
