// Whether a checkpoint can continue a problem (issue 12): a checkpoint is a file, and a file can be
// damaged or edited. Every field the resume path trusts is checked here against the problem, so that a
// resumed solve either reproduces the uninterrupted one or is refused with the reason; nothing it
// holds may index past a stage, a sweep or an array.
#include <cmath>
#include <string>

#include "driver.hpp"
#include "solve.hpp"

namespace mfg {

namespace {

bool phase_allowed(Method method, Phase phase) {
  switch (method) {
    case Method::Picard: return phase == Phase::Picard;
    case Method::FictitiousPlay: return phase == Phase::FictitiousPlay;
    case Method::Newton:
    default: return phase == Phase::Warmup || phase == Phase::Continuation || phase == Phase::Newton;
  }
}

// The stage and sweep a checkpoint of `phase` can be written at (solve_fixed_point, solve_newton and
// solve_newton_with_continuation: the warm-up runs in stage 0; continuation stages are 0..S-1; the
// last stage S is the problem itself; Newton checkpoints carry sweep 0).
std::string position_problem(const Problem& p, const ResumePoint& at, int stages) {
  const std::string where = "phase " + std::string(phase_name(at.phase)) + ", stage " + std::to_string(at.stage) + ", sweep " + std::to_string(at.sweep);
  auto refuse = [&](const std::string& expected) { return "the checkpoint's position (" + where + ") is impossible: expected " + expected; };
  switch (at.phase) {
    case Phase::Warmup:
      if (at.stage != 0) return refuse("stage 0 (the warm-up runs in the first stage)");
      if (at.sweep < 0 || at.sweep >= p.spec.warmup_iterations)
        return refuse("a sweep from 0 to " + std::to_string(p.spec.warmup_iterations - 1) + " (solver.warmup_iterations)");
      return "";
    case Phase::Continuation:
      if (at.stage < 0 || at.stage >= stages) return refuse("a continuation stage from 0 to " + std::to_string(stages - 1));
      return at.sweep == 0 ? "" : refuse("sweep 0 in Newton's phases");
    case Phase::Newton:
      if (at.stage != stages) return refuse("stage " + std::to_string(stages) + " (the problem itself, after the continuation stages)");
      return at.sweep == 0 ? "" : refuse("sweep 0 in Newton's phases");
    case Phase::Picard:
    case Phase::FictitiousPlay:
    default:
      if (at.stage != 0) return refuse("stage 0 (fixed-point methods have no stages)");
      if (at.sweep < 0 || at.sweep >= p.spec.max_iterations) return refuse("a sweep from 0 to " + std::to_string(p.spec.max_iterations - 1));
      return "";
  }
}

std::string history_problem(const Problem& p, const Checkpoint& c) {
  const auto& h = c.history;
  if (h.empty()) return "the checkpoint has no iteration history (one is written after every recorded iteration)";
  if (int(h.size()) > p.spec.max_iterations)
    return "the checkpoint's history has " + std::to_string(h.size()) + " iterations, more than solver.max_iterations (" +
           std::to_string(p.spec.max_iterations) + ")";
  for (size_t i = 0; i < h.size(); ++i)
    if (h[i].iteration != int(i) + 1)
      return "the checkpoint's history is out of order: entry " + std::to_string(i + 1) + " says iteration " + std::to_string(h[i].iteration);
  if (h.back().phase != c.position.phase)
    return "the checkpoint's last iteration was in phase " + std::string(phase_name(h.back().phase)) + " but its position says " + phase_name(c.position.phase);
  return "";
}

std::string state_problem(const Problem& p, const Checkpoint& c, int stages) {
  const Index cells = p.spec.method == Method::Newton ? ContinuationPlan(p).problem(std::min(c.position.stage, stages)).cells() : p.cells();
  const MfgState& s = c.state;
  if (s.u.levels() != p.steps + 1 || s.u.cells() != cells || s.m.size() != s.u.size())
    return "the checkpoint's state has " + std::to_string(s.u.cells()) + " cells x " + std::to_string(s.u.levels()) + " time levels, expected " +
           std::to_string(cells) + " x " + std::to_string(p.steps + 1) + " for this spec at stage " + std::to_string(c.position.stage);
  for (Index k = 0; k < s.u.size(); ++k) {
    const double u = s.u.data()[k], m = s.m.data()[k];
    if (!std::isfinite(u) || !std::isfinite(m) || m < 0.0)
      return "the checkpoint's state is damaged: value " + std::to_string(k) + " is u = " + std::to_string(u) + ", m = " + std::to_string(m) +
             " (expected finite values and m >= 0)";
  }
  return "";
}

}  // namespace

std::string checkpoint_mismatch(const Problem& p, const Checkpoint& c) {
  if (!phase_allowed(p.spec.method, c.position.phase))
    return "the checkpoint was written in phase " + std::string(phase_name(c.position.phase)) + ", which method " + method_name(p.spec.method) +
           " does not have";
  const int stages = p.spec.method == Method::Newton ? ContinuationPlan(p).stages() : 0;
  std::string problem = position_problem(p, c.position, stages);
  if (problem.empty()) problem = history_problem(p, c);
  if (problem.empty()) problem = state_problem(p, c, stages);
  return problem;
}

bool resumable(const Problem& p, const Checkpoint* c) { return c != nullptr && checkpoint_mismatch(p, *c).empty(); }

}  // namespace mfg
