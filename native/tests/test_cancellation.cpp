// Stop within a second (issue 14): the inner solves read the cancellation flag themselves, so a
// Stop is observed in the middle of a Krylov solve, not only between outer iterations or time steps.
// bench/stop-latency.mjs measures the latency on the 3D preset; these tests check that the flag is
// observed where it must be, with no timing.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>

#include "core/bicgstab.hpp"
#include "core/krylov_step_solver.hpp"
#include "helpers.hpp"
#include "models/mfg/discretization.hpp"

using namespace mfg;

namespace {

// A nonsymmetric, diagonally dominant tridiagonal operator on n unknowns (BiCGStab needs a few
// dozen iterations at 1e-14 without a preconditioner).
struct Convection {
  Index n;
  int applications = 0;
  void operator()(const double* in, double* out) {
    ++applications;
    for (Index i = 0; i < n; ++i) out[i] = 2.2 * in[i] - 1.5 * (i > 0 ? in[i - 1] : 0.0) - 0.5 * (i + 1 < n ? in[i + 1] : 0.0);
  }
};

}  // namespace

TEST_CASE("BiCGStab stops at the next iteration once the cancellation flag is set mid-solve") {
  const Index n = 400;
  const std::vector<double> b(size_t(n), 1.0);
  const LinearOperator identity = [&](const double* in, double* out) { std::copy(in, in + n, out); };
  BicgstabWorkspace w;

  Convection full{n};
  std::vector<double> x(size_t(n), 0.0);
  const BicgstabResult finished = bicgstab(n, [&](const double* in, double* out) { full(in, out); }, identity, b.data(), x.data(), 1e-14, 0.0, 5000, w);
  REQUIRE(finished.converged);
  REQUIRE(finished.iterations > 10);

  // The same solve, the flag raised by the operator itself during its 5th application (iteration 2):
  // what a Stop pressed while the solve runs looks like from inside.
  std::atomic<bool> cancel{false};
  Convection watched{n};
  std::fill(x.begin(), x.end(), 0.0);
  const BicgstabResult stopped = bicgstab(n, [&](const double* in, double* out) {
    watched(in, out);
    if (watched.applications == 5) cancel.store(true);
  }, identity, b.data(), x.data(), 1e-14, 0.0, 5000, w, &cancel);
  CHECK(stopped.cancelled);
  CHECK_FALSE(stopped.converged);
  CHECK(stopped.iterations == 2);
  CHECK(stopped.iterations < finished.iterations);
  for (double v : x) CHECK(std::isfinite(v));
}

TEST_CASE("a 2D step solver given a raised flag returns cancelled before iterating, and does not count a failure") {
  const Problem p = test::problem_from(test::exit_room(32, 4));
  const Discretization disc(p);
  StencilMatrix a;
  disc.step_matrix(p.terminal_cost.data(), a);
  const size_t n = size_t(p.cells());
  std::vector<double> b(n, 1.0), x(n, 0.0);
  for (const Preconditioner pc : {Preconditioner::Jacobi, Preconditioner::Multigrid}) {
    KrylovStepSolver solver(std::make_shared<BicgstabWorkspace>(), pc, 1e-12);
    std::atomic<bool> cancel{false};
    solver.set_cancel_flag(&cancel);
    solver.prepare(a, true, true);
    solver.solve(b.data(), x.data());
    CHECK_FALSE(solver.last_cancelled());
    const int iterations = solver.last_iterations();
    CHECK(iterations > 0);
    cancel.store(true);
    std::fill(x.begin(), x.end(), 0.0);
    solver.solve_transposed(b.data(), x.data());
    CHECK(solver.last_cancelled());
    CHECK(solver.last_iterations() == 0);
    CHECK(solver.failures() == 0);
  }
}

TEST_CASE("a 2D Newton solve cancelled from inside a step solve ends as cancelled within that outer iteration") {
  // The flag is raised by the progress callback at the first Newton record: the next thing the
  // solver does is build the Newton system and run its Krylov solve, which must see the flag.
  const Problem p = test::problem_from(test::exit_room(24, 6));
  std::atomic<bool> cancel{false};
  SolveOptions options;
  options.cancel = &cancel;
  int records = 0, newton_records = 0;
  options.on_iteration = [&](const IterationRecord& r) {
    ++records;
    if (r.phase == Phase::Newton && ++newton_records == 1) cancel.store(true);
  };
  const std::size_t cells = std::size_t(p.cells()), levels = std::size_t(p.stored_levels().size());
  std::vector<double> u(cells * levels), m(cells * levels);
  const SolveResult result = solve_into(p, options, u.data(), m.data());
  CHECK(result.status == Status::Cancelled);
  CHECK(newton_records == 1);
  CHECK(result.iterations == records);
}
