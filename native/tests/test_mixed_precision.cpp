// solver.precision = "mixed": the float multigrid preconditioner must not change what a solve
// reaches. Step solves meet the same relative residual (checked with a double product), and a whole
// MFG solve reaches the solution of the float64 one to its tolerance.
#include <doctest/doctest.h>

#include <cmath>

#include "core/krylov_step_solver.hpp"
#include "helpers.hpp"
#include "models/mfg/discretization.hpp"

using namespace mfg;

namespace {

double relative_residual(const StencilMatrix& a, bool transposed, const std::vector<double>& x, const std::vector<double>& b) {
  std::vector<double> ax(b.size());
  if (transposed) a.apply_transposed(x.data(), ax.data());
  else a.apply(x.data(), ax.data());
  double r = 0.0, nb = 0.0;
  for (size_t i = 0; i < b.size(); ++i) {
    r += (ax[i] - b[i]) * (ax[i] - b[i]);
    nb += b[i] * b[i];
  }
  return std::sqrt(r / nb);
}

}  // namespace

TEST_CASE("mixed precision: step solves with the float multigrid meet the same tolerance, plain and transposed") {
  const Problem p = test::problem_from(test::exit_room(96, 10));
  const Discretization disc(p);
  StencilMatrix a;
  disc.step_matrix(p.terminal_cost.data(), a);
  const size_t n = size_t(p.cells());
  std::vector<double> b(n);
  for (size_t i = 0; i < n; ++i) b[i] = 1.0 + std::sin(0.37 * double(i)) + p.initial_density[i];
  for (const bool transposed : {false, true}) {
    int iterations[2] = {0, 0};
    for (const Preconditioner pc : {Preconditioner::Multigrid, Preconditioner::MultigridFloat}) {
      KrylovStepSolver solver(std::make_shared<BicgstabWorkspace>(), pc, 1e-10);
      solver.prepare(a, true, true);
      std::vector<double> x(n, 0.0);
      if (transposed) solver.solve_transposed(b.data(), x.data());
      else solver.solve(b.data(), x.data());
      INFO("transposed " << transposed << ", float preconditioner " << (pc == Preconditioner::MultigridFloat));
      CHECK(solver.failures() == 0);
      CHECK(relative_residual(a, transposed, x, b) <= 2e-10);
      iterations[pc == Preconditioner::MultigridFloat] = solver.last_iterations();
    }
    // A float V-cycle is as good a preconditioner until float's rounding (~1e-7) matters.
    CHECK(iterations[1] <= iterations[0] + 2);
  }
}

TEST_CASE("mixed precision: a 2D solve with an exit and an obstacle reaches the float64 solution") {
  Spec spec = test::exit_room(64, 8);
  spec.tolerance = 1e-10;
  const Problem exact = test::problem_from(spec);
  spec.compute_precision = ComputePrecision::Mixed;
  const Problem mixed = test::problem_from(spec);
  MfgState a, b;
  const SolveResult ra = solve(exact, {}, a);
  const SolveResult rb = solve(mixed, {}, b);
  REQUIRE(ra.status == Status::Converged);
  REQUIRE(rb.status == Status::Converged);
  const test::StateDistance d = test::distance(b, a);  // scaled by the float64 density
  CHECK(d.u <= 1e-8);
  CHECK(d.m <= 1e-8 * d.m_scale);
  CHECK(rb.mass.max_relative_drift <= 1e-12);
  CHECK(rb.mass.min_density >= 0.0);
}
