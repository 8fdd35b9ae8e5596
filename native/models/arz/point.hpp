// One state of the coupled system at a point (a cell average or a reconstructed face value): its
// velocities, physical flux and the bounds of its characteristic speeds.
//
// Wave speeds of the 2N x 2N system (N classes). In the variables (rho_1..rho_N, w_1..w_N) the
// smooth equations are  w_i,t + v_i w_i,x = 0  and  rho_i,t + (rho_i v_i)_x = 0  with
// v_i = w_i - p_i(rho), so the Jacobian is block upper-triangular:
//   [ B   diag(rho) ]      B = diag(v) - diag(rho) P,   P_ij = d p_i / d rho_j >= 0,
//   [ 0   diag(v)   ]
// and its eigenvalues are v_1..v_N (the contact fields, linearly degenerate) and those of B. For two
// classes B's eigenvalues are (b11 + b22)/2 -+ sqrt(((b11 - b22)/2)^2 + b12 b21) with b12 b21 =
// rho_1 rho_2 P_12 P_21 >= 0: real, so the system is hyperbolic (Bagnerini & Rascle 2003).
// A class in vacuum (rho_i below the vacuum threshold) carries no wave and is left out.
#pragma once

#include <algorithm>
#include <cmath>

#include "law.hpp"

namespace mfg::arz {

// Densities below this fraction of the road's jam density are vacuum: their w is undefined (it is
// reset to the equilibrium value), they carry no wave and their flux is their density times v.
constexpr double kVacuumFraction = 1e-10;

struct Point {
  double rho[kMaxClasses] = {};
  double y[kMaxClasses] = {};   // rho_i w_i
  double v[kMaxClasses] = {};
  double f_rho[kMaxClasses] = {};  // rho_i v_i
  double f_y[kMaxClasses] = {};    // rho_i w_i v_i
  double smin = 0.0, smax = 0.0;   // bounds of the characteristic speeds
};

// Velocity of class i: v = w - p, never negative (a state with w < p is at rest). Vacuum: v = max(0, -p)
// is 0 and its flux vanishes with rho.
inline double class_velocity(double rho, double y, double p, double vacuum) {
  if (rho <= vacuum) return 0.0;
  return std::max(0.0, y / rho - p);
}

inline void evaluate_point(const RoadLaw& law, Point& pt) {
  const int n = law.classes;
  const double vacuum = kVacuumFraction / law.inv_rho_jam;
  double p[kMaxClasses], dp[kMaxClasses][kMaxClasses];
  double rho[kMaxClasses];
  for (int i = 0; i < n; ++i) rho[i] = std::max(pt.rho[i], 0.0);
  law.pressures(rho, p, dp);
  bool present[kMaxClasses];
  int count = 0;
  for (int i = 0; i < n; ++i) {
    present[i] = rho[i] > vacuum;
    count += present[i];
    pt.v[i] = class_velocity(rho[i], pt.y[i], p[i], vacuum);
    pt.f_rho[i] = rho[i] * pt.v[i];
    pt.f_y[i] = pt.f_rho[i] * (rho[i] > vacuum ? pt.y[i] / rho[i] : 0.0);
  }
  if (count == 0) {
    pt.smin = pt.smax = 0.0;
    return;
  }
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n; ++i)
    if (present[i]) {
      lo = std::min(lo, pt.v[i]);
      hi = std::max(hi, pt.v[i]);
    }
  if (count == 1 || n == 1) {
    const int i = present[0] ? 0 : 1;
    const double genuine = pt.v[i] - rho[i] * dp[i][i];
    pt.smin = std::min(lo, genuine);
    pt.smax = std::max(hi, genuine);
    return;
  }
  const double b11 = pt.v[0] - rho[0] * dp[0][0], b22 = pt.v[1] - rho[1] * dp[1][1];
  const double b12b21 = rho[0] * dp[0][1] * rho[1] * dp[1][0];
  const double half_gap = 0.5 * (b11 - b22);
  const double root = std::sqrt(half_gap * half_gap + b12b21);
  const double mid = 0.5 * (b11 + b22);
  pt.smin = std::min(lo, mid - root);
  pt.smax = std::max(hi, mid + root);
}

}  // namespace mfg::arz
