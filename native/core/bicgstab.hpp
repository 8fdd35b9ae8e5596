// BiCGStab for nonsymmetric systems: H. A. van der Vorst, "Bi-CGSTAB: a fast and smoothly converging
// variant of Bi-CG for the solution of nonsymmetric linear systems", SIAM J. Sci. Stat. Comput. 13(2),
// 1992; right-preconditioned form of Saad, "Iterative Methods for Sparse Linear Systems", 2nd ed.,
// Algorithm 9.x. Two operator and two preconditioner applications per iteration, short recurrences
// (6 work vectors), deterministic dot products (parallel.hpp).
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "gmres.hpp"

namespace mfg {

struct BicgstabResult {
  int iterations = 0;
  double residual = 0.0, initial_residual = 0.0;  // 2-norms of b - A x
  bool converged = false;
  bool breakdown = false;
  bool cancelled = false;  // stopped because the cancellation flag was set (x holds the last iterate)
};

// Work vectors kept between solves (the step solvers run thousands of them).
struct BicgstabWorkspace {
  std::vector<double> r, r0, p, v, s, t, y, z;
  void resize(Index n);
};

// Solves A x = b with right preconditioner M (x holds the initial guess): stops when
// ||b - A x|| <= max(relative_tolerance * ||b||, absolute_tolerance). `cancel`, when given, is read
// before every iteration: a Stop then ends even a solve of 2000 iterations within one iteration.
BicgstabResult bicgstab(Index n, const LinearOperator& apply, const LinearOperator& precondition, const double* b, double* x,
                        double relative_tolerance, double absolute_tolerance, int max_iterations, BicgstabWorkspace& w,
                        const std::atomic<bool>* cancel = nullptr);

}  // namespace mfg
