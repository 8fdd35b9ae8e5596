#include "relaxation.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

void relax(const Segment& seg, const Scenario& sc, SegmentState& st, double h, const double* decay) {
  const int classes = sc.class_count(), n = seg.cells;
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  double creep[kMaxClasses], taus[kMaxClasses];
  for (int c = 0; c < classes; ++c) {
    creep[c] = sc.classes[static_cast<std::size_t>(c)].creep;
    taus[c] = sc.classes[static_cast<std::size_t>(c)].tau;
  }
  for (int j = 0; j < n; ++j) {
    double rho[kMaxClasses], p[kMaxClasses], total = 0.0;
    for (int c = 0; c < classes; ++c) {
      rho[c] = std::max(0.0, st.cell_rho(c)[j]);
      total += rho[c];
    }
    seg.law.pressures(rho, p);
    for (int c = 0; c < classes; ++c) {
      double& y = st.cell_y(c)[j];
      const double ve = equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][static_cast<std::size_t>(j)], creep[c]);
      if (rho[c] <= vacuum) {
        y = rho[c] * (ve + p[c]);
        continue;
      }
      const double w = y / rho[c], cap = sc.w_cap[c];
      if (w >= p[c]) {
        // w moves monotonically towards V_e + p, so clipping the exact solution at the cap is the
        // exact solution of the clipped ODE.
        y = rho[c] * std::min(cap, ve + (w - p[c] - ve) * decay[c] + p[c]);
        continue;
      }
      // At rest with w < p (another class filled the space): w_t = V_e / tau until w reaches p, then
      // v relaxes from 0 towards V_e. w stays put where V_e = 0 (a car in a jam keeps its w).
      const double tau = taus[c], reach = ve > 0.0 ? (p[c] - w) * tau / ve : INFINITY;
      y = rho[c] * std::min(cap, h <= reach ? w + ve * h / tau : p[c] + ve * (1.0 - std::exp(-(h - reach) / tau)));
    }
  }
}

void relax_network(const Scenario& sc, std::vector<SegmentState>& segments, double h) {
  if (!sc.relaxation || !(h > 0.0)) return;
  double decay[kMaxClasses];
  for (int c = 0; c < sc.class_count(); ++c) decay[c] = std::exp(-h / sc.classes[static_cast<std::size_t>(c)].tau);
  for (std::size_t s = 0; s < sc.segments.size(); ++s) relax(sc.segments[s], sc, segments[s], h, decay);
}

}  // namespace mfg::arz
