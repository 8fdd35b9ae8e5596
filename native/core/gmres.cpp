#include "gmres.hpp"

#include <cmath>
#include <memory>
#include <vector>

namespace mfg {

double dot(Index n, const double* a, const double* b) {
  return parallel_sum(n, [&](Index i) { return a[i] * b[i]; });
}

double norm2(Index n, const double* a) { return std::sqrt(dot(n, a, a)); }

namespace {

// The Krylov basis, the Hessenberg matrix (column-major, (m+1) x m) and the Givens rotations.
// Basis vectors are allocated when first needed and never zero-filled: a solve that converges in
// 5 iterations touches 6 vectors, not restart + 1.
struct Arnoldi {
  Arnoldi(Index n, int m) : n(n), m(m), basis(size_t(m + 1)), hess(size_t(m + 1) * size_t(m)), cs(m), sn(m), g(m + 1) {}
  double* v(int j) {
    auto& slot = basis[size_t(j)];
    if (!slot) slot.reset(new double[size_t(n)]);
    return slot.get();
  }
  double& h(int row, int col) { return hess[size_t(col) * size_t(m + 1) + size_t(row)]; }

  Index n;
  int m;
  std::vector<std::unique_ptr<double[]>> basis;
  std::vector<double> hess, cs, sn, g;
};

void residual(Index n, const LinearOperator& apply, const double* b, const double* x, double* r) {
  apply(x, r);
  parallel_for(n, [&](Index i) { r[i] = b[i] - r[i]; });
}

// Orthogonalises w against v_0..v_k (modified Gram-Schmidt) and stores v_{k+1}; returns h(k+1, k).
double orthogonalise(Arnoldi& a, int k, double* w) {
  for (int j = 0; j <= k; ++j) {
    const double* vj = a.v(j);
    const double hjk = dot(a.n, w, vj);
    a.h(j, k) = hjk;
    parallel_for(a.n, [&](Index i) { w[i] -= hjk * vj[i]; });
  }
  const double hnext = norm2(a.n, w);
  a.h(k + 1, k) = hnext;
  if (hnext > 0.0) {
    double* next = a.v(k + 1);
    const double inv = 1.0 / hnext;
    parallel_for(a.n, [&](Index i) { next[i] = w[i] * inv; });
  }
  return hnext;
}

// Applies the previous rotations to column k, then the new rotation that zeroes h(k+1, k).
// Returns the new least-squares residual |g_{k+1}|.
double rotate(Arnoldi& a, int k) {
  for (int j = 0; j < k; ++j) {
    const double x = a.h(j, k), y = a.h(j + 1, k);
    a.h(j, k) = a.cs[j] * x + a.sn[j] * y;
    a.h(j + 1, k) = -a.sn[j] * x + a.cs[j] * y;
  }
  const double x = a.h(k, k), y = a.h(k + 1, k);
  const double r = std::hypot(x, y);
  a.cs[k] = r > 0 ? x / r : 1.0;
  a.sn[k] = r > 0 ? y / r : 0.0;
  a.h(k, k) = r;
  a.h(k + 1, k) = 0.0;
  a.g[k + 1] = -a.sn[k] * a.g[k];
  a.g[k] = a.cs[k] * a.g[k];
  return std::fabs(a.g[k + 1]);
}

// x += V y, where y solves the k x k upper-triangular system H y = g.
void update_solution(Arnoldi& a, int k, double* x) {
  std::vector<double> y(static_cast<size_t>(k));
  for (int i = k - 1; i >= 0; --i) {
    double s = a.g[i];
    for (int j = i + 1; j < k; ++j) s -= a.h(i, j) * y[j];
    y[i] = s / a.h(i, i);
  }
  std::vector<const double*> v(static_cast<size_t>(k));
  for (int j = 0; j < k; ++j) v[j] = a.v(j);
  parallel_for(a.n, [&](Index r) {
    double s = 0.0;
    for (int j = 0; j < k; ++j) s += v[j][r] * y[j];
    x[r] += s;
  });
}

}  // namespace

GmresResult gmres(Index n, const LinearOperator& apply, const double* b, double* x, const GmresOptions& options,
                  const std::function<bool()>& cancelled) {
  GmresResult result;
  Arnoldi a(n, options.restart);
  std::vector<double> w(static_cast<size_t>(n));

  residual(n, apply, b, x, a.v(0));
  double beta = norm2(n, a.v(0));
  result.initial_residual = result.residual = beta;
  const double target = std::max(options.relative_tolerance * beta, options.absolute_tolerance);

  while (beta > target && result.iterations < options.max_iterations) {
    const double inv_beta = 1.0 / beta;
    double* v0 = a.v(0);
    parallel_for(n, [&](Index i) { v0[i] *= inv_beta; });
    std::fill(a.g.begin(), a.g.end(), 0.0);
    a.g[0] = beta;
    int k = 0;
    while (k < a.m && result.iterations < options.max_iterations) {
      if (cancelled && cancelled()) return result;
      ++result.iterations;
      apply(a.v(k), w.data());
      const double hnext = orthogonalise(a, k, w.data());
      result.residual = rotate(a, k);
      ++k;
      if (result.residual <= target || hnext == 0.0) break;
    }
    update_solution(a, k, x);
    // Restart from the true residual (it also guards against drift of the recurrence).
    residual(n, apply, b, x, a.v(0));
    beta = norm2(n, a.v(0));
    result.residual = beta;
  }
  result.converged = beta <= target;
  return result;
}

}  // namespace mfg
