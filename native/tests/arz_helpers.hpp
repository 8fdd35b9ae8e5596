// Shared helpers for the ARZ tests.
#pragma once

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/arz/simulation.hpp"
#include "models/arz/spec.hpp"

namespace mfg::arz::test {

inline std::shared_ptr<const Scenario> scenario_of(const Json& spec) {
  const ScenarioParse parsed = read_scenario(spec);
  if (!parsed.ok) throw std::runtime_error("test spec refused: " + format_issue(parsed.issues.front()));
  return parsed.scenario;
}

// A preset of assets/presets/arz/ as JSON.
inline Json preset(const std::string& file) {
  std::ifstream in(std::string(MFG_SOURCE_DIR) + "/../assets/presets/arz/" + file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  Json out;
  std::string error;
  if (!parse_json(text.str(), out, error)) throw std::runtime_error(file + ": " + error);
  return out;
}

inline std::vector<double> density_of(const Simulation& sim, int segment, int cls) {
  std::vector<double> out(static_cast<std::size_t>(sim.scenario().segments[static_cast<std::size_t>(segment)].cells));
  sim.density(segment, cls, out.data());
  return out;
}

// Least-squares slope of -log2(error) against the refinement level: the observed order.
inline double observed_order(const std::vector<double>& errors) {
  const double n = static_cast<double>(errors.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t k = 0; k < errors.size(); ++k) {
    const double x = static_cast<double>(k), y = -std::log2(errors[k]);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

inline double total_vehicles(const Simulation& sim) {
  double sum = 0.0;
  for (int s = 0; s < static_cast<int>(sim.scenario().segments.size()); ++s)
    for (int c = 0; c < sim.scenario().class_count(); ++c) sum += sim.vehicles(s, c);
  return sum;
}

}  // namespace mfg::arz::test
