#include "transport.hpp"

#include "demand_supply.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

namespace {

// Where a class's density in a stencil falls below this fraction of the jam density, its faces are
// reconstructed to first order: w = y / rho is then too ill-conditioned to extrapolate.
constexpr double kThinFraction = 1e-6;

bool is_node_end(EndKind k) { return k == EndKind::Junction || k == EndKind::Source || k == EndKind::Sink; }

void load_cell(const SegmentState& st, int classes, int j, Point& p) {
  for (int c = 0; c < classes; ++c) {
    p.rho[c] = st.rho[c][static_cast<std::size_t>(j + kGhosts)];
    p.y[c] = st.y[c][static_cast<std::size_t>(j + kGhosts)];
  }
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

}  // namespace

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
    // One point per cell (-1..n), shared by the faces on both sides.
    for (int j = -1; j <= n; ++j) {
      Point& p = w.left[static_cast<std::size_t>(j + 1)];
      load_cell(st, classes, j, p);
      evaluate_point(law, p);
    }
    for (int k = 0; k <= n; ++k) {
      const Point& l = w.left[static_cast<std::size_t>(k)];
      const Point& r = w.left[static_cast<std::size_t>(k + 1)];
      numerical_flux(numerics.flux, classes, l, r, w.faces[static_cast<std::size_t>(k)]);
      limit_to_supply(law, l, r, w.faces[static_cast<std::size_t>(k)]);
    }
  } else {
    for (int c = 0; c < classes; ++c) {
      reconstruct(numerics.reconstruction, st.cell_rho(c), -1, n, w.minus[2 * c].data() + 1, w.plus[2 * c].data() + 1);
      const double* second = st.cell_y(c);
      if (numerics.variables == Variables::Primitive) {
        // w = y / rho in every cell and ghost (0 where thin: those stencils fall back to first order).
        const double thin = kThinFraction * law.cls[0].rho_jam;
        const double* rho = st.cell_rho(c);
        double* wv = w.w.data() + kGhosts;
        for (int j = -kGhosts; j < n + kGhosts; ++j) wv[j] = rho[j] < thin ? 0.0 : second[j] / rho[j];
        second = wv;
      }
      reconstruct(numerics.reconstruction, second, -1, n, w.minus[2 * c + 1].data() + 1, w.plus[2 * c + 1].data() + 1);
    }
    limit_faces(seg, numerics, classes, st, w);
    for (int j = 0; j <= n; ++j) {  // cell averages 0..n (the receiving cells' supplies)
      Point& p = w.cells[static_cast<std::size_t>(j + 1)];
      load_cell(st, classes, j, p);
      evaluate_point(law, p);
    }
    for (int k = 0; k <= n; ++k) {
      Point& l = w.left[static_cast<std::size_t>(k)];
      Point& r = w.right[static_cast<std::size_t>(k)];
      for (int c = 0; c < classes; ++c) {
        l.rho[c] = w.plus[2 * c][static_cast<std::size_t>(k)];  // cell k-1's right face (offset 1)
        l.y[c] = w.plus[2 * c + 1][static_cast<std::size_t>(k)];
        r.rho[c] = w.minus[2 * c][static_cast<std::size_t>(k + 1)];  // cell k's left face
        r.y[c] = w.minus[2 * c + 1][static_cast<std::size_t>(k + 1)];
      }
      evaluate_point(law, l);
      evaluate_point(law, r);
      numerical_flux(numerics.flux, classes, l, r, w.faces[static_cast<std::size_t>(k)]);
      limit_to_supply(law, l, w.cells[static_cast<std::size_t>(k + 1)], w.faces[static_cast<std::size_t>(k)]);
    }
  }
  if (is_node_end(seg.upstream.kind)) w.faces[0] = st.upstream_flux;
  if (is_node_end(seg.downstream.kind)) w.faces[static_cast<std::size_t>(n)] = st.downstream_flux;
}

void update_cells(const Segment& seg, int classes, double dt, double a, double b, SegmentState& st, const Workspace& w) {
  const int n = seg.cells;
  const double ratio = dt / seg.dx;
  const FaceFlux* f = w.faces.data();
  for (int c = 0; c < classes; ++c) {
    double* rho = st.cell_rho(c);
    double* y = st.cell_y(c);
    if (a == 0.0 && b == 1.0) {
      for (int j = 0; j < n; ++j) {
        rho[j] -= ratio * (f[j + 1].rho[c] - f[j].rho[c]);
        y[j] -= ratio * (f[j + 1].y[c] - f[j].y[c]);
      }
      continue;
    }
    const double* rho0 = st.rho0[c].data() + kGhosts;
    const double* y0 = st.y0[c].data() + kGhosts;
    for (int j = 0; j < n; ++j) {
      rho[j] = a * rho0[j] + b * (rho[j] - ratio * (f[j + 1].rho[c] - f[j].rho[c]));
      y[j] = a * y0[j] + b * (y[j] - ratio * (f[j + 1].y[c] - f[j].y[c]));
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

void sanitize(const Segment& seg, const Scenario& sc, SegmentState& st) {
  const int classes = sc.class_count(), n = seg.cells;
  const double vacuum = kVacuumFraction * seg.law.cls[0].rho_jam;
  for (int j = 0; j < n; ++j) {
    double rho[kMaxClasses], p[kMaxClasses], total = 0.0;
    for (int c = 0; c < classes; ++c) {
      rho[c] = std::max(0.0, st.cell_rho(c)[j]);
      total += rho[c];
    }
    for (int c = 0; c < classes; ++c) {
      double& y = st.cell_y(c)[j];
      const double cap = sc.w_cap[c];
      if (rho[c] > vacuum) {
        if (y > rho[c] * cap) y = rho[c] * cap;
        continue;
      }
      seg.law.pressures(rho, p);
      const double ve = equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][static_cast<std::size_t>(j)],
                                          sc.classes[static_cast<std::size_t>(c)].creep);
      y = rho[c] * (ve + p[c]);
    }
  }
}

double max_speed(const Segment& seg, int classes, const SegmentState& st) {
  double top = 0.0;
  Point p;
  for (int j = 0; j < seg.cells; ++j) {
    load_cell(st, classes, j, p);
    evaluate_point(seg.law, p);
    top = std::max(top, std::max(std::fabs(p.smin), std::fabs(p.smax)));
  }
  return top;
}

}  // namespace mfg::arz
