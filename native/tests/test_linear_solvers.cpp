// The linear solvers under the scheme: tridiagonal (plain and cyclic, and their transposes) against
// dense Gaussian elimination, GMRES and CG on small systems with known solutions.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "core/cg.hpp"
#include "core/gmres.hpp"
#include "core/tridiagonal.hpp"

using namespace mfg;

namespace {

// Dense solve by Gaussian elimination with partial pivoting (reference only).
std::vector<double> dense_solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t k = 0; k < n; ++k) {
    size_t p = k;
    for (size_t i = k + 1; i < n; ++i)
      if (std::fabs(a[i][k]) > std::fabs(a[p][k])) p = i;
    std::swap(a[k], a[p]);
    std::swap(b[k], b[p]);
    for (size_t i = k + 1; i < n; ++i) {
      const double f = a[i][k] / a[k][k];
      for (size_t j = k; j < n; ++j) a[i][j] -= f * a[k][j];
      b[i] -= f * b[k];
    }
  }
  std::vector<double> x(n);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t j = i + 1; j < n; ++j) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  return x;
}

// A random 1D step-like M-matrix on a wall or periodic grid of n cells.
StencilMatrix random_step_matrix(const Grid& g, std::mt19937& rng) {
  std::uniform_real_distribution<double> off(-3.0, -0.1);
  StencilMatrix a;
  a.resize(g);
  for (Index i = 0; i < g.size(); ++i) {
    double sum = 0.0;
    for (int f = 0; f < 2; ++f) {
      const Face face = g.face(i, f);
      a.off[f][i] = face.kind == FaceKind::Interior ? off(rng) : 0.0;
      sum -= a.off[f][i];
    }
    a.diag[i] = sum + 10.0;  // like 1/dt: strictly diagonally dominant
  }
  return a;
}

std::vector<std::vector<double>> dense(const StencilMatrix& a, bool transposed) {
  const Grid& g = *a.grid;
  const size_t n = size_t(g.size());
  std::vector<std::vector<double>> d(n, std::vector<double>(n, 0.0));
  for (Index i = 0; i < g.size(); ++i) {
    d[i][i] += a.diag[i];
    for (int f = 0; f < 2; ++f) {
      const Face face = g.face(i, f);
      if (face.kind != FaceKind::Interior) continue;
      if (transposed) d[face.neighbour][i] += a.off[f][i];
      else d[i][face.neighbour] += a.off[f][i];
    }
  }
  return d;
}

Grid line(Index n, BoundaryKind kind) {
  GridShape shape;
  shape.points[0] = n;
  shape.boundary[0] = {kind, kind};
  return Grid(shape);
}

}  // namespace

TEST_CASE("tridiagonal solver: plain and transposed, walls and periodic, match dense elimination") {
  std::mt19937 rng(7);
  for (BoundaryKind kind : {BoundaryKind::Wall, BoundaryKind::Periodic}) {
    for (Index n : {3, 4, 17, 100}) {
      const Grid g = line(n, kind);
      const StencilMatrix a = random_step_matrix(g, rng);
      std::vector<double> b(static_cast<size_t>(n));
      for (auto& v : b) v = std::uniform_real_distribution<double>(-1, 1)(rng);
      TridiagonalStepSolver solver;
      solver.prepare(a, true, true);
      for (bool transposed : {false, true}) {
        INFO("n = " << n << ", " << boundary_name(kind) << (transposed ? ", transposed" : ""));
        std::vector<double> x(static_cast<size_t>(n));
        if (transposed) solver.solve_transposed(b.data(), x.data());
        else solver.solve(b.data(), x.data());
        const auto expected = dense_solve(dense(a, transposed), b);
        for (Index i = 0; i < n; ++i) CHECK(x[i] == doctest::Approx(expected[i]).epsilon(1e-12));
        // And the stencil's own (transposed) product reproduces b.
        std::vector<double> back(static_cast<size_t>(n));
        if (transposed) a.apply_transposed(x.data(), back.data());
        else a.apply(x.data(), back.data());
        for (Index i = 0; i < n; ++i) CHECK(back[i] == doctest::Approx(b[i]).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("GMRES solves a nonsymmetric system, with restarts") {
  const Index n = 60;
  std::vector<double> b(static_cast<size_t>(n), 1.0), x(static_cast<size_t>(n), 0.0);
  // A = 2 I + upwind shift: nonsymmetric, well conditioned.
  const LinearOperator apply = [&](const double* in, double* out) {
    for (Index i = 0; i < n; ++i) out[i] = 2.0 * in[i] - (i > 0 ? 0.9 * in[i - 1] : 0.0) + 0.1 * (i + 1 < n ? in[i + 1] : 0.0);
  };
  GmresOptions options;
  options.relative_tolerance = 1e-12;
  options.restart = 5;
  options.max_iterations = 500;
  const GmresResult r = gmres(n, apply, b.data(), x.data(), options);
  CHECK(r.converged);
  CHECK(r.iterations > 5);  // it did restart
  std::vector<double> ax(static_cast<size_t>(n));
  apply(x.data(), ax.data());
  for (Index i = 0; i < n; ++i) CHECK(ax[i] == doctest::Approx(1.0).epsilon(1e-10));
}

TEST_CASE("CG solves an SPD system and reports an indefinite one as a breakdown") {
  const Index n = 50;
  std::vector<double> b(static_cast<size_t>(n), 1.0), x(static_cast<size_t>(n), 0.0);
  const LinearOperator laplacian_plus_identity = [&](const double* in, double* out) {
    for (Index i = 0; i < n; ++i) out[i] = 3.0 * in[i] - (i > 0 ? in[i - 1] : 0.0) - (i + 1 < n ? in[i + 1] : 0.0);
  };
  const CgResult r = conjugate_gradients(n, laplacian_plus_identity, b.data(), x.data(), 1e-12, 200);
  CHECK(r.converged);
  CHECK_FALSE(r.breakdown);
  std::vector<double> ax(static_cast<size_t>(n));
  laplacian_plus_identity(x.data(), ax.data());
  for (Index i = 0; i < n; ++i) CHECK(ax[i] == doctest::Approx(1.0).epsilon(1e-10));

  const LinearOperator negative = [&](const double* in, double* out) {
    for (Index i = 0; i < n; ++i) out[i] = -in[i];
  };
  std::fill(x.begin(), x.end(), 0.0);
  const CgResult bad = conjugate_gradients(n, negative, b.data(), x.data(), 1e-12, 200);
  CHECK(bad.breakdown);
  CHECK_FALSE(bad.converged);
}
