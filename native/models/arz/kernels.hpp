// The per-point quantities of the coupled system over arrays of points (cells or face values), in
// structure-of-arrays form so that the loops vectorise: pressures and their slopes, velocities,
// physical fluxes, and bounds of the characteristic speeds.
//
// Wave speeds of the 2N x 2N system (N classes). In the variables (rho_1..rho_N, w_1..w_N) the
// smooth equations are  w_i,t + v_i w_i,x = 0  and  rho_i,t + (rho_i v_i)_x = 0  with
// v_i = w_i - p_i(rho), so the Jacobian is block upper-triangular:
//   [ B   diag(rho) ]      B = diag(v) - diag(rho) P,   P_ij = d p_i / d rho_j >= 0,
//   [ 0   diag(v)   ]
// and its eigenvalues are v_1..v_N (the contact fields, linearly degenerate) and those of B. For two
// classes B's eigenvalues are (b11 + b22)/2 -+ sqrt(((b11 - b22)/2)^2 + b12 b21) with b12 b21 =
// rho_1 rho_2 P_12 P_21 >= 0: real, so the system is hyperbolic (Bagnerini & Rascle 2003). A class
// in vacuum (rho_i at most kVacuumFraction rho_jam) carries no wave and is left out; its w is
// undefined, its velocity and flux are 0.
#pragma once

#include "law.hpp"

namespace mfg::arz {

// Densities at most this fraction of the road's jam density are vacuum.
constexpr double kVacuumFraction = 1e-10;

// The states at n points: rho_i and rho_i w_i per class (views, not owned).
struct PointStates {
  const double* rho[kMaxClasses] = {};
  const double* y[kMaxClasses] = {};
};

// What derive() computes at the same n points (arrays owned by the caller, each of length >= n).
struct PointValues {
  double* p[kMaxClasses] = {};
  double* v[kMaxClasses] = {};
  double* w[kMaxClasses] = {};      // y / rho (0 in vacuum)
  double* f_rho[kMaxClasses] = {};  // rho_i v_i
  double* f_y[kMaxClasses] = {};    // rho_i w_i v_i
  double* smin = nullptr;           // bounds of the characteristic speeds
  double* smax = nullptr;
  double* slope[kMaxClasses] = {};  // scratch: d p_i / d rho_i
  double* total = nullptr;          // scratch: sum of the densities
};

// Pressures of every class at n points, and d p_i / d rho_i (into out.slope, which must be allocated).
void point_pressures(const RoadLaw& law, int n, const PointStates& in, PointValues& out);
// Pressures, velocities (v = max(0, w - p)), fluxes and, when `speeds`, the characteristic speed bounds.
void derive(const RoadLaw& law, int n, const PointStates& in, PointValues& out, bool speeds);
// The same from pressures already in out (p, slope, total: they depend on the densities only, so
// they stay valid while the relaxation changes rho w).
void derive_from_pressures(const RoadLaw& law, int n, const PointStates& in, PointValues& out, bool speeds);

// The flux through one face (segment ends attached to nodes).
struct FaceFlux {
  double rho[kMaxClasses] = {};
  double y[kMaxClasses] = {};
};

// max over n points of |characteristic speed|, from pressures already in `pressures` (p, slope):
// derive_from_pressures's speeds without its other outputs (the CFL condition's pass; smax is scratch).
double max_wave_speed(const RoadLaw& law, int n, const PointStates& in, PointValues& pressures);

// Flux arrays at the faces: f_rho[c][k], f_y[c][k].
struct FaceFluxes {
  double* f_rho[kMaxClasses] = {};
  double* f_y[kMaxClasses] = {};
};

enum class FluxKind : unsigned char { Hll, Rusanov };

// Face k's flux from left point k and right point k (offsets already applied by the caller).
// HLL: Harten, Lax & van Leer 1983 (SIAM Review 25(1)), with Davis's bounds (1988, SIAM J. Sci.
// Stat. Comput. 9(3)): S_L = min(smin_L, smin_R), S_R = max(smax_L, smax_R) over all the
// characteristic speeds of both states, so the bound covers the coupled system, not each class
// alone. Rusanov 1961 (local Lax-Friedrichs): a = max |speed| of both states. Both are exactly
// upwind when every wave moves forwards (free flow, S_L >= 0), the usual case.
void numerical_fluxes(FluxKind kind, int classes, int n, const PointStates& l_state, const PointValues& l,
                      const PointStates& r_state, const PointValues& r, FaceFluxes& f);

}  // namespace mfg::arz
