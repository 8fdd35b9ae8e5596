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

void limit_to_supply(const RoadLaw& law, const Point& l, const Point& r, FaceFlux& f) {
  const double vacuum = kVacuumFraction / law.inv_rho_jam;
  double total_r = 0.0;
  for (int i = 0; i < law.classes; ++i) total_r += std::max(0.0, r.rho[i]);
  for (int i = 0; i < law.classes; ++i) {
    if (!(f.rho[i] > 0.0)) {
      f.rho[i] = f.y[i] = 0.0;
      continue;
    }
    if (l.rho[i] <= vacuum || r.rho[i] <= vacuum) continue;
    const ClassLaw& cl = law.cls[i];
    const double w = l.y[i] / l.rho[i], others = total_r - std::max(0.0, r.rho[i]);
    const double excess = w - r.v[i];
    if (excess <= cl.pressure_of(cl.occupancy(0.0, others))) continue;  // middle state empty: supply is the capacity
    const double middle = cl.occupancy_at_pressure(excess) * cl.rho_jam - cl.alpha * others;
    if (f.rho[i] <= middle * r.v[i]) continue;  // below every possible supply
    const double supply = class_supply(cl, w, others, r.v[i]);
    if (f.rho[i] > supply) {
      f.rho[i] = supply;
      f.y[i] = supply * w;
    }
  }
}

}  // namespace mfg::arz
