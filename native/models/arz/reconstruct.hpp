// Reconstruction of face values from cell averages on one road (one array at a time).
//
// - first order: the cell average (Godunov 1959).
// - MUSCL (van Leer 1979, J. Comput. Phys. 32) with the minmod limiter (Roe 1986) or the
//   monotonised-central limiter (van Leer 1977, J. Comput. Phys. 23): piecewise linear, TVD.
// - WENO5-Z (Borges, Carmona, Costa & Don 2008, J. Comput. Phys. 227): fifth order in smooth regions,
//   including at smooth extrema, where the classical WENO5-JS weights lose accuracy.
// The arrays reconstructed are the conservative variables rho_i and rho_i w_i: a reconstruction of
// primitive values computed from cell averages (v = y/rho - p(rho)) is only second-order accurate,
// since the average of a nonlinear function is not the function of the averages.
#pragma once

#include <algorithm>
#include <cmath>

namespace mfg::arz {

enum class Reconstruction : unsigned char { FirstOrder, MusclMinmod, MusclMc, Weno5z };

// Ghost cells each side of a road: what WENO5's five-cell stencils need at the end faces.
constexpr int kGhosts = 3;

inline int stencil_half_width(Reconstruction r) {
  switch (r) {
    case Reconstruction::FirstOrder: return 0;
    case Reconstruction::MusclMinmod:
    case Reconstruction::MusclMc: return 1;
    default: return 2;
  }
}

inline double minmod(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  return a > 0.0 ? std::min(a, b) : std::max(a, b);
}

// Monotonised central: minmod(2a, 2b, (a + b)/2).
inline double mc_slope(double a, double b) {
  if (a * b <= 0.0) return 0.0;
  const double c = 0.5 * (a + b);
  return a > 0.0 ? std::min(std::min(2.0 * a, 2.0 * b), c) : std::max(std::max(2.0 * a, 2.0 * b), c);
}

// WENO5-Z value at the right face of the middle cell of (a, b, c, d, e) = q_{j-2..j+2}.
// The left face of cell j is the same function of the mirrored stencil (e, d, c, b, a).
inline double weno5z_right(double a, double b, double c, double d, double e) {
  constexpr double kEps = 1e-40;  // Borges et al. 2008, section 4
  const double t0 = a - 2.0 * b + c, t1 = b - 2.0 * c + d, t2 = c - 2.0 * d + e;
  const double u0 = a - 4.0 * b + 3.0 * c, u1 = b - d, u2 = 3.0 * c - 4.0 * d + e;
  const double beta0 = (13.0 / 12.0) * t0 * t0 + 0.25 * u0 * u0;
  const double beta1 = (13.0 / 12.0) * t1 * t1 + 0.25 * u1 * u1;
  const double beta2 = (13.0 / 12.0) * t2 * t2 + 0.25 * u2 * u2;
  const double tau5 = std::fabs(beta0 - beta2);
  const double r0 = tau5 / (beta0 + kEps), r1 = tau5 / (beta1 + kEps), r2 = tau5 / (beta2 + kEps);
  const double w0 = 0.1 * (1.0 + r0 * r0), w1 = 0.6 * (1.0 + r1 * r1), w2 = 0.3 * (1.0 + r2 * r2);
  const double p0 = 2.0 * a - 7.0 * b + 11.0 * c, p1 = -b + 5.0 * c + 2.0 * d, p2 = 2.0 * c + 5.0 * d - e;
  return (w0 * p0 + w1 * p1 + w2 * p2) / (6.0 * (w0 + w1 + w2));
}

// Face values of cells [first, last] of q (q[j] is cell j; q[-kGhosts..] are valid ghost cells):
// minus[j] at the cell's left face, plus[j] at its right face.
void reconstruct(Reconstruction scheme, const double* q, int first, int last, double* minus, double* plus);

}  // namespace mfg::arz
