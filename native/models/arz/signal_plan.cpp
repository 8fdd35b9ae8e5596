#include "signal_plan.hpp"

#include <cmath>

namespace mfg::arz {

double SignalPlan::cycle() const {
  double c = 0.0;
  for (const auto& p : phases) c += p.duration + yellow + all_red;
  return c;
}

double SignalController::stage_length(const SignalPlan& plan) const {
  switch (stage_) {
    case SignalStage::Green: return plan.external ? INFINITY : plan.phases[static_cast<std::size_t>(phase_)].duration;
    case SignalStage::Yellow: return plan.yellow;
    default: return plan.all_red;
  }
}

void SignalController::enter(const SignalPlan& plan, SignalStage stage, int phase, double start) {
  stage_ = stage;
  phase_ = phase;
  stage_start_ = start;
  next_change_ = start + stage_length(plan);
  if (stage == SignalStage::Green && !plan.external) target_ = (phase + 1) % static_cast<int>(plan.phases.size());
}

void SignalController::reset(const SignalPlan& plan) {
  if (plan.external) {
    target_ = plan.initial_phase;
    enter(plan, SignalStage::Green, plan.initial_phase, 0.0);
    return;
  }
  // Phase 0's green starts at offset + k * cycle: find where t = 0 falls in the cycle.
  const double cycle = plan.cycle();
  double position = std::fmod(-plan.offset, cycle);
  if (position < 0.0) position += cycle;
  enter(plan, SignalStage::Green, 0, -position);
  advance_to(plan, 0.0, -1, nullptr);
}

void SignalController::advance_to(const SignalPlan& plan, double t, int junction, std::vector<SignalEvent>* log) {
  while (next_change_ <= t) {
    const double at = next_change_;
    if (stage_ == SignalStage::Green && plan.yellow > 0.0) enter(plan, SignalStage::Yellow, phase_, at);
    else if (stage_ != SignalStage::AllRed && plan.all_red > 0.0) enter(plan, SignalStage::AllRed, target_, at);
    else enter(plan, SignalStage::Green, target_, at);
    if (log) log->push_back({at, junction, phase_, stage_});
  }
}

void SignalController::request(const SignalPlan& plan, int phase, double t, int junction, std::vector<SignalEvent>* log) {
  if (stage_ == SignalStage::Green) {
    if (phase == phase_) return;
    target_ = phase;
    next_change_ = t;  // the green ends now
    advance_to(plan, t, junction, log);
    return;
  }
  if (phase == target_) return;
  target_ = phase;
  if (stage_ == SignalStage::AllRed) phase_ = phase;  // all-red reports the phase that comes next
}

std::uint32_t SignalController::green_mask(const SignalPlan& plan) const {
  if (stage_ == SignalStage::AllRed) return 0;
  return plan.phases[static_cast<std::size_t>(phase_)].green;
}

}  // namespace mfg::arz
