// ARZ signals: a red approach passes no vehicle across its stop line (bitwise zero flux), yellow
// passes, all-red stops everything; external control through set_phase, with its transitions and
// its errors named.
#include <doctest/doctest.h>

#include "arz_helpers.hpp"

namespace mfg::arz {
namespace {

// The seed corridor with a detector on the stop line itself (the junction face) and first order.
Json corridor(const char* control) {
  Json spec = test::preset("arz-seed-corridor.json");
  spec["numerics"] = {{"reconstruction", "first_order"}};
  spec["junctions"][0]["signal"]["control"] = control;
  spec["detectors"] = {{{"id", "stop-line"}, {"segment", "upstream"}, {"position", 2500}, {"interval", 60}}};
  return spec;
}

double crossed(const Simulation& sim) {
  const DetectorTotals& t = sim.detector_totals(0);
  return t.count[0] + t.count[1];
}

}  // namespace

TEST_CASE("ARZ fixed-time signal: no vehicle crosses a red stop line; green and yellow pass") {
  // Plan: arterial green [0, 40), yellow [40, 43), all-red [43, 45), cross street green [45, 75)
  // and its yellow and all-red [75, 80): the arterial is stopped over [43, 80).
  Simulation sim(test::scenario_of(corridor("fixed")));
  sim.step(40.0);
  const double at_end_of_green = crossed(sim);
  CHECK(at_end_of_green > 10.0);
  sim.step(3.0);
  CHECK(sim.signal(0).stage == SignalStage::AllRed);
  const double after_yellow = crossed(sim);
  CHECK(after_yellow > at_end_of_green);  // yellow is part of the effective green
  sim.step(10.0);
  CHECK(sim.signal(0).stage == SignalStage::Green);
  CHECK(sim.signal(0).phase == 1);
  CHECK(sim.signal(0).green == 0U);
  sim.step(26.9);  // t = 79.9: still red
  CHECK(crossed(sim) == after_yellow);  // exactly: the flux across a red stop line is zero
  CHECK(sim.halted(0, 1, 5.0 / 3.6) > 5.0);  // a car queue formed behind it
  sim.step(5.0);  // green again from t = 80
  CHECK(crossed(sim) > after_yellow);
  // The log holds every change: t = 0 green, 40 yellow, 43 all-red, 45 green (cross), 75, 78, 80.
  std::vector<double> times;
  for (const auto& e : sim.signal_log()) times.push_back(e.time);
  CHECK(times == std::vector<double>{0, 40, 43, 45, 75, 78, 80});
}

TEST_CASE("ARZ external signal: set_phase switches through yellow and all-red, and red stops the flow") {
  Simulation sim(test::scenario_of(corridor("external")));
  sim.step(10.0);
  CHECK(sim.signal(0).phase == 0);
  sim.set_phase(0, 1);  // yellow [10, 13), all-red [13, 15), cross street green from 15
  CHECK(sim.signal(0).stage == SignalStage::Yellow);
  CHECK(sim.signal(0).target == 1);
  sim.step(5.0);
  const double at_red = crossed(sim);
  CHECK(sim.signal(0).phase == 1);
  sim.step(45.0);  // t = 60: held red by the controller, far beyond any fixed duration
  CHECK(crossed(sim) == at_red);
  sim.set_phase(0, 0);  // yellow of the cross street [60, 63) and all-red [63, 65): still stopped
  sim.step(5.0);
  CHECK(crossed(sim) == at_red);
  CHECK(sim.signal(0).phase == 0);
  CHECK(sim.signal(0).stage == SignalStage::Green);
  sim.step(5.0);
  CHECK(crossed(sim) > at_red);
  sim.set_phase(0, 0);  // already green: nothing changes
  CHECK(sim.signal(0).stage == SignalStage::Green);
}

TEST_CASE("ARZ set_phase refuses what it cannot do, naming the junction") {
  Simulation fixed(test::scenario_of(corridor("fixed")));
  CHECK_THROWS_WITH_AS(fixed.set_phase(0, 1), doctest::Contains("'signal' runs a fixed-time plan"), std::invalid_argument);
  Simulation external(test::scenario_of(corridor("external")));
  CHECK_THROWS_WITH_AS(external.set_phase(0, 2), doctest::Contains("phases 0..1, received 2"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(external.set_phase(3, 0), doctest::Contains("junction index 3 is out of range"), std::invalid_argument);
  CHECK_THROWS_AS(external.step(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(external.step(NAN), std::invalid_argument);
}

TEST_CASE("ARZ detectors aggregate per interval: flow, density, speed and occupancy consistent with q = k v") {
  Json spec = test::preset("arz-seed-corridor.json");
  spec["numerics"] = {{"reconstruction", "first_order"}};
  Simulation sim(test::scenario_of(spec));
  sim.step(300.0);
  const int d = sim.scenario().detector_index("x1250");
  const auto& records = sim.detector_records(d);
  REQUIRE(records.size() == 5);
  for (const auto& r : records) {
    CHECK(r.end - r.start == 60.0);
    for (int c = 0; c < 2; ++c) {
      CHECK(r.flow[c] > 0.0);
      CHECK(r.speed[c] * r.density[c] == doctest::Approx(r.flow[c]).epsilon(1e-12));
      CHECK(r.speed[c] <= 85.0 / 3.6);
    }
    CHECK(r.occupancy > 0.0);
    CHECK(r.occupancy < 1.0);
  }
  // Upstream of the signal the free-flow count over 5 minutes is the demand, 2100 veh/h, within 10%.
  const DetectorTotals& t = sim.detector_totals(sim.scenario().detector_index("x250"));
  CHECK((t.count[0] + t.count[1]) / 300.0 * 3600.0 == doctest::Approx(2100.0).epsilon(0.1));
}

}  // namespace mfg::arz
