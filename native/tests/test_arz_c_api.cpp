// The C ABI (libmfg_arz.so, models/arz/c_api.h): versioned, error-returning, with messages that name
// the problem; a batch through it matches the C++ API bitwise.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "arz_helpers.hpp"
#include "models/arz/batch.hpp"
#include "models/arz/c_api.h"

namespace mfg::arz {
namespace {

std::string external_corridor() {
  Json spec = test::preset("arz-seed-corridor.json");
  spec["junctions"][0]["signal"]["control"] = "external";
  spec["numerics"] = {{"reconstruction", "first_order"}};
  return spec.dump();
}

Json spec_json(const std::string& text) {
  Json j;
  std::string error;
  REQUIRE(parse_json(text, j, error));
  return j;
}

}  // namespace

TEST_CASE("ARZ C ABI: version, refusals with the field named, NULLs and small buffers refused") {
  CHECK(mfg_arz_abi_version() == MFG_ARZ_ABI_VERSION);
  mfg_arz_sim* sim = nullptr;
  CHECK(mfg_arz_sim_create("{\"model\": \"arz\"}", 0, &sim) == MFG_ARZ_INVALID_SPEC);
  CHECK(sim == nullptr);
  CHECK(std::string(mfg_arz_last_error()).find("classes: missing required key 'classes'") != std::string::npos);
  CHECK(mfg_arz_sim_create(nullptr, 0, &sim) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(mfg_arz_sim_step(nullptr, 1.0) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("sim is NULL") == 0);

  const std::string spec = external_corridor();
  char warnings[512];
  CHECK(mfg_arz_validate(spec.c_str(), warnings, sizeof warnings) == MFG_ARZ_OK);
  CHECK(std::string(warnings).empty());
  REQUIRE(mfg_arz_sim_create(spec.c_str(), 3, &sim) == MFG_ARZ_OK);
  CHECK(std::string(mfg_arz_last_error()).empty());
  mfg_arz_sizes sizes{};
  REQUIRE(mfg_arz_sim_sizes(sim, &sizes) == MFG_ARZ_OK);
  CHECK(sizes.classes == 2);
  CHECK(sizes.segments == 2);
  CHECK(sizes.junctions == 1);
  CHECK(sizes.detectors == 6);
  int32_t index = -1;
  CHECK(mfg_arz_sim_index(sim, MFG_ARZ_DETECTOR, "stop-line", &index) == MFG_ARZ_OK);
  CHECK(index == 2);
  CHECK(mfg_arz_sim_index(sim, MFG_ARZ_JUNCTION, "nowhere", &index) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("the scenario has: signal") != std::string::npos);
  CHECK(mfg_arz_sim_set_phase(sim, 0, 5) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("phases 0..1, received 5") != std::string::npos);
  CHECK(mfg_arz_sim_step(sim, -1.0) == MFG_ARZ_INVALID_ARGUMENT);
  double small[10];
  CHECK(mfg_arz_sim_density(sim, 0, 0, small, 10) == MFG_ARZ_INVALID_ARGUMENT);
  CHECK(std::string(mfg_arz_last_error()).find("the segment has 100 cells") != std::string::npos);
  mfg_arz_sim_destroy(sim);
}

TEST_CASE("ARZ C ABI: a simulation and a batch step, set phases and report like the C++ API, bitwise") {
  const std::string spec = external_corridor();
  mfg_arz_sim* sim = nullptr;
  REQUIRE(mfg_arz_sim_create(spec.c_str(), 5, &sim) == MFG_ARZ_OK);
  REQUIRE(mfg_arz_sim_set_phase(sim, 0, 1) == MFG_ARZ_OK);
  REQUIRE(mfg_arz_sim_step(sim, 60.0) == MFG_ARZ_OK);
  Simulation cpp(test::scenario_of(spec_json(spec)), 5);
  cpp.set_phase(0, 1);
  cpp.step(60.0);
  double t = 0.0;
  CHECK(mfg_arz_sim_time(sim, &t) == MFG_ARZ_OK);
  CHECK(t == 60.0);
  mfg_arz_signal signal{};
  REQUIRE(mfg_arz_sim_signal(sim, 0, &signal) == MFG_ARZ_OK);
  CHECK(signal.phase == 1);
  CHECK(signal.stage == MFG_ARZ_GREEN);
  CHECK(signal.green == 0U);
  std::vector<double> rho(100), expected = test::density_of(cpp, 0, 1);
  REQUIRE(mfg_arz_sim_density(sim, 0, 1, rho.data(), rho.size()) == MFG_ARZ_OK);
  CHECK(std::memcmp(rho.data(), expected.data(), rho.size() * sizeof(double)) == 0);
  double vehicles = 0.0, halted = 0.0;
  REQUIRE(mfg_arz_sim_vehicles(sim, 0, 1, 5.0 / 3.6, &vehicles, &halted) == MFG_ARZ_OK);
  CHECK(vehicles == cpp.vehicles(0, 1));
  CHECK(halted > 0.0);
  mfg_arz_totals totals{};
  REQUIRE(mfg_arz_sim_totals(sim, &totals) == MFG_ARZ_OK);
  CHECK(totals.inflow[0] == cpp.totals().inflow[0]);
  int32_t records = 0;
  REQUIRE(mfg_arz_sim_detector_record_count(sim, 0, &records) == MFG_ARZ_OK);
  CHECK(records == 1);
  mfg_arz_detector_record record{};
  REQUIRE(mfg_arz_sim_detector_record(sim, 0, 0, &record) == MFG_ARZ_OK);
  CHECK(record.flow[0] == cpp.detector_records(0)[0].flow[0]);
  mfg_arz_sim_destroy(sim);

  const uint64_t seeds[3] = {1, 2, 3};
  mfg_arz_batch* batch = nullptr;
  REQUIRE(mfg_arz_batch_create(spec.c_str(), 3, seeds, &batch) == MFG_ARZ_OK);
  const int32_t phases[3] = {1, -1, 1};
  CHECK(mfg_arz_batch_set_phases(batch, phases, 2) == MFG_ARZ_INVALID_ARGUMENT);  // 3 x 1 entries expected
  REQUIRE(mfg_arz_batch_set_phases(batch, phases, 3) == MFG_ARZ_OK);
  REQUIRE(mfg_arz_batch_step(batch, 60.0, 2) == MFG_ARZ_OK);
  std::vector<mfg_arz_detector_totals> det(3 * 6);
  REQUIRE(mfg_arz_batch_detector_totals(batch, det.data(), det.size()) == MFG_ARZ_OK);
  Batch cpp_batch(test::scenario_of(spec_json(spec)), {1, 2, 3});
  cpp_batch[0].set_phase(0, 1);
  cpp_batch[2].set_phase(0, 1);
  cpp_batch.step(60.0, 1);
  for (int i = 0; i < 3; ++i)
    for (int d = 0; d < 6; ++d) {
      const auto& a = det[static_cast<std::size_t>(i * 6 + d)];
      const auto& b = cpp_batch[i].detector_totals(d);
      CHECK(std::memcmp(a.count, b.count, sizeof a.count) == 0);
      CHECK(a.time == b.time);
    }
  mfg_arz_sim* borrowed = nullptr;
  REQUIRE(mfg_arz_batch_sim(batch, 1, &borrowed) == MFG_ARZ_OK);
  REQUIRE(mfg_arz_sim_signal(borrowed, 0, &signal) == MFG_ARZ_OK);
  CHECK(signal.phase == 0);     // -1 left simulation 1 alone
  mfg_arz_sim_destroy(borrowed);  // borrowed: does nothing
  REQUIRE(mfg_arz_batch_reset(batch, 1, 9) == MFG_ARZ_OK);
  REQUIRE(mfg_arz_sim_time(borrowed, &t) == MFG_ARZ_OK);
  CHECK(t == 0.0);
  mfg_arz_batch_destroy(batch);
}

}  // namespace mfg::arz
