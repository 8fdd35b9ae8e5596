// Properties of computed solutions: mass conservation to round-off, m >= 0, no NaN; symmetry; the
// coupling methods agree on the same discrete solution; damped Picard reports failure honestly;
// divergence is detected; warm starts reach the same solution.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>

#include "helpers.hpp"

using namespace mfg;

namespace {

double max_difference(const SpaceTimeField& a, const SpaceTimeField& b) {
  double d = 0.0;
  for (Index i = 0; i < a.size(); ++i) d = std::max(d, std::fabs(a.data()[i] - b.data()[i]));
  return d;
}

void check_mass_and_positivity(const Problem& p, const MfgState& s) {
  const double volume = p.grid.cell_volume();
  for (Index level = 0; level <= p.steps; ++level) {
    double mass = 0.0;
    for (Index c = 0; c < p.cells(); ++c) {
      const double m = s.m.at(level)[c], u = s.u.at(level)[c];
      REQUIRE(std::isfinite(m));
      REQUIRE(std::isfinite(u));
      CHECK(m >= 0.0);
      mass += volume * m;
    }
    CHECK(std::fabs(mass - 1.0) <= 1e-12);
  }
}

SolveResult solve_spec(const Json& spec, MfgState& state) { return solve(test::problem_from(spec), {}, state); }

// A weakly coupled version of the seed problem on a small grid, where damped Picard converges.
Json weakly_coupled(double strength, const char* method, double tolerance, int max_iterations) {
  return test::seed_spec({{"domain", {{"points", {40}}}}, {"time", {{"steps", 40}}},
                          {"physics", {{"coupling", {{"strength", strength}}}, {"potential", "2*(x-0.5)^2"}}},
                          {"solver", {{"method", method}, {"tolerance", tolerance}, {"max_iterations", max_iterations}}}});
}

}  // namespace

// The 1D presets, level by level. The 2D/3D presets (exits: mass leaves) are solved under mfg-solve
// by native/tests/presets.test.ts, which checks kept + exited mass against the initial mass.
TEST_CASE("every 1D preset: mass conserved to 1e-12 at every time level, m >= 0, no NaN, converged") {
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("../assets/presets"))) {
    // The MFG presets only: assets/presets/arz/ holds the traffic model's (docs/traffic.md).
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    INFO("preset: " << entry.path().filename().string());
    const Problem p = test::problem_from(test::read_json(entry.path().string()));
    if (p.grid.dim() > 1) continue;
    MfgState state;
    const SolveResult r = solve(p, {}, state);
    CHECK(r.status == Status::Converged);
    check_mass_and_positivity(p, state);
    CHECK(r.mass.max_relative_drift <= 1e-12);
  }
}

TEST_CASE("a problem symmetric under x -> 1 - x has a symmetric solution") {
  const Problem p = test::problem_from(test::read_json(test::source_path("../assets/presets/two-targets-split.json")));
  MfgState s;
  REQUIRE(solve(p, {}, s).status == Status::Converged);
  const Index n = p.cells();
  double asymmetry = 0.0;
  for (Index level = 0; level <= p.steps; ++level)
    for (Index i = 0; i < n; ++i) {
      asymmetry = std::max(asymmetry, std::fabs(s.m.at(level)[i] - s.m.at(level)[n - 1 - i]));
      asymmetry = std::max(asymmetry, std::fabs(s.u.at(level)[i] - s.u.at(level)[n - 1 - i]));
    }
  CHECK(asymmetry <= 1e-9);
}

TEST_CASE("without coupling, Newton, damped Picard and fictitious play agree to 1e-8") {
  MfgState newton, picard, play;
  const Json base = weakly_coupled(0.0, "newton", 1e-12, 100);
  REQUIRE(solve_spec(base, newton).status == Status::Converged);
  Json pic = base;
  pic.merge_patch({{"solver", {{"method", "picard"}}}});
  REQUIRE(solve_spec(pic, picard).status == Status::Converged);
  Json fp = base;
  fp.merge_patch({{"solver", {{"method", "fictitious_play"}}}});
  REQUIRE(solve_spec(fp, play).status == Status::Converged);
  CHECK(max_difference(newton.m, picard.m) <= 1e-8);
  CHECK(max_difference(newton.u, picard.u) <= 1e-8);
  CHECK(max_difference(newton.m, play.m) <= 1e-8);
  CHECK(max_difference(newton.u, play.u) <= 1e-8);
}

