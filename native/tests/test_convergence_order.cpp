// Convergence order of the scheme: first order in h and dt (upwind Hamiltonian, implicit Euler), with
// dt proportional to h. Manufactured solutions on periodic and walled domains, for the quadratic
// Hamiltonian and for H = |p|^3/3 (whose Hessian has the rank-one part); and a refinement study on the
// seed preset. Serial/OpenMP backend (1D loops stay below the threading threshold: see test_threads).
#include <doctest/doctest.h>

#include <cmath>

#include "core/expr.hpp"
#include "helpers.hpp"
#include "manufactured.hpp"

using namespace mfg;

namespace {

constexpr double kSchemeOrder = 1.0;

struct Errors {
  double u = 0.0, m = 0.0;
};

Errors solve_manufactured(const test::Manufactured& s, bool periodic, double q, double nu, Index n) {
  Spec spec;
  spec.domain.points[0] = n;
  const BoundaryKind bc = periodic ? BoundaryKind::Periodic : BoundaryKind::Wall;
  spec.domain.boundary[0] = {bc, bc};
  spec.steps = n;
  spec.viscosity = nu;
  spec.coupling_strength = 0.5;
  if (q != 2.0) {
    spec.hamiltonian = HamiltonianKind::Power;
    spec.hamiltonian_exponent = q;
  }
  spec.terminal_cost = test::at_time(s.u, "1");
  spec.initial_density = test::at_time(s.m, "0");
  spec.potential = s.potential;
  spec.manufactured_density_source = s.density_source;
  spec.tolerance = 1e-12;
  const Problem p = test::problem_from(spec);
  MfgState state;
  const SolveResult r = solve(p, {}, state);
  REQUIRE(r.status == Status::Converged);
  const auto exact_u = expr::compile(s.u, {"x", "t"}), exact_m = expr::compile(s.m, {"x", "t"});
  REQUIRE(exact_u.ok);
  REQUIRE(exact_m.ok);
  Errors e;
  for (Index level = 0; level <= p.steps; ++level)
    for (Index i = 0; i < p.cells(); ++i) {
      const double at[2] = {p.grid.centre(0, i), p.time(level)};
      e.u = std::max(e.u, std::fabs(state.u.at(level)[i] - exact_u.program.eval(at)));
      e.m = std::max(e.m, std::fabs(state.m.at(level)[i] - exact_m.program.eval(at)));
    }
  return e;
}

void check_orders(bool periodic, double q, double amplitude) {
  const double nu = 0.1;
  const auto s = test::manufactured(periodic, q, amplitude, nu, 0.5);
  std::vector<Errors> errors;
  for (Index n : {50, 100, 200}) errors.push_back(solve_manufactured(s, periodic, q, nu, n));
  for (size_t k = 1; k < errors.size(); ++k) {
    const double order_u = std::log2(errors[k - 1].u / errors[k].u), order_m = std::log2(errors[k - 1].m / errors[k].m);
    INFO("refinement " << k << ": errors u " << errors[k].u << ", m " << errors[k].m << "; orders u " << order_u << ", m " << order_m);
    CHECK(std::fabs(order_u - kSchemeOrder) <= 0.2);
    CHECK(std::fabs(order_m - kSchemeOrder) <= 0.2);
  }
}

// max over time levels of the L1 norm in space (the natural norm for densities) of coarse - R(fine),
// with R the average of the two fine cells in each coarse cell, at the coarse time levels.
double difference(const MfgState& coarse, const MfgState& fine, char field) {
  const Index n = coarse.u.cells();
  double worst = 0.0;
  for (Index level = 0; level < coarse.u.levels(); ++level) {
    const double* c = field == 'u' ? coarse.u.at(level) : coarse.m.at(level);
    const double* f = field == 'u' ? fine.u.at(2 * level) : fine.m.at(2 * level);
    double sum = 0.0;
    for (Index i = 0; i < n; ++i) sum += std::fabs(c[i] - 0.5 * (f[2 * i] + f[2 * i + 1])) / double(n);
    worst = std::max(worst, sum);
  }
  return worst;
}

}  // namespace

TEST_CASE("manufactured solution, periodic, quadratic H (openmp backend): first order") { check_orders(true, 2.0, 1.0); }
TEST_CASE("manufactured solution, walls, quadratic H (openmp backend): first order") { check_orders(false, 2.0, 1.0); }
TEST_CASE("manufactured solution, periodic, H = |p|^3/3 (openmp backend): first order") { check_orders(true, 3.0, 0.3); }
TEST_CASE("manufactured solution, walls, H = |p|^3/3 (openmp backend): first order") { check_orders(false, 3.0, 0.3); }

TEST_CASE("refinement study on the seed preset (100, 200, 400 points): differences shrink at first order") {
  std::vector<MfgState> states;
  for (Index n : {100, 200, 400}) {
    Spec spec = parse_spec(test::seed_spec()).spec;
    spec.domain.points[0] = n;
    spec.steps = n;
    MfgState state;
    REQUIRE(solve(test::problem_from(spec), {}, state).status == Status::Converged);
    states.push_back(std::move(state));
  }
  for (char field : {'u', 'm'}) {
    const double d0 = difference(states[0], states[1], field), d1 = difference(states[1], states[2], field);
    INFO(field << ": successive differences " << d0 << ", " << d1 << ", order " << std::log2(d0 / d1));
    CHECK(std::fabs(std::log2(d0 / d1) - kSchemeOrder) <= 0.2);
  }
}
