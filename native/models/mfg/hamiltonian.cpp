#include "hamiltonian.hpp"

namespace mfg {

namespace {
// Smoothing radius of the power Hamiltonian (see Hamiltonian::power).
constexpr double kPowerSmoothing = 1e-6;
}  // namespace

Hamiltonian::Hamiltonian(double exponent, double speed_cap) : q_(exponent), quadratic_(exponent == 2.0) {
  if (!quadratic_) {
    delta2_ = kPowerSmoothing * kPowerSmoothing;
    delta_q_ = std::pow(kPowerSmoothing, q_);
  }
  if (speed_cap > 0.0) {
    // r_cap solves phi'(r) = r psi(r) = cap; phi' is increasing, so bisection on [0, big] is safe.
    double lo = 0.0, hi = 1.0;
    while (hi * (quadratic_ ? 1.0 : power(hi * hi).psi) < speed_cap) hi *= 2.0;
    for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
      const double mid = 0.5 * (lo + hi);
      (mid * (quadratic_ ? 1.0 : power(mid * mid).psi) < speed_cap ? lo : hi) = mid;
    }
    r_cap_ = 0.5 * (lo + hi);
    phi_cap_ = quadratic_ ? 0.5 * r_cap_ * r_cap_ : power(r_cap_ * r_cap_).phi;
    cap_ = speed_cap;
  }
}

}  // namespace mfg
