// The multiclass Aw-Rascle-Zhang law on one road: pressures, their derivatives, velocities and
// equilibrium speeds, in SI units (veh/m, m/s, s).
//
// Per class i (Aw & Rascle 2000, SIAM J. Appl. Math. 60(3); Zhang 2002, Transp. Res. B 36(3)):
//   rho_i,t + (rho_i v_i)_x = 0
//   (rho_i w_i)_t + (rho_i w_i v_i)_x = rho_i (V_e,i - v_i) / tau_i,       w_i = v_i + p_i
// The classes interact only through their pressures, as in the multiclass ARZ of Bagnerini & Rascle
// 2003 (SIAM J. Math. Anal. 35(4)); the pressure of class i sees the others with a weight alpha_i
// (gap filling: motorcycles see a car as alpha < 1 of a vehicle, the area-occupancy idea of
// Mohan & Ramadurai 2017, Phys. Lett. A 381(3)), and V_e carries a creep speed (Fan & Work 2015,
// SIAM J. Appl. Math. 75(2)):
//   p_i = K_i s_i^gamma_i,  s_i = (rho_i + alpha_i sum_{j != i} rho_j) / rho_jam
//   V_e,i = V_creep,i + (Vmax_i(R) - V_creep,i) max(0, 1 - rho / rho_jam),  rho = sum_j rho_j
#pragma once

#include <algorithm>
#include <cmath>

namespace mfg::arz {

constexpr int kMaxClasses = 2;

// s^gamma and s^(gamma - 1) without pow() for the exponents people use (pow costs ~40 ns, and the
// first-order corridor has a budget of ~25 ns per cell and step).
enum class PowerKind : unsigned char { One, ThreeHalves, Two, FiveHalves, Three, General };

inline PowerKind power_kind(double gamma) {
  if (gamma == 1.0) return PowerKind::One;
  if (gamma == 1.5) return PowerKind::ThreeHalves;
  if (gamma == 2.0) return PowerKind::Two;
  if (gamma == 2.5) return PowerKind::FiveHalves;
  if (gamma == 3.0) return PowerKind::Three;
  return PowerKind::General;
}

// Returns s^gamma and sets s^(gamma-1) in `lower`, for s >= 0.
inline double power(double s, PowerKind kind, double gamma, double& lower) {
  switch (kind) {
    case PowerKind::One: lower = 1.0; return s;
    case PowerKind::ThreeHalves: lower = std::sqrt(s); return s * lower;
    case PowerKind::Two: lower = s; return s * s;
    case PowerKind::FiveHalves: lower = s * std::sqrt(s); return s * lower;
    case PowerKind::Three: lower = s * s; return s * lower;
    default: break;
  }
  if (s <= 0.0) {
    lower = gamma > 1.0 ? 0.0 : (gamma == 1.0 ? 1.0 : INFINITY);
    return 0.0;
  }
  lower = std::pow(s, gamma - 1.0);
  return s * lower;
}

// Inverse of s -> s^gamma on s >= 0.
inline double power_inverse(double value, PowerKind kind, double gamma) {
  if (value <= 0.0) return 0.0;
  switch (kind) {
    case PowerKind::One: return value;
    case PowerKind::Two: return std::sqrt(value);
    case PowerKind::Three: return std::cbrt(value);
    case PowerKind::ThreeHalves: { const double c = std::cbrt(value); return c * c; }
    default: return std::pow(value, 1.0 / gamma);
  }
}

// One class's pressure law on one road (rho_jam already multiplied by the road's lanes).
struct ClassLaw {
  double K = 0.0;            // m/s
  double gamma = 2.0;
  PowerKind kind = PowerKind::Two;
  double alpha = 1.0;        // weight of the other classes in this class's pressure
  double inv_rho_jam = 4.0;  // m/veh
  double rho_jam = 0.25;     // veh/m

  // Effective occupancy s_i of this class given its own density and the others' total.
  double occupancy(double own, double others) const { return (own + alpha * others) * inv_rho_jam; }
  double pressure_of(double s) const {
    double lower;
    return K * power(std::max(s, 0.0), kind, gamma, lower);
  }
  // p and dp/ds (divide by rho_jam for dp/drho_own).
  double pressure(double s, double& dp_ds) const {
    double lower;
    const double p = K * power(std::max(s, 0.0), kind, gamma, lower);
    dp_ds = K * gamma * lower;
    return p;
  }
  // The occupancy at which the pressure equals `p` (inverse law).
  double occupancy_at_pressure(double p) const { return K > 0.0 ? power_inverse(p / K, kind, gamma) : INFINITY; }
};

// The law of all classes on one road.
struct RoadLaw {
  int classes = 1;
  ClassLaw cls[kMaxClasses];
  double inv_rho_jam = 4.0;  // of the road: rho_jam x lanes

  double others(const double* rho, int i) const {
    double s = 0.0;
    for (int j = 0; j < classes; ++j) s += (j == i) ? 0.0 : rho[j];
    return s;
  }
  // Pressures p_i for densities rho[0..classes).
  void pressures(const double* rho, double* p) const {
    for (int i = 0; i < classes; ++i) p[i] = cls[i].pressure_of(cls[i].occupancy(rho[i], others(rho, i)));
  }
  // Pressures and their derivatives: dp[i][j] = d p_i / d rho_j.
  void pressures(const double* rho, double* p, double (*dp)[kMaxClasses]) const {
    for (int i = 0; i < classes; ++i) {
      double dp_ds;
      p[i] = cls[i].pressure(cls[i].occupancy(rho[i], others(rho, i)), dp_ds);
      const double own = dp_ds * cls[i].inv_rho_jam;
      for (int j = 0; j < classes; ++j) dp[i][j] = (j == i) ? own : cls[i].alpha * own;
    }
  }
};

// Velocity of a class from rho and y = rho w: v = max(0, w - p) (a state with w < p is at rest);
// 0 in vacuum (rho <= vacuum), where w is undefined.
inline double class_velocity(double rho, double y, double p, double vacuum) {
  if (rho <= vacuum) return 0.0;
  return std::max(0.0, y / rho - p);
}

// V_e,i(rho, R): creep + (vmax - creep) g(rho), g = max(0, 1 - rho/rho_jam).
inline double equilibrium_speed(double total_density, double inv_rho_jam, double vmax, double creep) {
  const double g = std::max(0.0, 1.0 - total_density * inv_rho_jam);
  return creep + (vmax - creep) * g;
}

}  // namespace mfg::arz
