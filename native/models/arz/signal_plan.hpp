// Traffic signals as junction controllers: a plan (phases, each naming the approaches that are
// green, with durations; yellow and all-red between phases; an offset) and the controller that
// follows it, either fixed-time (the cycle repeats) or external (a controller, e.g. the RL agent,
// requests phases; every change still passes through yellow and all-red).
//
// Stop-line model (the usual one of macroscopic signal models, e.g. Lighthill & Whitham 1955's
// bottleneck, Daganzo's cell transmission model 1995): a red approach has zero demand at its stop
// line, so no vehicle crosses it; green and yellow approaches flow (yellow is part of the effective
// green); all-red stops every approach.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace mfg::arz {

constexpr int kMaxApproaches = 32;  // incoming segments of one junction (bits of a green mask)

struct SignalPhase {
  std::string name;
  std::uint32_t green = 0;  // bit a: incoming segment a (in the junction's order) is green
  double duration = 30.0;   // s of green (fixed-time plans)
};

struct SignalPlan {
  std::vector<SignalPhase> phases;
  double yellow = 3.0, all_red = 2.0;  // s
  double offset = 0.0;                 // s: phase 0's green starts at offset + k * cycle
  bool external = false;
  int initial_phase = 0;               // external plans start green in this phase
  double cycle() const;
};

enum class SignalStage : unsigned char { Green, Yellow, AllRed };

struct SignalEvent {
  double time = 0.0;
  int junction = -1;
  int phase = 0;  // the phase green (Green), ending (Yellow), or next (AllRed)
  SignalStage stage = SignalStage::Green;
};

class SignalController {
 public:
  // The state at t = 0.
  void reset(const SignalPlan& plan);
  // Applies every change at or before t, logging them.
  void advance_to(const SignalPlan& plan, double t, int junction, std::vector<SignalEvent>* log);
  // External plans: start the change to `phase` at time t (no effect when it is already green or
  // already the target of the change under way).
  void request(const SignalPlan& plan, int phase, double t, int junction, std::vector<SignalEvent>* log);

  std::uint32_t green_mask(const SignalPlan& plan) const;
  double next_change() const { return next_change_; }
  int phase() const { return phase_; }
  int target() const { return target_; }
  SignalStage stage() const { return stage_; }
  double stage_start() const { return stage_start_; }

 private:
  void enter(const SignalPlan& plan, SignalStage stage, int phase, double start);
  double stage_length(const SignalPlan& plan) const;

  int phase_ = 0, target_ = 0;
  SignalStage stage_ = SignalStage::Green;
  double stage_start_ = 0.0, next_change_ = 0.0;
};

}  // namespace mfg::arz
