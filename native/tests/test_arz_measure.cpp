// Zone measurements and measured batch steps (models/arz/measure.hpp and the batch functions of the
// C ABI used by python/mfgw/rl): they agree with the simulation's own counts, their integrals agree
// with the exact vehicle-seconds, they do not change the trajectory's bits beyond where the samples
// cut the steps, and the thread count changes nothing.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "arz_helpers.hpp"
#include "models/arz/batch.hpp"
#include "models/arz/c_api.h"
#include "models/arz/measure.hpp"

namespace mfg::arz {
namespace {

Json corridor() {
  Json spec = test::preset("arz-seed-corridor.json");
  spec["junctions"][0]["signal"]["control"] = "external";
  spec["numerics"] = {{"reconstruction", "first_order"}};
  return spec;
}

const std::vector<Zone> whole_corridor = {{0, 0, 100}, {1, 0, 100}};

}  // namespace

TEST_CASE("ARZ measure: zone counts are the simulation's, the delay of equilibrium traffic is rho / rho_jam") {
  Simulation sim(test::scenario_of(corridor()), 1);
  sim.set_phase(0, 1);  // red for the corridor: a queue forms upstream
  sim.step(120.0);
  std::vector<ZoneValues> v(3);
  measure_zones(sim, {{0, 0, 100}, {1, 0, 100}, {0, 90, 10}}, 5.0 / 3.6, v.data());
  for (int c = 0; c < 2; ++c) {
    CHECK(v[0].vehicles[c] == doctest::Approx(sim.vehicles(0, c)).epsilon(1e-12));
    CHECK(v[0].halted[c] == doctest::Approx(sim.halted(0, c, 5.0 / 3.6)).epsilon(1e-12));
    CHECK(v[2].halted[c] > 0.0);                       // the queue at the stop line
    CHECK(v[2].delay[c] >= v[2].halted[c] * 0.9);      // halted vehicles are (almost) fully delayed
    CHECK(v[2].delay[c] <= v[2].vehicles[c] + 1e-12);  // delay <= vehicles
    CHECK(v[0].vehicle_time[c] == 0.0);
  }
  Simulation empty(test::scenario_of(corridor()), 1);
  measure_zones(empty, {{1, 0, 100}}, 5.0 / 3.6, v.data());
  // At t = 0 the cars are at equilibrium, v = Vmax (1 - rho / rho_jam) with rho = 40 + 20 veh/km, so
  // their delay fraction 1 - v / Vmax is exactly 60 / 250.
  CHECK(v[0].delay[1] == doctest::Approx(0.24 * v[0].vehicles[1]).epsilon(1e-12));
  CHECK_THROWS_WITH_AS(check_zones(sim.scenario(), {{0, 95, 10}}), doctest::Contains("zones[0]: cells 95 + 10"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(check_zones(sim.scenario(), {{0, 0, 1}, {7, 0, 1}}), doctest::Contains("zones[1]: segment 7"), std::invalid_argument);
}

TEST_CASE("ARZ measure: a measured step is the plain step cut at the samples, its integrals the exact ones, for any thread count") {
  const auto scenario = test::scenario_of(corridor());
  Batch measured(scenario, {3, 4}), plain(scenario, {3, 4});
  measured[1].set_phase(0, 1), plain[1].set_phase(0, 1);
  std::vector<ZoneValues> out(4);
  std::vector<double> queue(4);
  const double vs_before = measured[1].totals().vehicle_seconds[0];
  advance_measured(measured, 60.0, 5.0, 1, whole_corridor, 5.0 / 3.6, out.data(), queue.data());
  for (int k = 0; k < 12; ++k) plain.step(5.0, 1);
  for (int i = 0; i < 2; ++i) {
    const auto a = test::density_of(measured[i], 0, 1), b = test::density_of(plain[i], 0, 1);
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
  }
  // The trapezoid sum over 5 s samples against the exact integral of the vehicles on the network.
  const double exact = measured[1].totals().vehicle_seconds[0] - vs_before;
  CHECK(out[2].vehicle_time[0] + out[3].vehicle_time[0] == doctest::Approx(exact).epsilon(2e-3));
  CHECK(out[2].halted_time[0] > 0.0);
  CHECK(out[2].stops[0] > 0.0);
  CHECK(out[2].halted[0] == doctest::Approx(measured[1].halted(0, 0, 5.0 / 3.6)).epsilon(1e-12));

  Batch two(scenario, {3, 4});
  two[1].set_phase(0, 1);
  std::vector<ZoneValues> out2(4);
  std::vector<double> queue2(4);
  advance_measured(two, 60.0, 5.0, 2, whole_corridor, 5.0 / 3.6, out2.data(), queue2.data());
  CHECK(std::memcmp(out.data(), out2.data(), out.size() * sizeof(ZoneValues)) == 0);
  CHECK(std::memcmp(queue.data(), queue2.data(), queue.size() * sizeof(double)) == 0);
  CHECK_THROWS_AS(advance_measured(two, 60.0, 0.0, 1, whole_corridor, 1.0, out2.data(), nullptr), std::invalid_argument);
}

TEST_CASE("ARZ C ABI: batch signals, totals, measure and advance, with buffers and zones checked") {
  const std::string spec = corridor().dump();
  const uint64_t seeds[2] = {1, 2};
  mfg_arz_batch* batch = nullptr;
  REQUIRE(mfg_arz_batch_create(spec.c_str(), 2, seeds, &batch) == MFG_ARZ_OK);
  const int32_t phases[2] = {-1, 1};
  REQUIRE(mfg_arz_batch_set_phases(batch, phases, 2) == MFG_ARZ_OK);
  const mfg_arz_zone zones[2] = {{0, 0, 100}, {1, 0, 100}};
  mfg_arz_zone_values out[4];
  double queue[4];
  CHECK(mfg_arz_batch_advance(batch, 30.0, 5.0, 1, zones, 2, 1.0, out, 3, queue, 4) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("out holds 3 entries; expected at least 4") == 0);
  const mfg_arz_zone bad[1] = {{0, 0, 101}};
  CHECK(mfg_arz_batch_measure(batch, bad, 1, 1.0, out, 4) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("zones[0]") == 0);
  REQUIRE(mfg_arz_batch_advance(batch, 30.0, 5.0, 2, zones, 2, 1.0, out, 4, queue, 4) == MFG_ARZ_OK);
  mfg_arz_signal signals[2];
  REQUIRE(mfg_arz_batch_signals(batch, signals, 2) == MFG_ARZ_OK);
  CHECK(signals[0].phase == 0);
  CHECK(signals[1].target == 1);
  CHECK(signals[1].stage == MFG_ARZ_GREEN);  // 3 s yellow + 2 s all-red are over after 30 s
  CHECK(signals[1].phase == 1);
  mfg_arz_totals totals[2];
  REQUIRE(mfg_arz_batch_totals(batch, totals, 2) == MFG_ARZ_OK);
  mfg_arz_sim* second = nullptr;
  REQUIRE(mfg_arz_batch_sim(batch, 1, &second) == MFG_ARZ_OK);
  double vehicles = 0.0;
  REQUIRE(mfg_arz_sim_vehicles(second, 1, 0, 1.0, &vehicles, nullptr) == MFG_ARZ_OK);
  CHECK(out[3].vehicles[0] == doctest::Approx(vehicles).epsilon(1e-12));
  CHECK(totals[1].on_network[0] == doctest::Approx(out[2].vehicles[0] + out[3].vehicles[0]).epsilon(1e-12));
  mfg_arz_zone_values now[4];
  REQUIRE(mfg_arz_batch_measure(batch, zones, 2, 1.0, now, 4) == MFG_ARZ_OK);
  CHECK(now[3].vehicles[1] == out[3].vehicles[1]);
  CHECK(now[3].vehicle_time[1] == 0.0);
  CHECK(mfg_arz_batch_signals(batch, signals, 1) == MFG_ARZ_INVALID_ARGUMENT);
  mfg_arz_batch_destroy(batch);
}

}  // namespace mfg::arz
