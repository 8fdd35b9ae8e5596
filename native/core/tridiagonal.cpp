#include "tridiagonal.hpp"

namespace mfg {

void TridiagonalFactor::factor(const double* lower, const double* diag, const double* upper, Index n, bool cyclic) {
  n_ = n;
  cyclic_ = cyclic && n > 2;
  std::vector<double> lo(lower, lower + n);
  lower_ratio_.resize(size_t(n));
  inv_pivot_.resize(size_t(n));
  upper_ratio_.resize(size_t(n));
  std::vector<double> d(diag, diag + n);
  if (cyclic_) {
    // A = A' + u v^T with u = (gamma, 0, ..., 0, corner_bottom), v = (1, 0, ..., 0, corner_top / gamma).
    gamma_ = -diag[0];
    corner_top_ = lower[0];
    const double corner_bottom = upper[n - 1];
    d[0] -= gamma_;
    d[n - 1] -= corner_bottom * corner_top_ / gamma_;
  }
  lo[0] = 0.0;
  double ratio = 0.0;
  for (Index i = 0; i < n; ++i) {
    const double pivot = d[i] - lo[i] * ratio;
    inv_pivot_[i] = 1.0 / pivot;
    lower_ratio_[i] = lo[i] * inv_pivot_[i];
    ratio = (i + 1 < n ? upper[i] : 0.0) * inv_pivot_[i];
    upper_ratio_[i] = ratio;
  }
  if (cyclic_) {
    std::vector<double> u(static_cast<size_t>(n), 0.0);
    u[0] = gamma_;
    u[n - 1] = upper[n - 1];
    z_.resize(size_t(n));
    solve_plain(u.data(), z_.data());
    correction_denominator_ = 1.0 + z_[0] + corner_top_ * z_[n - 1] / gamma_;
  }
}

void TridiagonalFactor::solve_plain(const double* rhs, double* x) const {
  const Index n = n_;
  const double* a = lower_ratio_.data();
  const double* b = inv_pivot_.data();
  const double* c = upper_ratio_.data();
  double prev = 0.0;
  for (Index i = 0; i < n; ++i) {
    prev = b[i] * rhs[i] - a[i] * prev;
    x[i] = prev;
  }
  for (Index i = n - 2; i >= 0; --i) {
    prev = x[i] - c[i] * prev;
    x[i] = prev;
  }
}

void TridiagonalFactor::solve(const double* rhs, double* x) const {
  solve_plain(rhs, x);
  if (!cyclic_) return;
  const Index n = n_;
  const double factor = (x[0] + corner_top_ * x[n - 1] / gamma_) / correction_denominator_;
  for (Index i = 0; i < n; ++i) x[i] -= factor * z_[i];
}

void TridiagonalStepSolver::prepare(const StencilMatrix& a, bool need_plain, bool need_transposed) {
  const Grid& g = *a.grid;
  const Index n = g.size();
  const bool cyclic = g.boundary(0, 0) == BoundaryKind::Periodic;
  lower_.resize(size_t(n));
  upper_.resize(size_t(n));
  diag_.assign(a.diag.begin(), a.diag.end());
  // Face 0 is the lower neighbour, face 1 the upper one; with walls the unused ends are zero.
  const double* lo = a.off[0].data();
  const double* up = a.off[1].data();
  auto inside = [&](Index i) { return cyclic || (i >= 0 && i < n); };
  if (need_plain) {
    for (Index i = 0; i < n; ++i) {
      lower_[i] = inside(i - 1) ? lo[i] : 0.0;
      upper_[i] = inside(i + 1) ? up[i] : 0.0;
    }
    plain_.factor(lower_.data(), diag_.data(), upper_.data(), n, cyclic);
  }
  if (need_transposed) {
    // (A^T)(i, i-1) = A(i-1, i): the upper coefficient of row i-1; (A^T)(i, i+1) = A(i+1, i).
    for (Index i = 0; i < n; ++i) {
      lower_[i] = inside(i - 1) ? up[(i + n - 1) % n] : 0.0;
      upper_[i] = inside(i + 1) ? lo[(i + 1) % n] : 0.0;
    }
    transposed_.factor(lower_.data(), diag_.data(), upper_.data(), n, cyclic);
  }
}

}  // namespace mfg
