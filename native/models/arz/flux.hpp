// Numerical fluxes between two point states (point.hpp) of the coupled system.
//
// HLL: Harten, Lax & van Leer 1983 (SIAM Review 25(1)), with Davis's bounds (1988, SIAM J. Sci. Stat.
// Comput. 9(3)): S_L = min(smin_L, smin_R), S_R = max(smax_L, smax_R), over all four characteristic
// speeds of both states (point.hpp), so the bound covers the coupled 2N x 2N system, not each class
// alone. Rusanov 1961 (local Lax-Friedrichs): a = max |speed| of both states.
// Both are exactly upwind when every wave moves forward (free flow, S_L >= 0), the usual case.
#pragma once

#include <algorithm>
#include <cmath>

#include "point.hpp"

namespace mfg::arz {

enum class FluxKind : unsigned char { Hll, Rusanov };

struct FaceFlux {
  double rho[kMaxClasses] = {};
  double y[kMaxClasses] = {};
};

inline void hll_flux(int classes, const Point& l, const Point& r, FaceFlux& f) {
  const double sl = std::min(l.smin, r.smin), sr = std::max(l.smax, r.smax);
  if (sl >= 0.0) {
    for (int i = 0; i < classes; ++i) f.rho[i] = l.f_rho[i], f.y[i] = l.f_y[i];
    return;
  }
  if (sr <= 0.0) {
    for (int i = 0; i < classes; ++i) f.rho[i] = r.f_rho[i], f.y[i] = r.f_y[i];
    return;
  }
  const double inv = 1.0 / (sr - sl), prod = sl * sr;
  for (int i = 0; i < classes; ++i) {
    f.rho[i] = (sr * l.f_rho[i] - sl * r.f_rho[i] + prod * (r.rho[i] - l.rho[i])) * inv;
    f.y[i] = (sr * l.f_y[i] - sl * r.f_y[i] + prod * (r.y[i] - l.y[i])) * inv;
  }
}

inline void rusanov_flux(int classes, const Point& l, const Point& r, FaceFlux& f) {
  const double a = std::max(std::max(std::fabs(l.smin), std::fabs(l.smax)), std::max(std::fabs(r.smin), std::fabs(r.smax)));
  for (int i = 0; i < classes; ++i) {
    f.rho[i] = 0.5 * (l.f_rho[i] + r.f_rho[i]) - 0.5 * a * (r.rho[i] - l.rho[i]);
    f.y[i] = 0.5 * (l.f_y[i] + r.f_y[i]) - 0.5 * a * (r.y[i] - l.y[i]);
  }
}

inline void numerical_flux(FluxKind kind, int classes, const Point& l, const Point& r, FaceFlux& f) {
  if (kind == FluxKind::Hll) hll_flux(classes, l, r, f);
  else rusanov_flux(classes, l, r, f);
}

}  // namespace mfg::arz
