#include "batch.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace mfg::arz {

Batch::Batch(std::shared_ptr<const Scenario> scenario, const std::vector<std::uint64_t>& seeds) {
  sims_.reserve(seeds.size());
  for (std::uint64_t seed : seeds) sims_.emplace_back(scenario, seed);
}

Batch::Batch(const std::vector<std::shared_ptr<const Scenario>>& scenarios, const std::vector<std::uint64_t>& seeds) {
  if (scenarios.size() != seeds.size())
    throw std::invalid_argument("Batch: expected one seed per scenario, received " + std::to_string(seeds.size()) + " seeds for " +
                                std::to_string(scenarios.size()) + " scenarios");
  sims_.reserve(seeds.size());
  for (std::size_t i = 0; i < seeds.size(); ++i) sims_.emplace_back(scenarios[i], seeds[i]);
}

long long Batch::step(double seconds, int threads) {
  if (!std::isfinite(seconds) || seconds < 0.0)
    throw std::invalid_argument("step: expected a finite number of seconds >= 0, received " + std::to_string(seconds));
  const long long n = static_cast<long long>(sims_.size());
  long long steps = 0;
#ifdef _OPENMP
  const int team = threads > 0 ? threads : omp_get_max_threads();
  // Simulations may differ in cost (different seeds, demands): hand them out one at a time.
#pragma omp parallel for schedule(dynamic, 1) num_threads(team) reduction(+ : steps) if (n > 1 && team > 1)
  for (long long i = 0; i < n; ++i) steps += sims_[static_cast<std::size_t>(i)].step(seconds);
#else
  (void)threads;
  for (long long i = 0; i < n; ++i) steps += sims_[static_cast<std::size_t>(i)].step(seconds);
#endif
  return steps;
}

}  // namespace mfg::arz
