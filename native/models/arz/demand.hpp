// Demand at sources: the profile q(t) of each class (scenario.hpp) and its optional random factor.
//
// The factor is log-normal with mean 1 (exp(sigma z - sigma^2 / 2), z standard normal), one per
// source, class and noise interval, drawn from a counter-based generator (splitmix64 of the seed and
// the indices; Steele, Lea & Flood 2014): the same seed gives the same demand whatever the step sizes,
// the order of calls or the number of threads, and nothing needs saving in a checkpoint.
#pragma once

#include <cstdint>

namespace mfg::arz {

std::uint64_t splitmix64(std::uint64_t x);
// Uniform in (0, 1) from a 64-bit hash.
double unit_interval(std::uint64_t bits);
double demand_noise_factor(std::uint64_t seed, int source, int cls, std::int64_t interval, double sigma);

}  // namespace mfg::arz
