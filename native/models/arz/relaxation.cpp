#include "relaxation.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

void relax(const Segment& seg, const Scenario& sc, SegmentState& st, const double* decay) {
  const int classes = sc.class_count(), n = seg.cells;
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  double creep[kMaxClasses];
  for (int c = 0; c < classes; ++c) creep[c] = sc.classes[static_cast<std::size_t>(c)].creep;
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
      const double v = rho[c] <= vacuum ? ve : class_velocity(rho[c], y, p[c], vacuum);
      y = rho[c] * (ve + (v - ve) * decay[c] + p[c]);
    }
  }
}

void relax_network(const Scenario& sc, std::vector<SegmentState>& segments, double h) {
  if (!sc.relaxation || !(h > 0.0)) return;
  double decay[kMaxClasses];
  for (int c = 0; c < sc.class_count(); ++c) decay[c] = std::exp(-h / sc.classes[static_cast<std::size_t>(c)].tau);
  for (std::size_t s = 0; s < sc.segments.size(); ++s) relax(sc.segments[s], sc, segments[s], decay);
}

}  // namespace mfg::arz
