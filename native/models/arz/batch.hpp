// A batch of independent simulations stepped in one call across threads (OpenMP): the vectorised
// environment of the RL issue. Each simulation runs on one thread with its own state, so a batch's
// results are bitwise those of stepping each simulation alone, whatever the number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "simulation.hpp"

namespace mfg::arz {

class Batch {
 public:
  // size simulations of one scenario, simulation i seeded with seeds[i] (seeds.size() == size).
  Batch(std::shared_ptr<const Scenario> scenario, const std::vector<std::uint64_t>& seeds);
  // One simulation per scenario (they may differ), seeded in order.
  Batch(const std::vector<std::shared_ptr<const Scenario>>& scenarios, const std::vector<std::uint64_t>& seeds);

  int size() const { return static_cast<int>(sims_.size()); }
  Simulation& operator[](int i) { return sims_[static_cast<std::size_t>(i)]; }
  const Simulation& operator[](int i) const { return sims_[static_cast<std::size_t>(i)]; }

  // Every simulation advances `seconds`; threads <= 0 uses OpenMP's default. Returns the total steps.
  long long step(double seconds, int threads = 0);

 private:
  std::vector<Simulation> sims_;
};

}  // namespace mfg::arz
