// ARZ spec reader: the minimal one-segment form (docs/traffic.md) stays accepted; units are
// converted once (veh/km, km/h, veh/h to SI); defaults are the seed's base configuration; every
// problem is refused with the field's path, what was expected and what was received.
#include <doctest/doctest.h>

#include "arz_helpers.hpp"

namespace mfg::arz {
namespace {

// The minimal form of docs/traffic.md, verbatim.
const char* const kMinimal = R"spec({
  "model": "arz",
  "classes": [{"name": "cars"}],
  "segments": [{"length": 5000, "cells": 200,
                "initial": {"cars": {"density": "30 + 20 * exp(-((x - 2500) / 300)^2)", "velocity": "50"}}}],
  "time": {"horizon": 600, "output_interval": 10},
  "numerics": {"reconstruction": "weno5z", "cfl": 0.5}
})spec";

Json parsed_json(const char* text) {
  Json j;
  std::string error;
  REQUIRE(parse_json(text, j, error));
  return j;
}

Json minimal() { return parsed_json(kMinimal); }

std::vector<double> in_kmh(std::vector<double> speeds) {
  for (double& v : speeds) v = std::round(v * 3.6 * 1e9) / 1e9;
  return speeds;
}

// The first issue of a refused spec, as "path: message".
std::string refusal(const Json& spec) {
  const ScenarioParse parsed = read_scenario(spec);
  REQUIRE_FALSE(parsed.ok);
  return format_issue(parsed.issues.front());
}

std::string refusal(Json spec, const Json& patch) {
  spec.merge_patch(patch);
  return refusal(spec);
}

}  // namespace

TEST_CASE("ARZ spec: the minimal one-segment form is accepted, with transmissive ends and the seed's car defaults") {
  const ScenarioParse parsed = read_scenario(std::string(kMinimal));
  REQUIRE(parsed.ok);
  CHECK(parsed.warnings.size() == 1);  // K = 15 km/h < 75 km/h: rho_jam is no bound (see the network tests)
  const Scenario& sc = *parsed.scenario;
  REQUIRE(sc.segments.size() == 1);
  CHECK(sc.segments[0].upstream.kind == EndKind::Transmissive);
  CHECK(sc.segments[0].downstream.kind == EndKind::Transmissive);
  CHECK(sc.segments[0].dx == 25.0);
  const VehicleClass& cars = sc.classes[0];
  CHECK(cars.K == doctest::Approx(15.0 / 3.6));
  CHECK(cars.gamma == 2.0);
  CHECK(cars.tau == 10.0);
  CHECK(cars.creep == 0.0);
  CHECK(in_kmh(cars.vmax) == std::vector<double>{75, 60, 35, 25, 10});
  CHECK(sc.numerics.reconstruction == Reconstruction::Weno5z);
  CHECK(sc.numerics.integrator == TimeIntegrator::SspRk3);
  CHECK(sc.horizon == 600.0);
  CHECK(sc.output_interval == 10.0);
  // veh/km and km/h in, SI inside: the first cell holds ~30 veh/km = 0.03 veh/m moving at 50 km/h.
  Simulation sim(parsed.scenario);
  const auto rho = test::density_of(sim, 0, 0);
  std::vector<double> v(rho.size());
  sim.velocity(0, 0, v.data());
  CHECK(rho[0] == doctest::Approx(0.030).epsilon(1e-6));
  CHECK(v[0] == doctest::Approx(50.0 / 3.6).epsilon(1e-12));
  sim.step(60.0);
  for (double r : test::density_of(sim, 0, 0)) CHECK(std::isfinite(r));
}

TEST_CASE("ARZ spec: motorcycle defaults, lanes, speed limits, demands and capacities in the engineer's units") {
  Json spec = test::preset("arz-seed-corridor.json");
  spec["classes"][0].erase("K");
  spec["segments"][0]["lanes"] = 2;
  spec["segments"][1]["speed_limit"] = 40;
  spec["sources"][0]["demand"] = {{"motorcycles", 3600}, {"cars", "1800 * (t < 600)"}};
  spec["sinks"][0]["capacity"] = 7200;
  const auto sc = test::scenario_of(spec);
  const VehicleClass& m = sc->classes[0];
  CHECK(m.K == doctest::Approx(10.0 / 3.6));
  CHECK(m.gamma == 1.5);
  CHECK(m.alpha == 0.4);
  CHECK(m.tau == 5.0);
  CHECK(m.creep == doctest::Approx(5.0 / 3.6));
  CHECK(in_kmh(m.vmax) == std::vector<double>{85, 70, 50, 45, 30});
  CHECK(sc->segments[0].law.cls[0].rho_jam == doctest::Approx(0.5));  // 250 veh/km per lane x 2
  CHECK(sc->segments[1].vmax[1][0] == doctest::Approx(40.0 / 3.6));   // min(60 km/h for R = 2, the limit)
  CHECK(sc->segments[1].vmax[0][0] == doctest::Approx(40.0 / 3.6));
  CHECK(sc->sources[0].demand[0].at(0.0) == doctest::Approx(1.0));      // veh/s
  CHECK(sc->sources[0].demand[1].at(599.0) == doctest::Approx(0.5));
  CHECK(sc->sources[0].demand[1].at(601.0) == 0.0);
  CHECK(sc->sinks[0].capacity == doctest::Approx(2.0));
  CHECK(sc->detectors[2].face == 99);  // 2475 m in cells of 25 m
}

