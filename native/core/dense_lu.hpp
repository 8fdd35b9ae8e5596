// Dense LU with partial pivoting for the coarsest multigrid level (at most a few hundred unknowns):
// Golub & Van Loan, "Matrix Computations", 4th ed., Algorithm 3.4.1. Solves with A or A^T.
#pragma once

#include <vector>

#include "parallel.hpp"

namespace mfg {

class DenseLU {
 public:
  // a is n x n, row-major.
  void factor(std::vector<double> a, Index n);
  void solve(const double* b, double* x) const;
  void solve_transposed(const double* b, double* x) const;
  Index size() const { return n_; }

 private:
  Index n_ = 0;
  std::vector<double> lu_;
  std::vector<Index> pivot_;
};

}  // namespace mfg
