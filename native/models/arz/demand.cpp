#include "demand.hpp"

#include <algorithm>
#include <cmath>

#include "scenario.hpp"

namespace mfg::arz {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

double unit_interval(std::uint64_t bits) { return (static_cast<double>(bits >> 11) + 0.5) * 0x1.0p-53; }

double demand_noise_factor(std::uint64_t seed, int source, int cls, std::int64_t interval, double sigma) {
  if (!(sigma > 0.0)) return 1.0;
  std::uint64_t key = splitmix64(seed);
  key = splitmix64(key ^ static_cast<std::uint64_t>(source));
  key = splitmix64(key ^ (static_cast<std::uint64_t>(cls) << 32));
  key = splitmix64(key ^ static_cast<std::uint64_t>(interval));
  // Box-Muller from two independent uniforms.
  const double u1 = unit_interval(key), u2 = unit_interval(splitmix64(key));
  const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  return std::exp(sigma * z - 0.5 * sigma * sigma);
}

double DemandProfile::at(double t) const {
  switch (kind) {
    case Kind::Constant: return value;
    case Kind::Formula: return std::max(0.0, formula.eval(&t) / 3600.0);
    case Kind::Table: break;
  }
  if (times.empty()) return 0.0;
  if (t <= times.front()) return values.front();
  if (t >= times.back()) return values.back();
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  const std::size_t k = static_cast<std::size_t>(it - times.begin());
  const double a = (t - times[k - 1]) / (times[k] - times[k - 1]);
  return values[k - 1] + a * (values[k] - values[k - 1]);
}

double DemandProfile::total(double horizon) const {
  // Midpoint rule on 1000 intervals: only used to tell an essentially empty scenario from a real one.
  if (kind == Kind::Constant) return value * horizon;
  const int n = 1000;
  double sum = 0.0;
  for (int k = 0; k < n; ++k) sum += at((k + 0.5) * horizon / n);
  return sum * horizon / n;
}

}  // namespace mfg::arz