TEST_CASE("ARZ spec: units mistakes are loud — a density above rho_jam is refused, an empty road refused, veh/m warned") {
  CHECK(refusal(minimal(), parsed_json(R"({"segments": [{"length": 5000, "cells": 200, "initial": {"cars": {"density": "300"}}}]})")) ==
        "segments.0.initial: the total density reaches 300 veh/km at x = 2.81754 m, above the jam density 250 veh/km "
        "(physics.rho_jam x lanes); expected densities in veh/km below it");
  const std::string empty = refusal(minimal(), parsed_json(R"({"segments": [{"length": 5000, "cells": 200, "initial": {"cars": {"density": "0.00003"}}}]})"));
  CHECK(empty.find("the scenario is essentially empty: 0.00015 vehicles") == 0);
  Json seed_mistake = minimal();
  seed_mistake["segments"][0]["initial"]["cars"]["density"] = "0.03 * 1000 / 1000 + 0.2";  // 0.23 veh/km: 1.15 vehicles
  const ScenarioParse parsed = read_scenario(seed_mistake);
  REQUIRE(parsed.ok);
  bool warned = false;
  for (const auto& w : parsed.warnings) warned = warned || w.path == "segments.0.initial.cars.density";
  CHECK(warned);
}

TEST_CASE("ARZ spec: every refusal names the field, what was expected and what was received") {
  const Json m = minimal();
  CHECK(refusal(m, parsed_json(R"({"segmnets": 1})")) == "segmnets: unknown key 'segmnets'; did you mean 'segments'?");
  CHECK(refusal(m, parsed_json(R"({"model": "mfg"})")) == "model: expected one of \"arz\", received \"mfg\" (a string)");
  CHECK(refusal(m, parsed_json(R"({"classes": [{"name": "cars", "gamma": 0.5}]})")) == "classes.0.gamma: expected a number in [1, 5], received 0.5");
  CHECK(refusal(m, parsed_json(R"({"classes": [{"name": "cars"}, {"name": "bikes", "vmax": [30]}]})")) ==
        "classes.1.vmax: expected as many road categories as classes.0.vmax (5), received 1");
  CHECK(refusal(m, parsed_json(R"({"segments": [{"length": -1, "cells": 3}]})")) == "segments.0.length: expected a number in (0, 10000000], received -1");
  CHECK(refusal(m, parsed_json(R"({"segments": [{"length": 100}]})")) == "segments.0.cells: missing required key 'cells'; expected the number of finite volumes");
  CHECK(refusal(m, parsed_json(R"({"segments": [{"length": 100, "cells": 4, "initial": {"cars": {"density": "30 +"}}}]})")).find(
            "segments.0.initial.cars.density: formula \"30 +\":") == 0);
  CHECK(refusal(m, parsed_json(R"({"segments": [{"length": 100, "cells": 4, "initial": {"cars": {"density": "30", "velocity": "-5"}}}]})")) ==
        "segments.0.initial.cars.velocity: expected a velocity in [0, 400] km/h everywhere, received -5 at x = 2.81754 m");
  CHECK(refusal(m, parsed_json(R"({"segments": [{"length": 100, "cells": 4, "quality": 7, "initial": {"cars": {"density": "30"}}}]})")) ==
        "segments.0.quality: expected a road category from 1 to 5 (one per entry of the classes' vmax), received 7 at x = 12.5 m");
  CHECK(refusal(m, parsed_json(R"({"numerics": {"cfl": 1.5}})")) == "numerics.cfl: expected a number in (0, 1], received 1.5");
  CHECK(refusal(m, parsed_json(R"({"time": {"horizon": null}})")) == "time.horizon: missing required key 'horizon'; expected the simulated time in s");
  const ScenarioParse broken = read_scenario(std::string("{\"model\": \"arz\","));
  REQUIRE_FALSE(broken.ok);
  CHECK(broken.issues.front().path.empty());
}

TEST_CASE("ARZ spec: network references are checked by name") {
  const Json corridor = test::preset("arz-seed-corridor.json");
  Json j = corridor;
  j["junctions"][0]["out"] = {"downstrem"};
  CHECK(refusal(j) == "junctions.0.out.0: expected the id of a segment (upstream, downstream), received \"downstrem\" (a string); did you mean \"downstream\"?");
  j = corridor;
  j["sinks"][0]["segment"] = "upstream";
  CHECK(refusal(j) == "sinks.0.segment: the downstream (end) of segment 'upstream' is already attached to another junction, source or sink; expected each end used once");
  j = corridor;
  j["junctions"][0]["signal"]["phases"][1]["green"] = {"downstream"};
  CHECK(refusal(j) == "junctions.0.signal.phases.1.green.0: expected an incoming segment of junction 'signal', received \"downstream\"");
  j = corridor;
  j["junctions"][0]["turning"] = {{0.5}};
  CHECK(refusal(j) == "junctions.0.turning.0: expected ratios that sum to 1, received a sum of 0.5");
  j = corridor;
  j["detectors"][0]["position"] = 3000;
  CHECK(refusal(j) == "detectors.0.position: expected a number in [0, 2500], received 3000");
  j = corridor;
  j["sources"][0]["demand"]["trucks"] = 10;
  CHECK(refusal(j) == "sources.0.demand.trucks: expected a class name, received \"trucks\"");
  j = corridor;
  j["segments"][1]["boundary"] = "periodic";
  CHECK(refusal(j) == "junctions.0.out.0: segment 'downstream' is periodic; expected a segment whose ends are free to attach");
  j = corridor;
  j["junctions"][0]["out"] = {"downstream", "upstream"};
  CHECK(refusal(j).find("junctions.0.turning: missing required key 'turning'") == 0);
}

}  // namespace mfg::arz