TEST_CASE("with weak coupling, Picard agrees with Newton to 1e-8 and fictitious play approaches it like 1/k") {
  MfgState newton, picard;
  REQUIRE(solve_spec(weakly_coupled(0.05, "newton", 1e-12, 100), newton).status == Status::Converged);
  REQUIRE(solve_spec(weakly_coupled(0.05, "picard", 1e-12, 1000), picard).status == Status::Converged);
  CHECK(max_difference(newton.m, picard.m) <= 1e-8);
  CHECK(max_difference(newton.u, picard.u) <= 1e-8);
  // Fictitious play converges sublinearly (Cardaliaguet & Hadikhanloo 2017): check the trend.
  MfgState short_run, long_run;
  CHECK(solve_spec(weakly_coupled(0.05, "fictitious_play", 1e-12, 200), short_run).status == Status::NotConverged);
  CHECK(solve_spec(weakly_coupled(0.05, "fictitious_play", 1e-12, 2000), long_run).status == Status::NotConverged);
  const double near = max_difference(newton.m, long_run.m), far = max_difference(newton.m, short_run.m);
  INFO("distance to Newton's density after 200 and 2000 iterations: " << far << ", " << near);
  CHECK(near < far / 5.0);
  CHECK(near < 1e-4);
}

TEST_CASE("damped Picard on the seed problem reports non-convergence honestly, with its history") {
  MfgState state;
  const SolveResult r = solve_spec(test::seed_spec({{"solver", {{"method", "picard"}, {"relaxation", 0.5}, {"max_iterations", 200}}}}), state);
  CHECK(r.status == Status::NotConverged);
  CHECK(r.history.size() == 200);
  CHECK(r.residual.max() > 1e-3);
  CHECK(r.message.find("not converged") != std::string::npos);
  // The measured fact of the issue: the relative change of m stays large (it oscillates).
  CHECK(r.history.back().change > 0.1);
}

TEST_CASE("a run whose residual overflows is stopped as diverged") {
  MfgState state;
  const SolveResult r = solve_spec(test::seed_spec({{"physics", {{"potential", "1e307*(1+x)"}}}}), state);
  CHECK(r.status == Status::Diverged);
  CHECK(r.message.find("diverged") != std::string::npos);
}

TEST_CASE("a warm start from the solution of a nearby problem reaches the same solution") {
  const Problem p = test::problem_from(test::seed_spec());
  const Problem nearby = test::problem_from(test::seed_spec({{"physics", {{"viscosity", 0.012}}}}));
  MfgState cold, previous, warm;
  const SolveResult cold_result = solve(p, {}, cold);
  REQUIRE(solve(nearby, {}, previous).status == Status::Converged);
  SolveOptions options;
  options.initial = &previous;
  const SolveResult warm_result = solve(p, options, warm);
  REQUIRE(warm_result.status == Status::Converged);
  CHECK(warm_result.iterations < cold_result.iterations);
  CHECK(max_difference(cold.m, warm.m) <= 1e-8);
  check_mass_and_positivity(p, warm);
}

TEST_CASE("cancellation stops the solve with status cancelled") {
  std::atomic<bool> cancel{true};
  SolveOptions options;
  options.cancel = &cancel;
  MfgState state;
  const SolveResult r = solve(test::problem_from(test::seed_spec()), options, state);
  CHECK(r.status == Status::Cancelled);
}

TEST_CASE("a warm start from far-away parameters falls back to a cold start and converges") {
  const Problem from = test::problem_from(test::seed_spec());
  const Problem far = test::problem_from(test::seed_spec({{"physics", {{"coupling", {{"strength", 3.53}}}}}}));
  MfgState previous, state;
  REQUIRE(solve(from, {}, previous).status == Status::Converged);
  SolveOptions options;
  options.initial = &previous;
  const SolveResult r = solve(far, options, state);
  CHECK(r.status == Status::Converged);
  CHECK(r.message.find("restarted cold") != std::string::npos);
  CHECK(r.mass.max_relative_drift <= 1e-12);
}
