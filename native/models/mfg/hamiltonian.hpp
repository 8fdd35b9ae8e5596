// Radial Hamiltonians H(p) = phi(|p|) and the monotone numerical Hamiltonian of
// Y. Achdou and I. Capuzzo-Dolcetta, "Mean field games: numerical methods",
// SIAM J. Numer. Anal. 48(3), 2010, section 2 (their g(x, q1, q2) with H = |p|^beta):
//
//   G(q) = phi(r),   r^2 = sum over axes of  min(q+, 0)^2 + max(q-, 0)^2,
//
// where q+ and q- are the forward and backward differences of u. G is non-increasing in every q+
// and non-decreasing in every q-, which makes the scheme monotone, and G(p, p) = phi(|p|) = H(p).
// Only the radial profile phi is needed: the gradient of G is psi(r) s and its Hessian is
// psi(r) diag(active) + kappa(r) s s^T, with s_f = min(q+,0) or max(q-,0), psi = phi'(r)/r and
// kappa = psi'(r)/r.
#pragma once

#include <cmath>

namespace mfg {

struct RadialProfile {
  double phi;    // phi(r)
  double psi;    // phi'(r) / r: the optimal speed per unit gradient
  double kappa;  // psi'(r) / r
};

class Hamiltonian {
 public:
  // exponent q > 1 (2 for the quadratic Hamiltonian); speed_cap <= 0 means no cap.
  Hamiltonian(double exponent = 2.0, double speed_cap = 0.0);

  // Profile at r^2 (taking r^2 avoids a square root in the quadratic case).
  RadialProfile profile(double r2) const {
    if (cap_ > 0.0 && r2 > r_cap_ * r_cap_) return capped(std::sqrt(r2));
    if (quadratic_) return {0.5 * r2, 1.0, 0.0};
    return power(r2);
  }

  // The continuous Hamiltonian and its derivative in |p|, for manufactured solutions and diagnostics.
  double value(double p_norm) const { return profile(p_norm * p_norm).phi; }
  double speed(double p_norm) const { return profile(p_norm * p_norm).psi * p_norm; }

  // Whether kappa can be non-zero (the Hessian of G has a rank-one part): not for |p|^2/2 uncapped.
  bool has_curvature() const { return !quadratic_ || cap_ > 0.0; }

  double exponent() const { return q_; }
  double speed_cap() const { return cap_; }

 private:
  // |p|^q / q, smoothed as ((r^2 + delta^2)^(q/2) - delta^q) / q so that psi and kappa stay finite
  // at r = 0 for q != 2 (Newton needs the Hessian); the change to H is at most delta^q / q.
  RadialProfile power(double r2) const {
    const double rho = r2 + delta2_;
    const double psi = std::pow(rho, 0.5 * (q_ - 2.0));
    return {(psi * rho - delta_q_) / q_, psi, (q_ - 2.0) * psi / rho};
  }

  // Beyond r_cap the Hamiltonian continues linearly with slope cap (speed = cap), so it stays C^1
  // and convex.
  RadialProfile capped(double r) const { return {phi_cap_ + cap_ * (r - r_cap_), cap_ / r, -cap_ / (r * r * r)}; }

  double q_ = 2.0;
  bool quadratic_ = true;
  double delta2_ = 0.0, delta_q_ = 0.0;
  double cap_ = 0.0, r_cap_ = 0.0, phi_cap_ = 0.0;
};

}  // namespace mfg
