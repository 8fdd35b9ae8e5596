// Coarse-grid continuation: which grids the stages use, the coarse obstacle mask, the interpolation
// between grids, and that a solve through coarse stages reaches the same discrete solution as one
// without them.
#include <doctest/doctest.h>

#include <cmath>

#include "helpers.hpp"
#include "models/mfg/coarse_grid.hpp"
#include "models/mfg/driver.hpp"

using namespace mfg;

namespace {

Spec square(Index n, Index steps) {
  Spec spec = test::unit_box(2, n, steps, BoundaryKind::Wall);
  spec.viscosity = 0.05;
  spec.coupling_strength = 0.5;
  spec.terminal_cost = "2*((x-0.8)^2 + (y-0.7)^2)";
  spec.initial_density = "exp(-40*((x-0.25)^2 + (y-0.3)^2))";
  return spec;
}

}  // namespace

TEST_CASE("coarse grids: the continuation stages run a quarter and half the cells per axis down") {
  const Problem p = test::problem_from(square(128, 4));
  const ContinuationPlan plan(p);
  REQUIRE(plan.stages() == 2);
  CHECK(plan.problem(0).grid.points(0) == 32);
  CHECK(plan.problem(1).grid.points(1) == 64);
  CHECK(&plan.problem(2) == &p);
  CHECK(plan.problem(0).spec.viscosity == doctest::Approx(4 * 0.05));
  CHECK(plan.problem(1).spec.viscosity == doctest::Approx(2 * 0.05));
  CHECK(plan.problem(1).dt == p.dt);
}

TEST_CASE("coarse grids: only where every axis is even and keeps 32 cells, only with continuation, never in 1D") {
  Problem coarse;
  CHECK_FALSE(coarsen_problem(test::problem_from(square(62, 2)), coarse));  // 31 < 32
  Spec odd = square(64, 2);
  odd.domain.points[1] = 65;
  CHECK_FALSE(coarsen_problem(test::problem_from(odd), coarse));
  Spec line = square(128, 2);
  line.domain.dim = 1;
  line.initial_density = "exp(-40*(x-0.25)^2)";
  line.terminal_cost = "2*(x-0.8)^2";
  CHECK_FALSE(coarsen_problem(test::problem_from(line), coarse));
  // 64 halves once: both stages on 32 x 32.
  const Problem p64 = test::problem_from(square(64, 2));
  const ContinuationPlan plan(p64);
  CHECK(plan.problem(0).cells() == 32 * 32);
  CHECK(plan.problem(1).cells() == 32 * 32);
  Spec off = square(128, 2);
  off.coarse_grids = false;
  const Problem p_off = test::problem_from(off);
  CHECK(ContinuationPlan(p_off).problem(0).cells() == 128 * 128);
  Spec no_continuation = square(128, 2);
  no_continuation.continuation = false;
  const Problem p_direct = test::problem_from(no_continuation);
  CHECK(ContinuationPlan(p_direct).stages() == 0);
}

TEST_CASE("coarse grids: a coarse cell is solid when most of its fine cells are; one-cell walls and doors stay open") {
  Spec spec = square(64, 2);
  // A block of 8 x 8 fine cells, a wall one fine cell thick, and a thick wall with a one-cell door.
  spec.obstacle = "(x > 0.5)*(x < 0.625)*(y > 0.5)*(y < 0.625) + (x > 0.25)*(x < 0.265625)*(y < 0.4) + "
                  "(y > 0.75)*(y < 0.78125)*((x < 0.5) + (x > 0.515625))";
  const Problem fine = test::problem_from(spec);
  Problem coarse;
  REQUIRE(coarsen_problem(fine, coarse));
  const Grid& g = coarse.grid;
  auto solid_at = [&](double x, double y) {
    const Index i = Index(x * 32), j = Index(y * 32);
    return g.is_solid(i + 32 * j);
  };
  CHECK(solid_at(0.56, 0.56));        // the block
  CHECK_FALSE(solid_at(0.25, 0.2));   // the one-cell wall (half of each coarse cell)
  CHECK(solid_at(0.3, 0.76));         // the thick wall
  CHECK_FALSE(solid_at(0.51, 0.76));  // its door stays open
  CHECK(coarse.solid_cells > 0);
}

TEST_CASE("coarse grids: interpolation reproduces linear fields inside, keeps solid cells empty and the fine data at the ends") {
  Spec spec = square(64, 3);
  spec.obstacle = "(x-0.5)^2 + (y-0.5)^2 < 0.02";
  const Problem fine = test::problem_from(spec);
  Problem coarse;
  REQUIRE(coarsen_problem(fine, coarse));
  MfgState from;
  from.u = SpaceTimeField(coarse.cells(), fine.steps + 1);
  from.m = SpaceTimeField(coarse.cells(), fine.steps + 1);
  auto linear = [](const Grid& g, Index c, Index level) {
    const auto k = g.coords(c);
    return 1.0 + 2.0 * g.centre(0, k[0]) - 3.0 * g.centre(1, k[1]) + 0.5 * double(level);
  };
  for (Index level = 0; level <= fine.steps; ++level)
    for (Index c = 0; c < coarse.cells(); ++c) from.u.at(level)[c] = from.m.at(level)[c] = linear(coarse.grid, c, level);
  MfgState to;
  prolong_state(coarse, from, fine, to);
  REQUIRE(to.u.cells() == fine.cells());
  double worst = 0.0;
  for (Index level = 1; level < fine.steps; ++level)
    for (Index c = 0; c < fine.cells(); ++c) {
      const auto k = fine.grid.coords(c);
      const bool inside = k[0] > 0 && k[1] > 0 && k[0] < 63 && k[1] < 63;
      const auto near_solid = [&] {
        const double x = fine.grid.centre(0, k[0]) - 0.5, y = fine.grid.centre(1, k[1]) - 0.5;
        return x * x + y * y < 0.04;
      };
      if (fine.grid.is_solid(c)) CHECK(to.m.at(level)[c] == 0.0);
      if (!inside || near_solid()) continue;
      worst = std::max(worst, std::fabs(to.u.at(level)[c] - linear(fine.grid, c, level)));
      worst = std::max(worst, std::fabs(to.m.at(level)[c] - linear(fine.grid, c, level)));
    }
  CHECK(worst <= 1e-13);
  for (Index c = 0; c < fine.cells(); ++c) {
    CHECK(to.m.at(0)[c] == fine.initial_density[size_t(c)]);
    CHECK(to.u.at(fine.steps)[c] == fine.terminal_cost[size_t(c)]);
  }
}

TEST_CASE("coarse grids: a solve through coarse stages reaches the solution of a solve without them") {
  Spec spec = square(64, 8);
  spec.obstacle = "(x-0.55)^2 + (y-0.5)^2 < 0.01";
  spec.tolerance = 1e-10;
  const Problem with = test::problem_from(spec);
  spec.coarse_grids = false;
  const Problem without = test::problem_from(spec);
  MfgState a, b;
  const SolveResult ra = solve(with, {}, a);
  const SolveResult rb = solve(without, {}, b);
  REQUIRE(ra.status == Status::Converged);
  REQUIRE(rb.status == Status::Converged);
  const test::StateDistance d = test::distance(a, b);
  // Two solutions of one discrete system, each to a residual of 1e-10.
  CHECK(d.u <= 1e-8);
  CHECK(d.m <= 1e-8 * d.m_scale);
  CHECK(ra.mass.max_relative_drift <= 1e-12);
  CHECK(ra.mass.min_density >= 0.0);
}
