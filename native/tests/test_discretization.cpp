// The operators of the scheme against their definitions: the step matrix is the Jacobian of the HJB
// operator, its transpose conserves mass, the transport Hessian is the derivative of the FP
// transport term; for every Hamiltonian (quadratic, power, speed cap) and boundary (wall, periodic).
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "helpers.hpp"
#include "models/mfg/discretization.hpp"

using namespace mfg;

namespace {

struct Case {
  const char* name;
  Json physics;
  const char* boundary;
};

Problem make_problem(const Case& c, Index n) {
  Json spec{{"domain", {{"lower", {0.0}}, {"upper", {1.0}}, {"points", {n}}, {"boundary", {{{"lower", c.boundary}, {"upper", c.boundary}}}}}},
            {"time", {{"horizon", 1.0}, {"steps", 10}}},
            {"physics", c.physics}};
  return test::problem_from(spec);
}

std::vector<double> smooth_random(Index n, std::mt19937& rng, double scale) {
  std::uniform_real_distribution<double> d(-1.0, 1.0);
  std::vector<double> v(static_cast<size_t>(n));
  const double a = d(rng), b = d(rng);
  for (Index i = 0; i < n; ++i) v[i] = scale * (std::sin(6.0 * i / double(n) + a) + 0.3 * b * std::cos(17.0 * i / double(n)) + 0.05 * d(rng));
  return v;
}

const Case kCases[] = {
    {"quadratic, walls", {{"viscosity", 0.05}}, "wall"},
    {"quadratic, periodic", {{"viscosity", 0.05}}, "periodic"},
    {"power q = 3", {{"viscosity", 0.05}, {"hamiltonian", {{"kind", "power"}, {"exponent", 3.0}}}}, "wall"},
    {"power q = 1.5", {{"viscosity", 0.05}, {"hamiltonian", {{"kind", "power"}, {"exponent", 1.5}}}}, "periodic"},
    {"quadratic, speed cap", {{"viscosity", 0.02}, {"hamiltonian", {{"kind", "quadratic"}, {"speed_cap", 2.0}}}}, "wall"},
};

}  // namespace

TEST_CASE("step matrix = I/dt + Jacobian of the HJB operator (finite differences)") {
  std::mt19937 rng(3);
  for (const Case& c : kCases) {
    INFO(c.name);
    const Problem p = make_problem(c, 24);
    const Discretization disc(p);
    const Index n = p.cells();
    std::vector<double> u = smooth_random(n, rng, 1.0), op(static_cast<size_t>(n)), op_plus(static_cast<size_t>(n)), op_minus(static_cast<size_t>(n));
    StencilMatrix a;
    disc.step_matrix(u.data(), a);
    std::vector<double> direction = smooth_random(n, rng, 1.0), ad(static_cast<size_t>(n));
    a.apply(direction.data(), ad.data());
    const double eps = 1e-7;
    std::vector<double> up(u), um(u);
    for (Index i = 0; i < n; ++i) {
      up[i] += eps * direction[i];
      um[i] -= eps * direction[i];
    }
    disc.hjb_operator(up.data(), op_plus.data());
    disc.hjb_operator(um.data(), op_minus.data());
    for (Index i = 0; i < n; ++i) {
      const double fd = direction[i] / p.dt + (op_plus[i] - op_minus[i]) / (2 * eps);
      CHECK(ad[i] == doctest::Approx(fd).epsilon(1e-5).scale(1.0));
    }
  }
}

TEST_CASE("FP operator: columns of the step matrix sum to 1/dt (mass), and it is an M-matrix (m >= 0)") {
  std::mt19937 rng(5);
  for (const Case& c : kCases) {
    INFO(c.name);
    const Problem p = make_problem(c, 30);
    const Discretization disc(p);
    const Index n = p.cells();
    const std::vector<double> u = smooth_random(n, rng, 2.0);
    StencilMatrix a;
    disc.step_matrix(u.data(), a);
    std::vector<double> ones(static_cast<size_t>(n), 1.0), col(static_cast<size_t>(n));
    a.apply_transposed(ones.data(), col.data());  // (A^T 1)_j... row sums of A^T are column sums of A
    std::vector<double> row(static_cast<size_t>(n));
    a.apply(ones.data(), row.data());
    for (Index i = 0; i < n; ++i) CHECK(row[i] == doctest::Approx(1.0 / p.dt).epsilon(1e-12));
    for (Index i = 0; i < n; ++i) {
      CHECK(a.diag[i] > 0.0);
      for (int f = 0; f < 2; ++f) CHECK(a.off[f][i] <= 0.0);
    }
  }
}

TEST_CASE("transport Hessian = derivative of DG(u)^T m along du (finite differences)") {
  std::mt19937 rng(11);
  for (const Case& c : kCases) {
    INFO(c.name);
    const Problem p = make_problem(c, 20);
    const Discretization disc(p);
    const Index n = p.cells();
    std::vector<double> u = smooth_random(n, rng, 1.5), m(static_cast<size_t>(n)), du = smooth_random(n, rng, 1.0);
    for (Index i = 0; i < n; ++i) m[i] = 1.0 + 0.5 * std::sin(0.3 * i);
    TransportHessian h;
    FaceScratch scratch;
    disc.transport_hessian(u.data(), m.data(), h);
    std::vector<double> cdu(static_cast<size_t>(n));
    disc.apply_transport_hessian(h, du.data(), cdu.data(), scratch);
    // d/deps [A(u + eps du)^T m] = C du (the 1/dt and diffusion parts do not depend on u).
    const double eps = 1e-7;
    std::vector<double> up(u), um(u), tp(static_cast<size_t>(n)), tm(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) {
      up[i] += eps * du[i];
      um[i] -= eps * du[i];
    }
    StencilMatrix ap, am;
    disc.step_matrix(up.data(), ap);
    disc.step_matrix(um.data(), am);
    ap.apply_transposed(m.data(), tp.data());
    am.apply_transposed(m.data(), tm.data());
    for (Index i = 0; i < n; ++i) CHECK(cdu[i] == doctest::Approx((tp[i] - tm[i]) / (2 * eps)).epsilon(1e-5).scale(1.0));
  }
}
