#include "solve.hpp"

#include <climits>
#include <cmath>
#include <sstream>

#include "../../core/timer.hpp"
#include "driver.hpp"

namespace mfg {

const char* status_name(Status s) {
  switch (s) {
    case Status::Running: return "running";
    case Status::Converged: return "converged";
    case Status::NotConverged: return "not_converged";
    case Status::Diverged: return "diverged";
    case Status::Cancelled: return "cancelled";
    case Status::Interrupted: return "interrupted";
    case Status::Failed:
    default: return "failed";
  }
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::Warmup: return "warmup";
    case Phase::Continuation: return "continuation";
    case Phase::Picard: return "picard";
    case Phase::FictitiousPlay: return "fictitious_play";
    case Phase::Newton:
    default: return "newton";
  }
}

IterationDriver::IterationDriver(const Problem& problem, const SolveOptions& options, SolveResult& result, double start_time)
    : problem_(problem), options_(options), result_(result), start_time_(start_time), tolerance_(problem.spec.tolerance),
      last_checkpoint_time_(start_time), last_checkpoint_iteration_(int(result.history.size())) {}

Verdict IterationDriver::checkpoint_point(const ResumePoint& position, const MfgState& state) {
  if (!options_.write_checkpoint) return Verdict::Continue;
  const bool requested = options_.checkpoint_request && options_.checkpoint_request->load(std::memory_order_relaxed);
  const long long every = problem_.spec.checkpoint_every_iterations;
  const double seconds = problem_.spec.checkpoint_every_seconds;
  const bool by_count = every > 0 && iterations() - last_checkpoint_iteration_ >= every;
  const bool by_time = seconds > 0 && now_seconds() - last_checkpoint_time_ >= seconds;
  if (!requested && !by_count && !by_time) return Verdict::Continue;
  options_.write_checkpoint(position, result_.history, state);
  last_checkpoint_time_ = now_seconds();
  last_checkpoint_iteration_ = iterations();
  return requested ? Verdict::Interrupted : Verdict::Continue;
}

Verdict IterationDriver::record(Phase phase, const ResidualNorms& norms, double change, int linear_iterations) {
  IterationRecord r;
  r.iteration = iterations() + 1;
  r.phase = phase;
  r.residual_hjb = norms.hjb;
  r.residual_fp = norms.fp;
  r.residual = norms.max();
  r.change = change;
  r.elapsed_s = now_seconds() - start_time_;
  r.linear_iterations = linear_iterations;
  result_.history.push_back(r);
  result_.residual = norms;
  result_.change = change;
  result_.iterations = r.iteration;
  if (options_.on_iteration) options_.on_iteration(r);
  if (!std::isfinite(norms.hjb) || !std::isfinite(norms.fp)) return Verdict::Diverged;
  if (norms.max() <= tolerance_) return Verdict::Converged;
  if (cancelled()) return Verdict::Cancelled;
  if (r.iteration >= problem_.spec.max_iterations) return Verdict::Exhausted;
  return Verdict::Continue;
}

void cold_start(const Problem& p, MfgState& s) {
  const Index n = p.cells(), levels = p.steps + 1;
  if (s.u.cells() != n || s.u.levels() != levels) {
    s.u = SpaceTimeField(n, levels);
    s.m = SpaceTimeField(n, levels);
  }
  std::fill(s.u.data(), s.u.data() + s.u.size(), 0.0);
  for (Index level = 0; level < levels; ++level) std::copy(p.initial_density.begin(), p.initial_density.end(), s.m.at(level));
}

// Mass in the domain at each level plus the mass that left through exits up to it; with the scheme's
// discrete adjoint structure the sum is the initial mass to round-off.
MassReport mass_report(const Problem& p, const MfgState& s) {
  MassReport r;
  const double volume = p.grid.cell_volume(), dt = p.dt;
  const Index n = p.cells();
  r.min_density = INFINITY;
  Discretization disc(p);
  StencilMatrix a;
  for (Index level = 0; level < s.m.levels(); ++level) {
    const double* m = s.m.at(level);
    if (level > 0 && p.has_exits()) {
      // Outflow of the step that produced this level: (row sum of A - 1/dt) m, over the step.
      disc.step_matrix(s.u.at(level - 1), a);
      r.exited += dt * volume * parallel_sum(n, [&](Index c) { return (row_sum(a, c) - 1.0 / dt) * m[c]; });
    }
    const double mass = volume * parallel_sum(n, [&](Index c) { return m[c]; });
    if (level == 0) r.initial = mass;
    r.final = mass;
    r.max_relative_drift = std::max(r.max_relative_drift, std::fabs(mass + r.exited - r.initial) / r.initial);
    r.min_density = std::min(r.min_density, parallel_max(n, [&](Index c) { return -m[c]; }) * -1.0);
  }
  return r;
}

