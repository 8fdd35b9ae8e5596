// Fixed-point coupling methods on the density: m <- (1 - w_k) m + w_k Phi(m), where Phi(m) is the
// density of agents that best respond to m (one backward HJB sweep, then one forward FP sweep).
//  - damped Picard: w_k = alpha (constant), as in the seed problem's solver;
//  - fictitious play: w_k = 1 / (k + 1), P. Cardaliaguet and S. Hadikhanloo, "Learning in mean field
//    games: the fictitious play", ESAIM: COCV 23(2), 2017. It converges for monotone couplings, but
//    only sublinearly (the averaged density forgets its past as 1/k).
#include <algorithm>
#include <cmath>

#include "driver.hpp"

namespace mfg {

double relative_change(const SpaceTimeField& a, const SpaceTimeField& b) {
  const double* pa = a.data();
  const double* pb = b.data();
  const double diff = parallel_max(a.size(), [&](Index i) { return std::fabs(pa[i] - pb[i]); });
  const double scale = parallel_max(b.size(), [&](Index i) { return std::fabs(pb[i]); });
  return scale > 0.0 ? diff / scale : diff;
}

// max_sweeps < 0: iterate until the driver stops. Otherwise (Newton's warm-up) stop after max_sweeps
// averaging steps with u the best response to the final m, and return Continue.
Verdict solve_fixed_point(SweepContext& ctx, IterationDriver& driver, MfgState& state, Phase phase, int max_sweeps, int stage,
                          int resume_sweep) {
  const double alpha = ctx.problem.spec.relaxation;
  SpaceTimeField response(state.m.cells(), state.m.levels());
  double change = 0.0;
  for (int k = std::max(resume_sweep, 0);; ++k) {
    // A resumed sweep was recorded (and checkpointed) already: continue with its averaging step.
    if (k != resume_sweep) {
      if (!solve_hjb_backward(ctx, state.m, state.u)) return Verdict::Cancelled;
      if (k == max_sweeps) return Verdict::Continue;
      // The pair (u, m) with u the best response to m: its coupled residual is the FP residual of m.
      Verdict v = driver.record(phase, coupled_residual(ctx, state), change);
      if (v == Verdict::Continue) v = driver.checkpoint_point({phase, stage, k}, state);
      if (v != Verdict::Continue) return v;
    }
    // The iterative FP step solves start from `response`: start them from the current m, which is
    // part of the state, so that a run resumed from a checkpoint repeats the same arithmetic.
    std::copy(state.m.data(), state.m.data() + state.m.size(), response.data());
    if (!solve_fp_forward(ctx, state.u, response)) return Verdict::Cancelled;
    const double w = phase == Phase::Picard ? alpha : 1.0 / (k + 1.0);
    change = w * relative_change(response, state.m);
    double* m = state.m.data();
    const double* r = response.data();
    parallel_for(state.m.size(), [&](Index i) { m[i] += w * (r[i] - m[i]); });
  }
}

}  // namespace mfg
