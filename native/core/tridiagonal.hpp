// Direct solver for the 1D step systems: tridiagonal (walls) or cyclic tridiagonal (periodic).
// Thomas algorithm without pivoting, stable here because the step matrices are M-matrices that are
// strictly diagonally dominant (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed.,
// section 9.6). The cyclic case uses the Sherman-Morrison correction of Press et al.,
// "Numerical Recipes", 3rd ed., section 2.7.2. A factorisation is kept so that repeated solves with
// the same matrix (Newton-Krylov sweeps) cost only the substitutions.
#pragma once

#include <vector>

#include "stencil.hpp"

namespace mfg {

class TridiagonalFactor {
 public:
  // Row i: lower[i] x[i-1] + diag[i] x[i] + upper[i] x[i+1] = rhs[i]. When cyclic, lower[0] is the
  // corner A(0, n-1) and upper[n-1] the corner A(n-1, 0); otherwise both are ignored.
  void factor(const double* lower, const double* diag, const double* upper, Index n, bool cyclic);
  void solve(const double* rhs, double* x) const;
  Index size() const { return n_; }

 private:
  void solve_plain(const double* rhs, double* x) const;

  Index n_ = 0;
  bool cyclic_ = false;
  // Forward elimination y_i = inv_pivot_i rhs_i - lower_ratio_i y_{i-1}, back substitution
  // x_i = y_i - upper_ratio_i x_{i+1}: one multiply-subtract on each dependency chain.
  std::vector<double> lower_ratio_, inv_pivot_, upper_ratio_;
  // Sherman-Morrison data for the cyclic case.
  std::vector<double> z_;
  double gamma_ = 0.0, corner_top_ = 0.0, correction_denominator_ = 1.0;
};

// Factorisations of a 1D step matrix A and of its transpose, built from a StencilMatrix.
class TridiagonalStepSolver {
 public:
  void prepare(const StencilMatrix& a, bool need_plain, bool need_transposed);
  void solve(const double* rhs, double* x) const { plain_.solve(rhs, x); }
  void solve_transposed(const double* rhs, double* x) const { transposed_.solve(rhs, x); }

 private:
  TridiagonalFactor plain_, transposed_;
  std::vector<double> lower_, diag_, upper_;
};

}  // namespace mfg
