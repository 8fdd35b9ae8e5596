// ARZ on networks: conservation (closed ring, and inflow - outflow = change on a network with
// sources, sinks, diverges and merges), the source queues' accounting, and the invariant region
// (rho >= 0, each class below its own jam occupancy, no NaN) with queues at red lights.
#include <doctest/doctest.h>

#include "arz_helpers.hpp"

namespace mfg::arz {
namespace {

const char* const kReconstructions[] = {"first_order", "muscl_mc", "weno5z"};

Json with_reconstruction(Json spec, const char* reconstruction) {
  spec["numerics"]["reconstruction"] = reconstruction;
  spec["numerics"].erase("time_integrator");
  return spec;
}

// The invariant region: rho >= 0, finite velocities in [0, w_cap], and every class below its own jam:
// a gap-filling class (alpha < 1) has its occupancy s_i = (rho_i + alpha sum_j rho_j) / rho_jam <= 1;
// a class that sees every vehicle as one of its own (alpha = 1) has rho_i <= rho_jam (its s_i may
// exceed 1 where the gap-fillers squeezed in after it stopped, which is the point of alpha).
void check_invariant_region(const Simulation& sim) {
  const Scenario& sc = sim.scenario();
  double worst = 0.0, lowest = 0.0;
  bool in_range = true;
  for (int s = 0; s < static_cast<int>(sc.segments.size()); ++s) {
    const RoadLaw& law = sc.segments[static_cast<std::size_t>(s)].law;
    std::vector<std::vector<double>> rho;
    for (int c = 0; c < sc.class_count(); ++c) rho.push_back(test::density_of(sim, s, c));
    for (int c = 0; c < sc.class_count(); ++c) {
      const auto& own = rho[static_cast<std::size_t>(c)];
      std::vector<double> v(own.size());
      sim.velocity(s, c, v.data());
      for (std::size_t j = 0; j < own.size(); ++j) {
        in_range = in_range && std::isfinite(own[j]) && std::isfinite(v[j]) && v[j] >= 0.0 && v[j] <= sc.w_cap[c];
        lowest = std::min(lowest, own[j]);
        double others = 0.0;
        for (int k = 0; k < sc.class_count(); ++k) others += k == c ? 0.0 : rho[static_cast<std::size_t>(k)][j];
        const double occupancy = law.cls[c].alpha < 1.0 ? law.cls[c].occupancy(own[j], others) : own[j] * law.cls[c].inv_rho_jam;
        if (own[j] > 1e-6 * law.cls[c].rho_jam) worst = std::max(worst, occupancy);
      }
    }
  }
  CHECK(in_range);
  CHECK(lowest >= 0.0);
  CHECK(worst <= 1.0 + 1e-9);
}

}  // namespace

TEST_CASE("ARZ closed ring: the number of vehicles is conserved to round-off, with relaxation, for every scheme") {
  for (const char* r : kReconstructions) {
    INFO(r);
    Json spec = with_reconstruction(test::preset("arz-ring-stop-and-go.json"), r);
    spec["segments"][0]["cells"] = 100;
    Simulation sim(test::scenario_of(spec));
    const double initial = test::total_vehicles(sim);
    sim.step(300.0);
    CHECK(std::fabs(test::total_vehicles(sim) - initial) <= 1e-12 * initial);
    check_invariant_region(sim);
  }
}

TEST_CASE("ARZ ring of three segments through 1-1 junctions, one signalised: vehicles conserved to round-off") {
  Json spec = test::preset("arz-ring-stop-and-go.json");
  Json seg = spec["segments"][0];
  seg.erase("boundary");
  seg["length"] = 700;
  seg["cells"] = 28;
  spec["segments"] = Json::array();
  for (const char* id : {"a", "b", "c"}) {
    seg["id"] = id;
    spec["segments"].push_back(seg);
  }
  spec["junctions"] = {{{"id", "ab"}, {"in", {"a"}}, {"out", {"b"}}},
                       {{"id", "bc"}, {"in", {"b"}}, {"out", {"c"}}},
                       {{"id", "ca"}, {"in", {"c"}}, {"out", {"a"}},
                        {"signal", {{"phases", {{{"green", {"c"}}, {"duration", 30}}, {{"green", Json::array()}, {"duration", 20}}}}}}}};
  spec["detectors"] = Json::array();
  for (const char* r : kReconstructions) {
    INFO(r);
    Simulation sim(test::scenario_of(with_reconstruction(spec, r)));
    const double initial = test::total_vehicles(sim);
    sim.step(400.0);
    CHECK(std::fabs(test::total_vehicles(sim) - initial) <= 1e-12 * initial);
    check_invariant_region(sim);
  }
}

TEST_CASE("ARZ grid of four signalised 2 x 2 junctions: inflow - outflow = change to round-off; demand = inflow + queue") {
  for (const char* r : kReconstructions) {
    INFO(r);
    Json spec = with_reconstruction(test::preset("arz-grid-4-signals.json"), r);
    // Demand above what the entry roads take: the sources' queues must hold the rest.
    spec["sources"][0]["demand"] = {{"motorcycles", 5000}, {"cars", 1500}};
    Simulation sim(test::scenario_of(spec));
    const double initial = test::total_vehicles(sim);
    sim.step(600.0);
    const NetworkTotals t = sim.totals();
    double in = 0.0, out = 0.0, queued = 0.0;
    for (int c = 0; c < 2; ++c) in += t.inflow[c], out += t.outflow[c], queued += t.queued[c];
    CHECK(std::fabs(test::total_vehicles(sim) - (initial + in - out)) <= 1e-10 * (initial + in));
    double demanded = 0.0;
    for (const auto& src : sim.scenario().sources)
      for (int c = 0; c < 2; ++c) demanded += src.demand[c].value * 600.0;
    CHECK(queued > 10.0);
    CHECK(std::fabs(in + queued - demanded) <= 1e-9 * demanded);
    check_invariant_region(sim);
  }
}

TEST_CASE("ARZ seed corridor: queues at the red light stay below the jam occupancy, for every scheme") {
  for (const char* r : kReconstructions) {
    INFO(r);
    Simulation sim(test::scenario_of(with_reconstruction(test::preset("arz-seed-corridor.json"), r)));
    for (int k = 0; k < 20; ++k) {  // over several cycles, at red and at green
      sim.step(37.0);
      check_invariant_region(sim);
    }
  }
}

TEST_CASE("ARZ with the seed's pressure constants the spec warns that rho_jam is no bound, and queues exceed it") {
  Json spec = test::preset("arz-seed-corridor.json");
  for (auto& c : spec["classes"]) c.erase("K");  // back to the seed's 10 and 15 km/h
  const ScenarioParse parsed = read_scenario(spec);
  REQUIRE(parsed.ok);
  bool warned = false;
  for (const auto& w : parsed.warnings) warned = warned || (w.path == "classes.1.K" && w.message.find("rho_jam") != std::string::npos);
  CHECK(warned);
  Simulation sim(parsed.scenario);
  sim.step(60.0);  // the first red
  const auto motorcycles = test::density_of(sim, 0, 0), cars = test::density_of(sim, 0, 1);
  double occupancy = 0.0;  // of the motorcycles, (rho_m + 0.4 rho_c) / rho_jam
  for (std::size_t j = 0; j < cars.size(); ++j) occupancy = std::max(occupancy, (motorcycles[j] + 0.4 * cars[j]) / 0.25);
  CHECK(occupancy > 1.5);
}

}  // namespace mfg::arz
