#include "transport.hpp"

#include <algorithm>
#include <cmath>

#include "demand_supply.hpp"

namespace mfg::arz {

namespace {

// Where a class's density in a stencil falls below this fraction of the jam density, its faces are
// reconstructed to first order: w = y / rho is then too ill-conditioned to extrapolate.
constexpr double kThinFraction = 1e-6;

bool is_node_end(EndKind k) { return k == EndKind::Junction || k == EndKind::Source || k == EndKind::Sink; }

// The cells first..first+n-1 of a segment as point states.
PointStates cells_of(const SegmentState& st, int classes, int first) {
  PointStates s;
  for (int c = 0; c < classes; ++c) {
    s.rho[c] = st.cell_rho(c) + first;
    s.y[c] = st.cell_y(c) + first;
  }
  return s;
}

// Views shifted by `offset` points.
PointStates shifted(const PointStates& s, int classes, int offset) {
  PointStates out;
  for (int c = 0; c < classes; ++c) out.rho[c] = s.rho[c] + offset, out.y[c] = s.y[c] + offset;
  return out;
}

PointValues shifted(const PointValues& v, int classes, int offset) {
  PointValues out = v;
  for (int c = 0; c < classes; ++c) {
    out.p[c] += offset, out.v[c] += offset, out.w[c] += offset, out.f_rho[c] += offset, out.f_y[c] += offset, out.slope[c] += offset;
  }
  out.smin += offset, out.smax += offset, out.total += offset;
  return out;
}

// Zhang & Shu 2010 (J. Comput. Phys. 229) scaling towards the cell average, so that both face
// densities are >= 0: the factor theta in [0, 1] to apply to (face - mean). With the conservative
// variables the same factor on rho w keeps the face w between the average's and the face's.
double positivity_factor(double mean, double face_m, double face_p) {
  const double lo = std::min(face_m, face_p);
  if (lo >= 0.0) return 1.0;
  return mean > 0.0 ? mean / (mean - lo) : 0.0;
}

void scale_towards(double mean, double theta, double& face_m, double& face_p) {
  face_m = mean + theta * (face_m - mean);
  face_p = mean + theta * (face_p - mean);
}

// Face values of class c from the reconstructions in w.minus / w.plus (cells -1..n at offset 1):
// first order where a stencil touches a thin state; the positivity scaling; and, when the second
// variable was reconstructed as w (primitive), rho w = rho_face w_face.
void limit_faces(const Segment& seg, const Numerics& numerics, int classes, const SegmentState& st, Workspace& w) {
  const int n = seg.cells, h = stencil_half_width(numerics.reconstruction);
  const bool primitive = numerics.variables == Variables::Primitive;
  const double thin = kThinFraction * seg.law.cls[0].rho_jam;
  for (int c = 0; c < classes; ++c) {
    const double* rho = st.cell_rho(c);
    const double* y = st.cell_y(c);
    double* rm = w.minus[2 * c].data() + 1;
    double* rp = w.plus[2 * c].data() + 1;
    double* ym = w.minus[2 * c + 1].data() + 1;
    double* yp = w.plus[2 * c + 1].data() + 1;
    for (int j = -1; j <= n; ++j) {
      bool thin_stencil = false;
      for (int k = j - h; k <= j + h; ++k) thin_stencil = thin_stencil || rho[k] < thin;
      if (thin_stencil) {
        rm[j] = rp[j] = rho[j];
        ym[j] = yp[j] = y[j];
        continue;
      }
      const double theta = positivity_factor(rho[j], rm[j], rp[j]);
      if (theta < 1.0) scale_towards(rho[j], theta, rm[j], rp[j]);
      if (primitive) {
        ym[j] *= rm[j];
        yp[j] *= rp[j];
      } else if (theta < 1.0) {
        scale_towards(y[j], theta, ym[j], yp[j]);
      }
    }
  }
}

void reconstruct_faces(const Segment& seg, const Numerics& numerics, int classes, const SegmentState& st, Workspace& w) {
  const int n = seg.cells;
  for (int c = 0; c < classes; ++c) {
    reconstruct(numerics.reconstruction, st.cell_rho(c), -1, n, w.minus[2 * c].data() + 1, w.plus[2 * c].data() + 1);
    const double* second = st.cell_y(c);
    if (numerics.variables == Variables::Primitive) {
      // w = y / rho in every cell and ghost (0 where thin: those stencils fall back to first order).
      const double thin = kThinFraction * seg.law.cls[0].rho_jam;
      const double* rho = st.cell_rho(c);
      double* wv = w.w.data() + kGhosts;
      for (int j = -kGhosts; j < n + kGhosts; ++j) wv[j] = rho[j] < thin ? 0.0 : second[j] / rho[j];
      second = wv;
    }
    reconstruct(numerics.reconstruction, second, -1, n, w.minus[2 * c + 1].data() + 1, w.plus[2 * c + 1].data() + 1);
  }
  limit_faces(seg, numerics, classes, st, w);
}

}  // namespace

PointValues cell_values(const Segment& seg, int classes, SegmentState& st, int first) {
  if (!st.pressures_valid) {
    fill_ghosts(seg, classes, st);  // the ghosts' densities copy the cells': one pass covers -1..n
    point_pressures(seg.law, seg.cells + 2, cells_of(st, classes, -1), st.cells.values);
    st.pressures_valid = true;
  }
  return shifted(st.cells.values, classes, first + 1);
}

void fill_ghosts(const Segment& seg, int classes, SegmentState& st) {
  const int n = seg.cells;
  const bool periodic = seg.upstream.kind == EndKind::Periodic;
  for (int c = 0; c < classes; ++c) {
    for (std::vector<double>* v : {&st.rho[c], &st.y[c]}) {
      double* q = v->data() + kGhosts;
      for (int g = 1; g <= kGhosts; ++g) {
        q[-g] = periodic ? q[n - g] : q[0];
        q[n - 1 + g] = periodic ? q[g - 1] : q[n - 1];
      }
    }
  }
}

void compute_face_fluxes(const Segment& seg, const Numerics& numerics, int classes, SegmentState& st, Workspace& w) {
  const int n = seg.cells;
  const RoadLaw& law = seg.law;
  if (numerics.reconstruction == Reconstruction::FirstOrder) {
    // One point per cell (-1..n), shared by the faces on both sides: face k between points k and k + 1.
    const PointStates cells = cells_of(st, classes, -1);
    PointValues values = cell_values(seg, classes, st, -1);
    derive_from_pressures(law, n + 2, cells, values, true);
    const PointStates right = shifted(cells, classes, 1);
    const PointValues right_values = shifted(values, classes, 1);
    numerical_fluxes(numerics.flux, classes, n + 1, cells, values, right, right_values, w.faces);
    limit_to_supply(law, n + 1, cells, values, right, right_values, w.faces);
  } else {
    reconstruct_faces(seg, numerics, classes, st, w);
    PointStates left, right;
    for (int c = 0; c < classes; ++c) {
      left.rho[c] = w.plus[2 * c].data(), left.y[c] = w.plus[2 * c + 1].data();             // cell k-1's right face
      right.rho[c] = w.minus[2 * c].data() + 1, right.y[c] = w.minus[2 * c + 1].data() + 1;  // cell k's left face
    }
    derive(law, n + 1, left, w.left.values, true);
    derive(law, n + 1, right, w.right.values, true);
    numerical_fluxes(numerics.flux, classes, n + 1, left, w.left.values, right, w.right.values, w.faces);
    // The receiving cells' averages (cells 0..n) bound what enters them.
    const PointStates cells = cells_of(st, classes, 0);
    PointValues values = cell_values(seg, classes, st, 0);
    derive_from_pressures(law, n + 1, cells, values, false);
    limit_to_supply(law, n + 1, left, w.left.values, cells, values, w.faces);
  }
  for (int c = 0; c < classes; ++c) {
    if (is_node_end(seg.upstream.kind)) w.faces.f_rho[c][0] = st.upstream_flux.rho[c], w.faces.f_y[c][0] = st.upstream_flux.y[c];
    if (is_node_end(seg.downstream.kind)) w.faces.f_rho[c][n] = st.downstream_flux.rho[c], w.faces.f_y[c][n] = st.downstream_flux.y[c];
  }
}

void update_cells(const Segment& seg, int classes, double dt, double a, double b, SegmentState& st, const Workspace& w) {
  const int n = seg.cells;
  st.pressures_valid = false;
  const double ratio = dt / seg.dx;
  for (int c = 0; c < classes; ++c) {
    double* rho = st.cell_rho(c);
    double* y = st.cell_y(c);
    const double* fr = w.faces.f_rho[c];
    const double* fy = w.faces.f_y[c];
    if (a == 0.0 && b == 1.0) {
      for (int j = 0; j < n; ++j) {
        rho[j] -= ratio * (fr[j + 1] - fr[j]);
        y[j] -= ratio * (fy[j + 1] - fy[j]);
      }
      continue;
    }
    const double* rho0 = st.rho0[c].data() + kGhosts;
    const double* y0 = st.y0[c].data() + kGhosts;
    for (int j = 0; j < n; ++j) {
      rho[j] = a * rho0[j] + b * (rho[j] - ratio * (fr[j + 1] - fr[j]));
      y[j] = a * y0[j] + b * (y[j] - ratio * (fy[j + 1] - fy[j]));
    }
  }
}

double cell_equilibrium_speed(const Segment& seg, const Scenario& sc, const SegmentState& st, int c, int j) {
  double total = 0.0;
  for (int k = 0; k < sc.class_count(); ++k) total += std::max(0.0, st.cell_rho(k)[j]);
  return equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][static_cast<std::size_t>(j)], sc.classes[static_cast<std::size_t>(c)].creep);
}

