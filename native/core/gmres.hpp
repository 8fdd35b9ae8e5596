// Restarted GMRES with modified Gram-Schmidt and Givens rotations:
// Saad & Schultz, "GMRES: a generalized minimal residual algorithm for solving nonsymmetric linear
// systems", SIAM J. Sci. Stat. Comput. 7 (1986); Saad, "Iterative Methods for Sparse Linear
// Systems", 2nd ed., Algorithm 6.9. Dot products use the deterministic reduction of parallel.hpp,
// so iteration counts and results do not depend on the thread count.
#pragma once

#include <functional>

#include "parallel.hpp"

namespace mfg {

struct GmresOptions {
  double relative_tolerance = 1e-8;
  double absolute_tolerance = 0.0;
  int restart = 40;
  int max_iterations = 400;
};

struct GmresResult {
  int iterations = 0;
  double residual = 0.0;          // final ||b - A x||_2 (as estimated by the Hessenberg recurrence)
  double initial_residual = 0.0;  // ||b - A x0||_2
  bool converged = false;
};

using LinearOperator = std::function<void(const double* in, double* out)>;

// Solves A x = b; x holds the initial guess on entry. `cancelled` is polled once per iteration.
GmresResult gmres(Index n, const LinearOperator& apply, const double* b, double* x, const GmresOptions& options,
                  const std::function<bool()>& cancelled = {});

double dot(Index n, const double* a, const double* b);
double norm2(Index n, const double* a);

}  // namespace mfg