namespace {

bool fits(const Problem& p, const MfgState* s) {
  return s != nullptr && s->u.cells() == p.cells() && s->u.levels() == p.steps + 1 && s->m.size() == s->u.size();
}

void initial_state(const Problem& p, const SolveOptions& options, MfgState& s) {
  if (fits(p, options.initial)) {
    s = *options.initial;
    // The data of this problem wins where the old state disagrees with it.
    std::copy(p.initial_density.begin(), p.initial_density.end(), s.m.at(0));
    std::copy(p.terminal_cost.begin(), p.terminal_cost.end(), s.u.at(p.steps));
    return;
  }
  cold_start(p, s);
}

Verdict run_method(SweepContext& ctx, IterationDriver& driver, MfgState& state, bool warm, const ResumePoint* resume) {
  const int resume_sweep = resume ? resume->sweep : -1;
  switch (ctx.problem.spec.method) {
    case Method::Picard: return solve_fixed_point(ctx, driver, state, Phase::Picard, -1, 0, resume_sweep);
    case Method::FictitiousPlay: return solve_fixed_point(ctx, driver, state, Phase::FictitiousPlay, -1, 0, resume_sweep);
    case Method::Newton:
    default: return solve_newton_with_continuation(ctx, driver, state, warm, resume);
  }
}

std::string describe(Verdict v, const SolveResult& r, const Problem& p) {
  std::ostringstream s;
  s.precision(3);
  switch (v) {
    case Verdict::Converged:
      s << "converged in " << r.iterations << " iterations (residual " << r.residual.max() << " <= tolerance " << p.spec.tolerance << ")";
      break;
    case Verdict::Exhausted:
      s << "not converged after " << r.iterations << " iterations (residual " << r.residual.max() << " > tolerance " << p.spec.tolerance
        << ", last relative change of m " << r.change << ")";
      if (p.spec.method == Method::Picard) s << "; damped Picard often fails on strongly coupled problems: try \"newton\"";
      break;
    case Verdict::Diverged: s << "diverged: NaN or infinity in the residual at iteration " << r.iterations << "; the run was stopped"; break;
    case Verdict::Cancelled: s << "cancelled after " << r.iterations << " iterations"; break;
    case Verdict::Interrupted: s << "interrupted after " << r.iterations << " iterations with a checkpoint; continue with mfg-solve --resume"; break;
    default: s << "stopped"; break;
  }
  return s.str();
}

Status status_of(Verdict v) {
  switch (v) {
    case Verdict::Converged: return Status::Converged;
    case Verdict::Exhausted: return Status::NotConverged;
    case Verdict::Diverged: return Status::Diverged;
    case Verdict::Cancelled: return Status::Cancelled;
    case Verdict::Interrupted: return Status::Interrupted;
    default: return Status::Failed;
  }
}

}  // namespace


SolveResult solve(const Problem& problem, const SolveOptions& options, MfgState& state) {
  SolveResult result;
  const double start = now_seconds();
  const bool resuming = resumable(problem, options.resume);
  const bool warm = !resuming && fits(problem, options.initial);
  if (resuming) {
    state = options.resume->state;
    result.history = options.resume->history;
    result.iterations = int(result.history.size());
  } else {
    initial_state(problem, options, state);
  }
  SweepContext ctx(problem, result.times, options.cancel);
  ctx.memory_budget_bytes = options.memory_budget_bytes;
  IterationDriver driver(problem, options, result, start);
  const Verdict verdict = run_method(ctx, driver, state, warm, resuming ? &options.resume->position : nullptr);
  result.status = status_of(verdict);
  result.message = describe(verdict, result, problem);
  if (ctx.warm_start_abandoned) result.message += " (the warm start did not converge within 20 iterations: restarted cold)";
  result.hjb_step_failures = ctx.hjb_step_failures;
  result.mass = mass_report(problem, state);
  result.total_s = now_seconds() - start;
  return result;
}

SolveResult solve_into(const Problem& problem, const SolveOptions& options, double* u_out, double* m_out) {
  MfgState state;
  SolveResult result = solve(problem, options, state);
  const Index n = problem.cells();
  Index k = 0;
  for (Index level : problem.stored_levels()) {
    std::copy(state.u.at(level), state.u.at(level) + n, u_out + k * n);
    std::copy(state.m.at(level), state.m.at(level) + n, m_out + k * n);
    ++k;
  }
  return result;
}

}  // namespace mfg