double cell_velocity(const Segment& seg, const Scenario& sc, const SegmentState& st, int c, int j) {
  const int classes = sc.class_count();
  double rho[kMaxClasses], p[kMaxClasses];
  for (int k = 0; k < classes; ++k) rho[k] = std::max(0.0, st.cell_rho(k)[j]);
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  if (rho[c] <= vacuum) return cell_equilibrium_speed(seg, sc, st, c, j);
  seg.law.pressures(rho, p);
  return class_velocity(rho[c], st.cell_y(c)[j], p[c], vacuum);
}

namespace {

// y <- min(y, rho cap) (restrict parameters: the loop vectorises); whether some cell is in vacuum.
bool cap_w(int n, double cap, double vacuum, const double* __restrict rho, double* __restrict y) {
  double any_vacuum = 0.0;
  for (int j = 0; j < n; ++j) {
    const double r = std::max(rho[j], 0.0);
    any_vacuum = std::max(any_vacuum, r <= vacuum ? 1.0 : 0.0);
    y[j] = std::min(y[j], r * cap);
  }
  return any_vacuum > 0.0;
}

}  // namespace

void sanitize(const Segment& seg, const Scenario& sc, SegmentState& st) {
  const int classes = sc.class_count(), n = seg.cells;
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  for (int c = 0; c < classes; ++c) {
    const double* rho = st.cell_rho(c);
    double* y = st.cell_y(c);
    if (!cap_w(n, sc.w_cap[c], vacuum, rho, y)) continue;
    for (int j = 0; j < n; ++j) {
      const double r = std::max(rho[j], 0.0);
      if (r > vacuum) continue;
      double all[kMaxClasses], p[kMaxClasses];
      for (int k = 0; k < classes; ++k) all[k] = std::max(0.0, st.cell_rho(k)[j]);
      seg.law.pressures(all, p);
      y[j] = r * (cell_equilibrium_speed(seg, sc, st, c, j) + p[c]);
    }
  }
}

double max_speed(const Segment& seg, int classes, SegmentState& st) {
  PointValues values = cell_values(seg, classes, st, 0);
  return max_wave_speed(seg.law, seg.cells, cells_of(st, classes, 0), values);
}

}  // namespace mfg::arz
