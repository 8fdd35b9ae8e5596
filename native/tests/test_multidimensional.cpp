// 2D and 3D: convergence order on manufactured solutions, a problem constant in y reproduces the 1D
// solution, symmetric problems have symmetric solutions, mass is conserved, and results do not
// depend on the thread count.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "core/expr.hpp"
#include "helpers.hpp"
#include "manufactured.hpp"

using namespace mfg;

namespace {

double max_error(const Problem& p, const MfgState& s, const std::string& exact, char field) {
  std::vector<std::string> vars{"x", "y", "z"};
  vars.resize(size_t(p.grid.dim()));
  vars.push_back("t");
  const auto f = expr::compile(exact, vars);
  REQUIRE(f.ok);
  double worst = 0.0;
  double at[4];
  for (Index level = 0; level <= p.steps; ++level)
    for (Index c = 0; c < p.cells(); ++c) {
      const auto k = p.grid.coords(c);
      for (int a = 0; a < p.grid.dim(); ++a) at[a] = p.grid.centre(a, k[a]);
      at[p.grid.dim()] = p.time(level);
      const double v = field == 'u' ? s.u.at(level)[c] : s.m.at(level)[c];
      worst = std::max(worst, std::fabs(v - f.program.eval(at)));
    }
  return worst;
}

std::pair<double, double> manufactured_errors(int dim, bool periodic, Index n) {
  const double nu = 0.1;
  const auto ms = test::manufactured_nd(dim, periodic, 0.25, nu, 0.5);
  Spec spec = test::unit_box(dim, n, n, periodic ? BoundaryKind::Periodic : BoundaryKind::Wall);
  spec.viscosity = nu;
  spec.coupling_strength = 0.5;
  spec.terminal_cost = test::at_time(ms.u, "1");
  spec.initial_density = test::at_time(ms.m, "0");
  spec.potential = ms.potential;
  spec.manufactured_density_source = ms.density_source;
  spec.tolerance = 1e-11;
  const Problem p = test::problem_from(spec);
  MfgState s;
  REQUIRE(solve(p, {}, s).status == Status::Converged);
  return {max_error(p, s, ms.u, 'u'), max_error(p, s, ms.m, 'm')};
}

void check_order(int dim, bool periodic, std::initializer_list<Index> sizes) {
  std::vector<std::pair<double, double>> errors;
  for (Index n : sizes) errors.push_back(manufactured_errors(dim, periodic, n));
  for (size_t k = 1; k < errors.size(); ++k) {
    const double ou = std::log2(errors[k - 1].first / errors[k].first), om = std::log2(errors[k - 1].second / errors[k].second);
    INFO(dim << "D: errors u " << errors[k].first << ", m " << errors[k].second << "; orders " << ou << ", " << om);
    CHECK(std::fabs(ou - 1.0) <= 0.2);
    CHECK(std::fabs(om - 1.0) <= 0.2);
  }
}

}  // namespace

TEST_CASE("manufactured solution, 2D periodic (openmp backend): first order") { check_order(2, true, {16, 32, 64}); }
TEST_CASE("manufactured solution, 2D walls (openmp backend): first order") { check_order(2, false, {16, 32, 64}); }
TEST_CASE("manufactured solution, 3D walls (openmp backend): first order") { check_order(3, false, {8, 16, 32}); }

TEST_CASE("a 2D problem constant in y reproduces the 1D solution") {
  const Json physics{{"viscosity", 0.02}, {"terminal_cost", "0.5*(x-0.7)^2"}, {"initial_density", "exp(-50*(x-0.3)^2)"}};
  const Problem line = test::problem_from(Json{{"domain", {{"lower", {0}}, {"upper", {1}}, {"points", {40}}}}, {"time", {{"steps", 30}}}, {"physics", physics}});
  const Problem plane = test::problem_from(
      Json{{"domain", {{"lower", {0, 0}}, {"upper", {1, 1}}, {"points", {40, 5}}}}, {"time", {{"steps", 30}}}, {"physics", physics}});
  MfgState s1, s2;
  REQUIRE(solve(line, {}, s1).status == Status::Converged);
  REQUIRE(solve(plane, {}, s2).status == Status::Converged);
  double worst = 0.0;
  for (Index level = 0; level <= 30; ++level)
    for (Index j = 0; j < 5; ++j)
      for (Index i = 0; i < 40; ++i) {
        // A unit y-extent keeps the density, and so the congestion cost, equal to the 1D one.
        worst = std::max(worst, std::fabs(s2.m.at(level)[j * 40 + i] - s1.m.at(level)[i]));
        worst = std::max(worst, std::fabs(s2.u.at(level)[j * 40 + i] - s1.u.at(level)[i]));
      }
  CHECK(worst <= 1e-9);
}

TEST_CASE("a 2D problem symmetric under x <-> y has a symmetric solution, and conserves mass") {
  const Problem p = test::problem_from(Json{
      {"domain", {{"lower", {0, 0}}, {"upper", {1, 1}}, {"points", {24, 24}}}},
      {"time", {{"steps", 20}}},
      {"physics", {{"viscosity", 0.02}, {"terminal_cost", "min((x-0.8)^2 + (y-0.2)^2, (x-0.2)^2 + (y-0.8)^2)"},
                   {"initial_density", "exp(-30*((x-0.5)^2+(y-0.5)^2))"}}}});
  MfgState s;
  const SolveResult r = solve(p, {}, s);
  REQUIRE(r.status == Status::Converged);
  double asymmetry = 0.0;
  for (Index level = 0; level <= p.steps; ++level)
    for (Index j = 0; j < 24; ++j)
      for (Index i = 0; i < 24; ++i) {
        asymmetry = std::max(asymmetry, std::fabs(s.m.at(level)[j * 24 + i] - s.m.at(level)[i * 24 + j]));
        asymmetry = std::max(asymmetry, std::fabs(s.u.at(level)[j * 24 + i] - s.u.at(level)[i * 24 + j]));
      }
  CHECK(asymmetry <= 1e-9);
  CHECK(r.mass.max_relative_drift <= 1e-12);
  CHECK(r.mass.min_density >= 0.0);
}

TEST_CASE("openmp backend, 2D: 1 and 2 threads give bitwise identical iterations") {
  if (!openmp_enabled()) return;
  const Problem p = test::problem_from(Json{{"domain", {{"lower", {0, 0}}, {"upper", {1, 1}}, {"points", {200, 200}}}},
                                            {"time", {{"steps", 3}}},
                                            {"physics", {{"terminal_cost", "(x-0.7)^2+(y-0.6)^2"}, {"initial_density", "exp(-20*((x-0.3)^2+(y-0.4)^2))"}}},
                                            {"solver", {{"max_iterations", 4}}}});
  auto run = [&](int threads) {
    const int before = max_threads();
    set_threads(threads);
    MfgState s;
    const SolveResult r = solve(p, {}, s);
    set_threads(before);
    return std::make_pair(std::move(s), r);
  };
  const auto one = run(1), two = run(2);
  REQUIRE(one.second.history.size() == two.second.history.size());
  CHECK(std::memcmp(one.first.m.data(), two.first.m.data(), sizeof(double) * size_t(one.first.m.size())) == 0);
  CHECK(std::memcmp(one.first.u.data(), two.first.u.data(), sizeof(double) * size_t(one.first.u.size())) == 0);
}
