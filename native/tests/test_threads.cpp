// Results do not depend on the number of OpenMP threads: every reduction uses a fixed blocking
// (core/parallel.hpp), so 1 and 2 threads give bitwise identical fields and iteration histories.
// The grid is large enough (20 000 cells) for the kernels to run threaded.
#include <doctest/doctest.h>

#include <cstring>

#include "helpers.hpp"

using namespace mfg;

namespace {

struct Run {
  MfgState state;
  SolveResult result;
};

Run run_with_threads(const Problem& p, int threads) {
  const int before = max_threads();
  set_threads(threads);
  Run r;
  r.result = solve(p, {}, r.state);
  set_threads(before);
  return r;
}

bool bitwise_equal(const SpaceTimeField& a, const SpaceTimeField& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * size_t(a.size())) == 0;
}

}  // namespace

TEST_CASE("openmp backend: 1 and 2 threads give bitwise identical solutions") {
  if (!openmp_enabled()) {
    MESSAGE("built without OpenMP: only the serial backend exists, nothing to compare");
    return;
  }
  // A few iterations of every phase (warm-up, continuation, Newton) exercise all the kernels.
  const Problem p = test::problem_from(test::seed_spec({{"domain", {{"points", {20000}}}}, {"time", {{"steps", 6}}},
                                                       {"solver", {{"max_iterations", 6}}}}));
  REQUIRE(p.cells() * 6 > kParallelThreshold);
  const Run one = run_with_threads(p, 1), two = run_with_threads(p, 2);
  REQUIRE(one.result.history.size() == 6);
  CHECK(one.result.iterations == two.result.iterations);
  CHECK(bitwise_equal(one.state.u, two.state.u));
  CHECK(bitwise_equal(one.state.m, two.state.m));
  for (size_t k = 0; k < one.result.history.size(); ++k) CHECK(one.result.history[k].residual == two.result.history[k].residual);
}
