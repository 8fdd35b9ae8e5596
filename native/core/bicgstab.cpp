#include "bicgstab.hpp"

#include <cmath>

namespace mfg {

void BicgstabWorkspace::resize(Index n) {
  for (auto* v : {&r, &r0, &p, &v, &s, &t, &y, &z})
    if (v->size() != size_t(n)) v->resize(size_t(n));
}

BicgstabResult bicgstab(Index n, const LinearOperator& apply, const LinearOperator& precondition, const double* b, double* x,
                        double relative_tolerance, double absolute_tolerance, int max_iterations, BicgstabWorkspace& w,
                        const std::atomic<bool>* cancel) {
  BicgstabResult result;
  w.resize(n);
  double *r = w.r.data(), *r0 = w.r0.data(), *p = w.p.data(), *v = w.v.data(), *s = w.s.data(), *t = w.t.data(), *y = w.y.data(),
         *z = w.z.data();
  apply(x, r);
  parallel_for_grid(n, [&](Index i) {
    r[i] = b[i] - r[i];
    r0[i] = r[i];
    p[i] = 0.0;
    v[i] = 0.0;
  });
  const double target = std::max(relative_tolerance * norm2(n, b), absolute_tolerance);
  result.initial_residual = result.residual = norm2(n, r);
  double rho = 1.0, alpha = 1.0, omega = 1.0;
  while (result.residual > target && result.iterations < max_iterations) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
      result.cancelled = true;
      break;
    }
    const double rho_next = dot(n, r0, r);
    if (rho_next == 0.0 || omega == 0.0) {
      result.breakdown = true;
      break;
    }
    const double beta = (rho_next / rho) * (alpha / omega);
    rho = rho_next;
    parallel_for_grid(n, [&](Index i) { p[i] = r[i] + beta * (p[i] - omega * v[i]); });
    precondition(p, y);
    apply(y, v);
    alpha = rho / dot(n, r0, v);
    parallel_for_grid(n, [&](Index i) { s[i] = r[i] - alpha * v[i]; });
    precondition(s, z);
    apply(z, t);
    const double tt = dot(n, t, t);
    omega = tt > 0.0 ? dot(n, t, s) / tt : 0.0;
    parallel_for_grid(n, [&](Index i) {
      x[i] += alpha * y[i] + omega * z[i];
      r[i] = s[i] - omega * t[i];
    });
    ++result.iterations;
    result.residual = norm2(n, r);
    if (!std::isfinite(result.residual)) {
      result.breakdown = true;
      break;
    }
  }
  result.converged = result.residual <= target;
  return result;
}

}  // namespace mfg
