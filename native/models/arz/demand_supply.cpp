#include "demand_supply.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

double curve_flow(const ClassLaw& law, double w, double others, double r) {
  return r * std::max(0.0, w - law.pressure_of(law.occupancy(r, others)));
}

double critical_density(const ClassLaw& law, double w, double others) {
  // In the occupancy s = (r + alpha others) / rho_jam, with c = s at r = 0:
  //   dQ/dr = 0  <=>  f(s) = w - K (1 + gamma) s^gamma + c gamma K s^(gamma - 1) = 0.
  // f is decreasing and concave on s >= c (for gamma >= 1), f(c) = w - p(c); Newton from the right end
  // (where p(s) = w and f <= 0) converges monotonically.
  const double c = law.occupancy(0.0, others);
  if (w <= law.pressure_of(c)) return 0.0;
  const double g = law.gamma, K = law.K;
  if (c <= 0.0) return law.occupancy_at_pressure(w / (1.0 + g)) * law.rho_jam;
  double s = law.occupancy_at_pressure(w);
  for (int it = 0; it < 30; ++it) {
    double lower;
    const double sg = power(s, law.kind, g, lower);  // s^g, s^(g-1)
    const double f = w - K * (1.0 + g) * sg + c * g * K * lower;
    const double df = -K * (1.0 + g) * g * lower + (s > 0.0 ? c * g * (g - 1.0) * K * lower / s : 0.0);
    if (!(df < 0.0)) break;
    const double next = std::max(c, s - f / df);
    const bool converged = std::fabs(next - s) <= 1e-14 * s;
    s = next;
    if (converged) break;
  }
  return std::max(0.0, (s - c) * law.rho_jam);
}

double class_demand(const ClassLaw& law, double w, double others, double rho) {
  if (!(rho > 0.0)) return 0.0;
  const double critical = critical_density(law, w, others);
  return curve_flow(law, w, others, std::min(rho, critical));
}

double class_supply(const ClassLaw& law, double w, double others_down, double v_down) {
  const double critical = critical_density(law, w, others_down);
  const double capacity = curve_flow(law, w, others_down, critical);
  const double excess = w - v_down;  // the pressure of the middle state
  if (excess <= law.pressure_of(law.occupancy(0.0, others_down))) return capacity;  // middle state empty
  const double middle = law.occupancy_at_pressure(excess) * law.rho_jam - law.alpha * others_down;
  if (middle <= critical) return capacity;
  return middle * std::max(v_down, 0.0);
}

void limit_to_supply(const RoadLaw& law, int n, const PointStates& up, const PointValues& up_values, const PointStates& cell,
                     const PointValues& cell_values, FaceFluxes& f) {
  const double vacuum = kVacuumFraction / law.inv_rho_jam;
  for (int i = 0; i < law.classes; ++i) {
    const ClassLaw& cl = law.cls[i];
    double* f_rho = f.f_rho[i];
    double* f_y = f.f_y[i];
    for (int k = 0; k < n; ++k) {
      if (!(f_rho[k] > 0.0)) {  // vehicles never move backwards
        f_rho[k] = f_y[k] = 0.0;
        continue;
      }
      const double rho_down = std::max(cell.rho[i][k], 0.0);
      if (up.rho[i][k] <= vacuum || rho_down <= vacuum) continue;
      const double w = up_values.w[i][k], v_down = cell_values.v[i][k];
      const double excess = w - v_down;  // p of the middle state
      // lambda_1 of the middle state is >= v_down - gamma p(s_m) (as r_m <= s_m rho_jam): when that is
      // >= 0 the middle state is free, whatever its density; in free flow this skips the root below.
      if (v_down >= cl.gamma * excess) continue;
      const double others = cell_values.total[k] - rho_down;
      if (excess <= cl.pressure_of(cl.occupancy(0.0, others))) continue;  // middle state empty: the supply is the capacity
      const double s = cl.occupancy_at_pressure(excess);
      const double middle = s * cl.rho_jam - cl.alpha * others;
      if (f_rho[k] <= middle * v_down) continue;  // below the supply whatever the middle state's regime
      // Congested middle state (Q_w'(r_m) = lambda_1 < 0): the supply is exactly r_m v_down. Free: the
      // capacity, which bounds no jam, and the flux is left alone (no Newton solve).
      double dp_ds;
      cl.pressure(s, dp_ds);
      if (v_down - middle * dp_ds * cl.inv_rho_jam >= 0.0) continue;
      f_rho[k] = middle * v_down;
      f_y[k] = f_rho[k] * w;
    }
  }
}

}  // namespace mfg::arz
