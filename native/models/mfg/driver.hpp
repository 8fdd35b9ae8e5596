// Bookkeeping shared by the coupling methods: one record per outer iteration, the stopping test,
// divergence and cancellation, and the iteration budget.
#pragma once

#include "solve.hpp"

namespace mfg {

enum class Verdict { Continue, Converged, Diverged, Exhausted, Cancelled, Interrupted };

class IterationDriver {
 public:
  IterationDriver(const Problem& problem, const SolveOptions& options, SolveResult& result, double start_time);

  // Records an iterate and decides what happens next.
  Verdict record(Phase phase, const ResidualNorms& norms, double change, int linear_iterations = 0);
  bool cancelled() const { return options_.cancel && options_.cancel->load(std::memory_order_relaxed); }
  // The iteration budget is spent (a stage that converged on its last iteration starts no other).
  bool exhausted() const { return iterations() >= problem_.spec.max_iterations; }

  // Called after a recorded iteration that continues, with the position to resume from and the
  // state: writes a checkpoint when one is due (every N iterations, every M seconds, or requested).
  // Returns Interrupted when the checkpoint was requested (SIGUSR1): the solve stops there.
  Verdict checkpoint_point(const ResumePoint& position, const MfgState& state);
  int iterations() const { return static_cast<int>(result_.history.size()); }
  // The stopping tolerance of the current stage (looser for continuation stages).
  double tolerance() const { return tolerance_; }
  void set_tolerance(double tolerance) { tolerance_ = tolerance; }

 private:
  const Problem& problem_;
  const SolveOptions& options_;
  SolveResult& result_;
  double start_time_;
  double tolerance_;
  double last_checkpoint_time_;
  int last_checkpoint_iteration_;
};

// max |a - b| / max |b| over all of a space-time field.
double relative_change(const SpaceTimeField& a, const SpaceTimeField& b);

// max_sweeps < 0: iterate until the driver stops. Otherwise (Newton's warm-up) stop after max_sweeps
// averaging steps with u the best response to the final m, and return Continue. `stage` is recorded
// in checkpoints; `resume_sweep` >= 0 continues right after the recorded sweep of that index.
Verdict solve_fixed_point(SweepContext& ctx, IterationDriver& driver, MfgState& state, Phase phase, int max_sweeps, int stage = 0,
                          int resume_sweep = -1);
// Newton on the coupled system of ctx.problem, recording iterations under `phase`; at most
// `iteration_cap` iterations of this call (then Exhausted), unlimited when negative.
// `resumed`: the state was recorded already (it comes from a checkpoint): go straight to the step.
Verdict solve_newton(SweepContext& ctx, IterationDriver& driver, MfgState& state, Phase phase = Phase::Newton, int iteration_cap = -1,
                     int stage = 0, bool resumed = false);

// The cold start: the initial density at every time level (agents that stay put), u = 0.
void cold_start(const Problem& problem, MfgState& state);

// The stages of Newton's continuation: problem(s) for s < stages() is the problem with a larger
// viscosity, on a coarser grid where the spec's grid allows (coarse_grid.hpp); problem(stages()) is
// the problem itself.
class ContinuationPlan {
 public:
  explicit ContinuationPlan(const Problem& problem);
  int stages() const { return int(stage_problems_.size()); }
  const Problem& problem(int stage) const;

 private:
  const Problem& problem_;
  std::vector<Problem> stage_problems_;
};

// Newton preceded by fictitious-play warm-up and, when the spec asks for it, viscosity continuation.
Verdict solve_newton_with_continuation(SweepContext& ctx, IterationDriver& driver, MfgState& state, bool warm_started,
                                       const ResumePoint* resume = nullptr);

}  // namespace mfg
