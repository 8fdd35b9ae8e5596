#include "cg.hpp"

#include <cmath>
#include <vector>

namespace mfg {

CgResult conjugate_gradients(Index n, const LinearOperator& apply, const double* b, double* x, double relative_tolerance,
                             int max_iterations, const std::function<bool()>& cancelled) {
  CgResult result;
  std::vector<double> r(static_cast<size_t>(n)), p(static_cast<size_t>(n)), ap(static_cast<size_t>(n));
  apply(x, ap.data());
  parallel_for(n, [&](Index i) { r[i] = b[i] - ap[i]; });
  double rr = dot(n, r.data(), r.data());
  result.initial_residual = result.residual = std::sqrt(rr);
  const double target = relative_tolerance * result.initial_residual;
  p = r;
  while (result.residual > target && result.iterations < max_iterations) {
    if (cancelled && cancelled()) return result;
    apply(p.data(), ap.data());
    const double pap = dot(n, p.data(), ap.data());
    if (!(pap > 0.0)) {
      result.breakdown = true;
      return result;
    }
    const double alpha = rr / pap;
    parallel_for(n, [&](Index i) {
      x[i] += alpha * p[i];
      r[i] -= alpha * ap[i];
    });
    const double rr_next = dot(n, r.data(), r.data());
    const double beta = rr_next / rr;
    rr = rr_next;
    parallel_for(n, [&](Index i) { p[i] = r[i] + beta * p[i]; });
    ++result.iterations;
    result.residual = std::sqrt(rr);
  }
  result.converged = result.residual <= target;
  return result;
}

}  // namespace mfg
