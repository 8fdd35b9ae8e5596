#include "relaxation.hpp"

#include <algorithm>
#include <cmath>

#include "kernels.hpp"
#include "transport.hpp"

namespace mfg::arz {

namespace {

// At rest with w < p (another class filled the space, so v = max(0, w - p) = 0): the ODE with v
// clamped at 0 is w_t = V_e / tau until w reaches p, then v relaxes from 0 towards V_e. w stays put
// where V_e = 0 (a car in a jam keeps its w).
double relax_at_rest(double w, double p, double ve, double tau, double h) {
  const double reach = ve > 0.0 ? (p - w) * tau / ve : INFINITY;
  return h <= reach ? w + ve * h / tau : p + ve * (1.0 - std::exp(-(h - reach) / tau));
}

struct ClassRelaxation {
  double creep, cap, decay, vacuum, inv_rho_jam;
};

// The exponential update of every cell (restrict parameters and 0/1 masks: the loop vectorises).
// Returns whether some cell is at rest with w < p (those need relax_at_rest); w_before keeps w.
bool relax_loop(int n, const ClassRelaxation& k, const double* __restrict rho, const double* __restrict vmax, const double* __restrict p,
                const double* __restrict total, double* __restrict y, double* __restrict w_before) {
  double at_rest = 0.0;
  for (int j = 0; j < n; ++j) {
    const double r = std::max(rho[j], 0.0);
    const double ve = k.creep + (vmax[j] - k.creep) * std::max(0.0, 1.0 - total[j] * k.inv_rho_jam);
    const double present = r > k.vacuum ? 1.0 : 0.0;
    // In vacuum w is undefined: it becomes its equilibrium value V_e + p.
    const double w = present * (y[j] / std::max(r, k.vacuum)) + (1.0 - present) * (ve + p[j]);
    at_rest = std::max(at_rest, w < p[j] ? 1.0 : 0.0);
    w_before[j] = w;
    // w moves monotonically towards V_e + p, so clipping the exact solution at the cap is the exact
    // solution of the clipped ODE.
    y[j] = r * std::min(k.cap, ve + (w - p[j] - ve) * k.decay + p[j]);
  }
  return at_rest > 0.0;
}

}  // namespace

void relax(const Segment& seg, const Scenario& sc, SegmentState& st, double h, const double* decay) {
  const int classes = sc.class_count(), n = seg.cells;
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  const PointValues pv = cell_values(seg, classes, st, 0);
  const double inv_rho_jam = seg.law.inv_rho_jam;
  for (int c = 0; c < classes; ++c) {
    const VehicleClass& vc = sc.classes[static_cast<std::size_t>(c)];
    const double creep = vc.creep, cap = sc.w_cap[c], e = decay[c];
    const double* rho = st.cell_rho(c);
    const double* vmax = seg.vmax[c].data();
    const double* p = pv.p[c];
    double* y = st.cell_y(c);
    double* w_before = pv.w[c];  // scratch: point_pressures leaves it free
    if (!relax_loop(n, {creep, cap, e, vacuum, inv_rho_jam}, rho, vmax, p, pv.total, y, w_before)) continue;
    for (int j = 0; j < n; ++j) {  // rare: the cells at rest, with their own exact solution
      if (!(w_before[j] < p[j])) continue;
      const double ve = creep + (vmax[j] - creep) * std::max(0.0, 1.0 - pv.total[j] * inv_rho_jam);
      y[j] = std::max(rho[j], 0.0) * std::min(cap, relax_at_rest(w_before[j], p[j], ve, vc.tau, h));
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
