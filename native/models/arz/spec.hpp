// Reading an ARZ spec ({"model": "arz", ...}, docs/traffic.md) into a Scenario.
//
// Units in the spec are the traffic engineer's: densities veh/km (rho_jam per lane), speeds km/h,
// flows and demands veh/h, lengths and positions m, times s. They are converted to SI once, here.
// Every problem is reported with the field's path, what was expected and what was received; a
// density above the jam density and a scenario with essentially no vehicles are refused (the seed's
// default road was silently empty because 0.03 veh/m had been read as veh/km).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/mfg/spec_json.hpp"
#include "scenario.hpp"

namespace mfg::arz {

struct ScenarioParse {
  bool ok = false;
  std::shared_ptr<const Scenario> scenario;  // set when ok
  std::vector<SpecIssue> issues;             // errors: the spec is refused
  std::vector<SpecIssue> warnings;           // accepted, but probably not what was meant
};

ScenarioParse read_scenario(const Json& spec);
// JSON text; a syntax error is reported as an issue at the document ("").
ScenarioParse read_scenario(const std::string& text);

// Unit conversions of the spec.
constexpr double kKmh = 1.0 / 3.6;      // km/h -> m/s
constexpr double kPerKm = 1e-3;         // veh/km -> veh/m
constexpr double kPerHour = 1.0 / 3600; // veh/h -> veh/s

}  // namespace mfg::arz
