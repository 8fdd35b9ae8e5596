// Continuation in the viscosity for Newton's method. Newton converges fast near the solution but,
// from a poor start, small viscosity makes its global phase crawl (heavily damped steps). Solving a
// sequence of problems with decreasing viscosity, each from the last solution, keeps every Newton
// solve in its fast regime: Y. Achdou and I. Capuzzo-Dolcetta, SIAM J. Numer. Anal. 48(3), 2010,
// section 5 ("continuation with respect to nu"); Y. Achdou and M. Lauriere, "Mean field games and
// applications: numerical aspects", in: Mean Field Games, LNM 2281, 2020, section 3.
//
// Measured on the presets (1 core, outer iterations including 3 warm-up sweeps): two-targets 50
// without, 16 with (3.9x fewer instructions); log-coupling ring 32 without, 18 with; the seed problem
// 10 without, 13 with (the same time). Two stages (4 nu, 2 nu) cost less than three (8, 4, 2 nu) on
// all three presets; one stage left two-targets stagnating in Newton's global phase.
#include <algorithm>

#include "coarse_grid.hpp"
#include "driver.hpp"

namespace mfg {

namespace {

// Intermediate stages are solved only loosely: the next stage starts close enough either way.
constexpr double kStageTolerance = 1e-4;
constexpr int kStages = 2;  // 4 nu, 2 nu
// A warm start (the solution of nearby parameters) converges in a few Newton iterations or not at
// all (a large parameter jump): past this many, start again cold.
constexpr int kWarmStartIterations = 20;

std::vector<double> viscosity_stages(const Problem& p) {
  std::vector<double> stages;
  if (!p.spec.continuation) return stages;
  // With nu = 0 the scheme's own numerical diffusion (about h for unit speeds) sets the scale.
  const double nu = p.spec.viscosity > 0.0 ? p.spec.viscosity : 0.5 * p.grid.spacing(0);
  for (int k = kStages; k >= 1; --k) stages.push_back(nu * double(1 << k));
  return stages;
}

}  // namespace

ContinuationPlan::ContinuationPlan(const Problem& p) : problem_(p) {
  const std::vector<double> viscosities = viscosity_stages(p);
  // coarse[i]: the problem i + 1 halvings below the spec's grid, as far as the grid allows.
  std::vector<Problem> coarse;
  if (p.spec.coarse_grids) {
    const Problem* finer = &p;
    for (size_t i = 0; i < viscosities.size(); ++i) {
      Problem next;
      if (!coarsen_problem(*finer, next)) break;
      coarse.push_back(std::move(next));
      finer = &coarse.back();
    }
  }
  // Stage s of S runs S - s halvings down (the first stage on the coarsest grid).
  const int stages = int(viscosities.size());
  stage_problems_.reserve(size_t(stages));
  for (int s = 0; s < stages; ++s) {
    const size_t halvings = std::min(size_t(stages - s), coarse.size());
    stage_problems_.push_back(halvings == 0 ? p : coarse[halvings - 1]);
    stage_problems_.back().spec.viscosity = viscosities[size_t(s)];
  }
}

const Problem& ContinuationPlan::problem(int stage) const { return stage < stages() ? stage_problems_[size_t(stage)] : problem_; }

Verdict solve_newton_with_continuation(SweepContext& ctx, IterationDriver& driver, MfgState& state, bool warm_started,
                                       const ResumePoint* resume) {
  const Problem& p = ctx.problem;
  if (warm_started) {
    const Verdict v = solve_newton(ctx, driver, state, Phase::Newton, kWarmStartIterations);
    if (v == Verdict::Converged || v == Verdict::Cancelled || driver.exhausted()) return v;
    ctx.warm_start_abandoned = true;
    cold_start(p, state);
  }
  // Stages 0..S-1 have the continuation viscosities (and coarser grids), stage S is the problem
  // itself. The fictitious-play warm-up runs at the start of the first stage.
  const ContinuationPlan plan(p);
  const int stages = plan.stages();
  const int first = resume ? resume->stage : 0;
  // A fresh start begins on the first stage's grid; a resumed one has its stage's state already.
  if (!resume && plan.problem(first).cells() != state.u.cells()) cold_start(plan.problem(first), state);
  for (int stage = first; stage <= stages; ++stage) {
    const bool last = stage == stages;
    const Problem& stage_problem = plan.problem(stage);
    if (stage > first && stage_problem.cells() != state.u.cells()) {
      MfgState finer;
      prolong_state(plan.problem(stage - 1), state, stage_problem, finer);
      state = std::move(finer);
    }
    SweepContext stage_ctx(stage_problem, ctx.times, ctx.cancel_flag());
    stage_ctx.memory_budget_bytes = ctx.memory_budget_bytes;
    SweepContext& c = last ? ctx : stage_ctx;
    driver.set_tolerance(last ? p.spec.tolerance : std::max(kStageTolerance, p.spec.tolerance));
    const bool resuming_here = resume && stage == resume->stage;
    const bool resume_in_warmup = resuming_here && resume->phase == Phase::Warmup;
    if (stage == 0 && (!resuming_here || resume_in_warmup)) {
      const Verdict v = solve_fixed_point(c, driver, state, Phase::Warmup, p.spec.warmup_iterations, stage, resume_in_warmup ? resume->sweep : -1);
      if (v != Verdict::Continue && !(v == Verdict::Converged && !last)) return v;
    }
    const Verdict v = solve_newton(c, driver, state, last ? Phase::Newton : Phase::Continuation, -1, stage, resuming_here && !resume_in_warmup);
    if (last || v != Verdict::Converged) return v;
    if (driver.exhausted()) return Verdict::Exhausted;
  }
  return Verdict::Exhausted;
}

}  // namespace mfg
