#include "dense_lu.hpp"

#include <cmath>
#include <utility>

namespace mfg {

void DenseLU::factor(std::vector<double> a, Index n) {
  n_ = n;
  lu_ = std::move(a);
  pivot_.resize(size_t(n));
  for (Index k = 0; k < n; ++k) {
    Index p = k;
    for (Index i = k + 1; i < n; ++i)
      if (std::fabs(lu_[i * n + k]) > std::fabs(lu_[p * n + k])) p = i;
    pivot_[k] = p;
    if (p != k)
      for (Index j = 0; j < n; ++j) std::swap(lu_[k * n + j], lu_[p * n + j]);
    const double inv = 1.0 / lu_[k * n + k];
    for (Index i = k + 1; i < n; ++i) {
      const double f = (lu_[i * n + k] *= inv);
      if (f == 0.0) continue;
      for (Index j = k + 1; j < n; ++j) lu_[i * n + j] -= f * lu_[k * n + j];
    }
  }
}

// P A = L U:  A x = b  =>  L U x = P b.
void DenseLU::solve(const double* b, double* x) const {
  const Index n = n_;
  for (Index i = 0; i < n; ++i) x[i] = b[i];
  for (Index k = 0; k < n; ++k) std::swap(x[k], x[pivot_[k]]);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < i; ++j) x[i] -= lu_[i * n + j] * x[j];
  for (Index i = n - 1; i >= 0; --i) {
    for (Index j = i + 1; j < n; ++j) x[i] -= lu_[i * n + j] * x[j];
    x[i] /= lu_[i * n + i];
  }
}

// A^T x = b  =>  U^T L^T P x = b.
void DenseLU::solve_transposed(const double* b, double* x) const {
  const Index n = n_;
  for (Index i = 0; i < n; ++i) x[i] = b[i];
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < i; ++j) x[i] -= lu_[j * n + i] * x[j];
    x[i] /= lu_[i * n + i];
  }
  for (Index i = n - 1; i >= 0; --i)
    for (Index j = i + 1; j < n; ++j) x[i] -= lu_[j * n + i] * x[j];
  for (Index k = n - 1; k >= 0; --k) std::swap(x[k], x[pivot_[k]]);
}

}  // namespace mfg
