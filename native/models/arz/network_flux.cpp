#include "network_flux.hpp"

#include <algorithm>

#include "demand_supply.hpp"
#include "node_model.hpp"

namespace mfg::arz {

namespace {

// A road's end cell as the node sees it, per class: density, w, velocity, the others' density.
struct EndCell {
  double rho[kMaxClasses] = {}, w[kMaxClasses] = {}, v[kMaxClasses] = {}, others[kMaxClasses] = {};
};

EndCell end_cell(const Scenario& sc, const Segment& seg, const SegmentState& st, int j) {
  const int classes = sc.class_count();
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  EndCell e;
  double p[kMaxClasses], total = 0.0;
  for (int c = 0; c < classes; ++c) {
    e.rho[c] = std::max(0.0, st.cell_rho(c)[j]);
    total += e.rho[c];
  }
  seg.law.pressures(e.rho, p);
  for (int c = 0; c < classes; ++c) {
    e.others[c] = total - e.rho[c];
    const double ve = equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][static_cast<std::size_t>(j)],
                                        sc.classes[static_cast<std::size_t>(c)].creep);
    if (e.rho[c] > vacuum) {
      e.w[c] = st.cell_y(c)[j] / e.rho[c];
      e.v[c] = std::max(0.0, e.w[c] - p[c]);
    } else {
      e.v[c] = ve;  // where a class is absent its vehicles would arrive at the equilibrium speed
      e.w[c] = ve + p[c];
    }
  }
  return e;
}

void junction_fluxes(const Scenario& sc, const Junction& jn, std::uint32_t green, std::vector<SegmentState>& states) {
  const int n_in = static_cast<int>(jn.in.size()), n_out = static_cast<int>(jn.out.size());
  EndCell up[kMaxJunctionRoads], down[kMaxJunctionRoads];
  for (int a = 0; a < n_in; ++a) {
    const Segment& s = sc.segments[static_cast<std::size_t>(jn.in[a])];
    up[a] = end_cell(sc, s, states[static_cast<std::size_t>(jn.in[a])], s.cells - 1);
  }
  for (int b = 0; b < n_out; ++b)
    down[b] = end_cell(sc, sc.segments[static_cast<std::size_t>(jn.out[b])], states[static_cast<std::size_t>(jn.out[b])], 0);
  for (int c = 0; c < sc.class_count(); ++c) {
    double demand[kMaxJunctionRoads], supply[kMaxJunctionRoads], w_in[kMaxJunctionRoads];
    double flow[kMaxJunctionRoads * kMaxJunctionRoads];
    for (int a = 0; a < n_in; ++a) {
      const bool open = (green >> a) & 1U;
      const ClassLaw& law = sc.segments[static_cast<std::size_t>(jn.in[a])].law.cls[c];
      demand[a] = open ? class_demand(law, up[a].w[c], up[a].others[c], up[a].rho[c]) : 0.0;
    }
    // weights: first the demands split by the turning ratios, then the allocated flows.
    const double* weights = nullptr;
    for (int pass = 0; pass < (n_in > 1 ? 2 : 1); ++pass) {
      for (int b = 0; b < n_out; ++b) {
        double total = 0.0, carried = 0.0, top = 0.0;
        for (int a = 0; a < n_in; ++a) {
          const double q = weights ? weights[a * n_out + b] : jn.turning[static_cast<std::size_t>(a * n_out + b)] * demand[a];
          total += q;
          carried += q * up[a].w[c];
          top = std::max(top, up[a].w[c]);
        }
        w_in[b] = total > 0.0 ? carried / total : top;
        const ClassLaw& law = sc.segments[static_cast<std::size_t>(jn.out[b])].law.cls[c];
        supply[b] = class_supply(law, w_in[b], down[b].others[c], down[b].v[c]);
      }
      allocate_junction_flows(n_in, n_out, demand, jn.turning.data(), jn.priority.data(), supply, flow);
      weights = flow;
    }
    for (int a = 0; a < n_in; ++a) {
      double q = 0.0;
      for (int b = 0; b < n_out; ++b) q += flow[a * n_out + b];
      FaceFlux& f = states[static_cast<std::size_t>(jn.in[a])].downstream_flux;
      f.rho[c] = q;
      f.y[c] = q * up[a].w[c];
    }
    for (int b = 0; b < n_out; ++b) {
      double q = 0.0, qw = 0.0;
      for (int a = 0; a < n_in; ++a) {
        q += flow[a * n_out + b];
        qw += flow[a * n_out + b] * up[a].w[c];
      }
      FaceFlux& f = states[static_cast<std::size_t>(jn.out[b])].upstream_flux;
      f.rho[c] = q;
      f.y[c] = qw;
    }
  }
}

void source_fluxes(const Scenario& sc, int s, const double* demand, std::vector<SegmentState>& states) {
  const Source& src = sc.sources[static_cast<std::size_t>(s)];
  const Segment& seg = sc.segments[static_cast<std::size_t>(src.segment)];
  SegmentState& st = states[static_cast<std::size_t>(src.segment)];
  const EndCell first = end_cell(sc, seg, st, 0);
  double p[kMaxClasses];
  seg.law.pressures(first.rho, p);
  double total = 0.0;
  for (int c = 0; c < sc.class_count(); ++c) total += first.rho[c];
  for (int c = 0; c < sc.class_count(); ++c) {
    const double ve = equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][0], sc.classes[static_cast<std::size_t>(c)].creep);
    const double w_in = ve + p[c];
    const double q = std::min(demand[c], class_supply(seg.law.cls[c], w_in, first.others[c], first.v[c]));
    st.upstream_flux.rho[c] = q;
    st.upstream_flux.y[c] = q * w_in;
  }
}

void sink_fluxes(const Scenario& sc, const Sink& sink, std::vector<SegmentState>& states) {
  const Segment& seg = sc.segments[static_cast<std::size_t>(sink.segment)];
  SegmentState& st = states[static_cast<std::size_t>(sink.segment)];
  const EndCell last = end_cell(sc, seg, st, seg.cells - 1);
  double demand[kMaxClasses], total = 0.0;
  for (int c = 0; c < sc.class_count(); ++c) {
    demand[c] = class_demand(seg.law.cls[c], last.w[c], last.others[c], last.rho[c]);
    total += demand[c];
  }
  const double scale = total > sink.capacity ? sink.capacity / total : 1.0;
  for (int c = 0; c < sc.class_count(); ++c) {
    st.downstream_flux.rho[c] = demand[c] * scale;
    st.downstream_flux.y[c] = demand[c] * scale * last.w[c];
  }
}

}  // namespace

void compute_node_fluxes(const Scenario& sc, const std::vector<SignalController>& signals, const double* source_demand,
                         std::vector<SegmentState>& states) {
  for (std::size_t j = 0; j < sc.junctions.size(); ++j) {
    const Junction& jn = sc.junctions[j];
    const std::uint32_t green = jn.signalised ? signals[j].green_mask(jn.signal) : ~0U;
    junction_fluxes(sc, jn, green, states);
  }
  for (std::size_t s = 0; s < sc.sources.size(); ++s)
    source_fluxes(sc, static_cast<int>(s), source_demand + s * static_cast<std::size_t>(sc.class_count()), states);
  for (const Sink& sink : sc.sinks) sink_fluxes(sc, sink, states);
}

}  // namespace mfg::arz
