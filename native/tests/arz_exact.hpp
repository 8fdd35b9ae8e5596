// The exact solution of the Riemann problem of the single-class ARZ model with p(rho) = K (rho/rho_jam)^gamma,
// derived from Aw & Rascle 2000 (section 4), for the convergence tests.
//
// From the left state L the solution moves along the w = w_L curve (a 1-wave), then a contact
// discontinuity at speed v_R reaches the right state (v is continuous across it, w jumps):
//  - v_R >= w_L: no state of that curve has velocity v_R: a 1-rarefaction from L to vacuum (where
//    v = w_L), vacuum between x/t = w_L and v_R, then R.
//  - otherwise the middle state M has v_M = v_R and p(rho_M) = w_L - v_R. The 1-wave is classified
//    by the velocities, not by the flows: v_R < v_L (rho_M > rho_L) is a shock with the
//    Rankine-Hugoniot speed (rho_M v_M - rho_L v_L) / (rho_M - rho_L); v_R > v_L is a rarefaction,
//    in which lambda_1 = v - rho p'(rho) = w_L - (1 + gamma) p(rho) = x/t gives
//    rho(x/t) = rho_jam ((w_L - x/t) / ((1 + gamma) K))^(1/gamma) exactly (not a linear interpolation).
#pragma once

#include <cmath>

namespace mfg::arz::test {

struct PowerPressure {
  double K, gamma, rho_jam;  // m/s, -, veh/m
  double p(double rho) const { return K * std::pow(rho / rho_jam, gamma); }
  double rho_of_p(double pressure) const { return pressure <= 0.0 ? 0.0 : rho_jam * std::pow(pressure / K, 1.0 / gamma); }
  double lambda1(double rho, double v) const { return v - gamma * p(rho); }  // v - rho p'(rho)
};

struct State {
  double rho, v;  // veh/m, m/s
};

// The density at x/t = xi.
inline double exact_density(const PowerPressure& law, State l, State r, double xi) {
  const double wl = l.v + law.p(l.rho);
  auto fan = [&](double s) { return law.rho_of_p((wl - s) / (1.0 + law.gamma)); };
  if (r.v >= wl) {
    if (xi < law.lambda1(l.rho, l.v)) return l.rho;
    if (xi < wl) return fan(xi);
    if (xi < r.v) return 0.0;
    return r.rho;
  }
  const double rho_m = law.rho_of_p(wl - r.v);
  if (xi >= r.v) return r.rho;
  if (rho_m > l.rho) {
    const double shock = (rho_m * r.v - l.rho * l.v) / (rho_m - l.rho);
    return xi < shock ? l.rho : rho_m;
  }
  if (xi < law.lambda1(l.rho, l.v)) return l.rho;
  if (xi < law.lambda1(rho_m, r.v)) return fan(xi);
  return rho_m;
}

// Cell average over [a, b] at time t of the problem with its jump at x0 (midpoint rule on 64 points).
inline double exact_average(const PowerPressure& law, State l, State r, double x0, double t, double a, double b) {
  const int n = 64;
  double sum = 0.0;
  for (int k = 0; k < n; ++k) sum += exact_density(law, l, r, (a + (k + 0.5) * (b - a) / n - x0) / t);
  return sum / n;
}

}  // namespace mfg::arz::test
