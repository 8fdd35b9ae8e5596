// Conjugate gradients for symmetric positive definite systems: Hestenes & Stiefel, "Methods of
// conjugate gradients for solving linear systems", J. Res. Nat. Bur. Standards 49(6), 1952; Saad,
// "Iterative Methods for Sparse Linear Systems", 2nd ed., Algorithm 6.18. Dot products use the
// deterministic reduction of parallel.hpp. Reports a breakdown (p^T A p <= 0) instead of failing, so
// that a caller whose operator is only nearly SPD can fall back to GMRES.
#pragma once

#include <functional>

#include "gmres.hpp"

namespace mfg {

struct CgResult {
  int iterations = 0;
  double residual = 0.0, initial_residual = 0.0;
  bool converged = false;
  bool breakdown = false;  // the operator is not positive definite along some direction
};

// Solves A x = b; x holds the initial guess on entry.
CgResult conjugate_gradients(Index n, const LinearOperator& apply, const double* b, double* x, double relative_tolerance,
                             int max_iterations, const std::function<bool()>& cancelled = {});

}  // namespace mfg
