#include "kernels.hpp"

#include <algorithm>
#include <cmath>

namespace mfg::arz {

namespace {

// p = K s^gamma and d p / d rho_own = K gamma s^(gamma - 1) / rho_jam over n points, with the
// exponent's branch outside the loop so that each loop vectorises.
// The loops below take their arrays as __restrict locals: the arrays never overlap, and without the
// promise GCC reloads every pointer after each store and gives up on vectorising.
template <class Power>
void pressure_loop(int n, const double* __restrict rho, const double* __restrict total, double alpha, double inv_rho_jam, double K,
                   double* __restrict p, double* __restrict slope, Power power) {
  for (int j = 0; j < n; ++j) {
    const double own = std::max(rho[j], 0.0);
    const double s = std::max((own + alpha * (total[j] - own)) * inv_rho_jam, 0.0);
    double lower;
    p[j] = K * power(s, lower);
    slope[j] = lower * inv_rho_jam;
  }
}

void class_pressures(const ClassLaw& cl, int n, const double* rho, const double* total, double* p, double* slope) {
  const double K = cl.K, a = cl.alpha, inv = cl.inv_rho_jam, g = cl.gamma;
  switch (cl.kind) {
    case PowerKind::One:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K](double s, double& d) { d = K; return s; });
      return;
    case PowerKind::ThreeHalves:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K](double s, double& d) { const double q = std::sqrt(s); d = 1.5 * K * q; return s * q; });
      return;
    case PowerKind::Two:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K](double s, double& d) { d = 2.0 * K * s; return s * s; });
      return;
    case PowerKind::FiveHalves:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K](double s, double& d) { const double q = s * std::sqrt(s); d = 2.5 * K * q; return s * q; });
      return;
    case PowerKind::Three:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K](double s, double& d) { d = 3.0 * K * s * s; return s * s * s; });
      return;
    default:
      pressure_loop(n, rho, total, a, inv, K, p, slope, [K, g](double s, double& d) {
        const double lower = s > 0.0 ? std::pow(s, g - 1.0) : 0.0;
        d = K * g * lower;
        return s * lower;
      });
      return;
  }
}

void speeds_one(int n, const PointStates& in, const PointValues& out, double vacuum) {
  const double* __restrict rho = in.rho[0];
  const double* __restrict vel = out.v[0];
  const double* __restrict slope = out.slope[0];
  double* __restrict smin = out.smin;
  double* __restrict smax = out.smax;
  for (int j = 0; j < n; ++j) {
    const double r = std::max(rho[j], 0.0);
    const double present = r > vacuum ? 1.0 : 0.0;
    const double v = vel[j], genuine = v - r * slope[j];
    smin[j] = present * std::min(v, genuine);
    smax[j] = present * std::max(v, genuine);
  }
}

// Two classes. Parameters, not locals, carry __restrict: GCC honours it only there.
void speeds_two_loop(int n, double a0, double a1, double vacuum, const double* __restrict rho0, const double* __restrict rho1,
                     const double* __restrict vel0, const double* __restrict vel1, const double* __restrict slope0,
                     const double* __restrict slope1, double* __restrict smin, double* __restrict smax) {
  for (int j = 0; j < n; ++j) {
    const double r0 = std::max(rho0[j], 0.0), r1 = std::max(rho1[j], 0.0);
    const double m0 = r0 > vacuum ? 1.0 : 0.0, m1 = r1 > vacuum ? 1.0 : 0.0;  // 1: the class is present
    const double v0 = vel0[j], v1 = vel1[j];
    const double s0 = slope0[j], s1 = slope1[j];
    const double g0 = v0 - r0 * s0, g1 = v1 - r1 * s1;
    const double half_gap = 0.5 * (g0 - g1), mid = 0.5 * (g0 + g1);
    const double root = std::sqrt(half_gap * half_gap + r0 * a0 * s0 * r1 * a1 * s1);
    // Selections by 0/1 masks (exact, and the loop vectorises): an absent class's speeds are
    // replaced by the present one's; with neither present, everything is 0.
    const double x0 = m0 * v0 + (1.0 - m0) * v1, x1 = m1 * v1 + (1.0 - m1) * v0;
    const double lo_v = std::min(x0, x1), hi_v = std::max(x0, x1);
    const double both = m0 * m1, single = m0 * g0 + (1.0 - m0) * g1;
    const double low = both * (mid - root) + (1.0 - both) * single, high = both * (mid + root) + (1.0 - both) * single;
    const double any = std::max(m0, m1);
    smin[j] = any * std::min(lo_v, low);
    smax[j] = any * std::max(hi_v, high);
  }
}

// The max speed of each point into `speed` (the max over the points is then a short scalar loop: a
// max-reduction of doubles does not vectorise without -ffinite-math-only).
void max_speed_one_loop(int n, double vacuum, const double* __restrict rho, const double* __restrict y, const double* __restrict p,
                        const double* __restrict slope, double* __restrict speed) {
  for (int j = 0; j < n; ++j) {
    const double r = std::max(rho[j], 0.0);
    const double present = r > vacuum ? 1.0 : 0.0;
    const double v = present * std::max(0.0, y[j] / std::max(r, vacuum) - p[j]);
    const double genuine = v - present * r * slope[j];
    speed[j] = std::max(v, std::max(genuine, -genuine));
  }
}

void max_speed_two_loop(int n, double a0, double a1, double vacuum, const double* __restrict rho0, const double* __restrict rho1,
                        const double* __restrict y0, const double* __restrict y1, const double* __restrict p0, const double* __restrict p1,
                        const double* __restrict slope0, const double* __restrict slope1, double* __restrict speed) {
  for (int j = 0; j < n; ++j) {
    const double r0 = std::max(rho0[j], 0.0), r1 = std::max(rho1[j], 0.0);
    const double m0 = r0 > vacuum ? 1.0 : 0.0, m1 = r1 > vacuum ? 1.0 : 0.0;
    const double v0 = m0 * std::max(0.0, y0[j] / std::max(r0, vacuum) - p0[j]), v1 = m1 * std::max(0.0, y1[j] / std::max(r1, vacuum) - p1[j]);
    const double s0 = slope0[j], s1 = slope1[j];
    const double g0 = v0 - r0 * s0, g1 = v1 - r1 * s1;
    const double half_gap = 0.5 * (g0 - g1), mid = 0.5 * (g0 + g1);
    const double root = std::sqrt(half_gap * half_gap + r0 * a0 * s0 * r1 * a1 * s1);
    // Absent classes have v = 0 and g = 0 here: including them only adds |0| to a max of
    // absolute values, so no masks are needed beyond v's.
    const double both = m0 * m1;
    const double low = both * (mid - root) + (1.0 - both) * (m0 * g0 + m1 * g1);
    speed[j] = std::max(std::max(v0, v1), std::max(low, -low));
  }
}

void speeds_two(const RoadLaw& law, int n, const PointStates& in, const PointValues& out, double vacuum) {
  speeds_two_loop(n, law.cls[0].alpha, law.cls[1].alpha, vacuum, in.rho[0], in.rho[1], out.v[0], out.v[1], out.slope[0], out.slope[1],
                  out.smin, out.smax);
}

void hll_loop(int n, const double* __restrict ul, const double* __restrict ur, const double* __restrict yl, const double* __restrict yr,
              const double* __restrict fl, const double* __restrict fr, const double* __restrict gl, const double* __restrict gr,
              const double* __restrict lmin, const double* __restrict lmax, const double* __restrict rmin, const double* __restrict rmax,
              double* __restrict out_rho, double* __restrict out_y) {
  for (int k = 0; k < n; ++k) {
    const double sl = std::min(lmin[k], rmin[k]), sr = std::max(lmax[k], rmax[k]);
    // 0/1 masks of the three cases (exact selections; the loop vectorises).
    const double up = sl >= 0.0 ? 1.0 : 0.0, down = (sr <= 0.0 ? 1.0 : 0.0) * (1.0 - up), mixed = 1.0 - up - down;
    const double inv = 1.0 / (sr - sl + (1.0 - mixed)), prod = sl * sr;  // the denominator is never 0
    const double mixed_rho = (sr * fl[k] - sl * fr[k] + prod * (ur[k] - ul[k])) * inv;
    const double mixed_y = (sr * gl[k] - sl * gr[k] + prod * (yr[k] - yl[k])) * inv;
    out_rho[k] = up * fl[k] + down * fr[k] + mixed * mixed_rho;
    out_y[k] = up * gl[k] + down * gr[k] + mixed * mixed_y;
  }
}

void rusanov_loop(int n, const double* __restrict ul, const double* __restrict ur, const double* __restrict yl, const double* __restrict yr,
                  const double* __restrict fl, const double* __restrict fr, const double* __restrict gl, const double* __restrict gr,
                  const double* __restrict lmin, const double* __restrict lmax, const double* __restrict rmin, const double* __restrict rmax,
                  double* __restrict out_rho, double* __restrict out_y) {
  for (int k = 0; k < n; ++k) {
    const double a = std::max(std::max(std::fabs(lmin[k]), std::fabs(lmax[k])), std::max(std::fabs(rmin[k]), std::fabs(rmax[k])));
    out_rho[k] = 0.5 * (fl[k] + fr[k]) - 0.5 * a * (ur[k] - ul[k]);
    out_y[k] = 0.5 * (gl[k] + gr[k]) - 0.5 * a * (yr[k] - yl[k]);
  }
}

void velocity_loop(int n, double vacuum, const double* __restrict rho, const double* __restrict y, const double* __restrict p,
                   double* __restrict ws, double* __restrict vs, double* __restrict fr, double* __restrict fy) {
  for (int j = 0; j < n; ++j) {
    const double r = std::max(rho[j], 0.0);
    const double present = r > vacuum ? 1.0 : 0.0;  // arithmetic masks: the loop vectorises
    const double w = present * (y[j] / std::max(r, vacuum));
    const double v = present * std::max(0.0, w - p[j]);
    ws[j] = w;
    vs[j] = v;
    fr[j] = r * v;
    fy[j] = r * v * w;
  }
}

}  // namespace

void point_pressures(const RoadLaw& law, int n, const PointStates& in, PointValues& out) {
  double* __restrict total = out.total;
  const double* __restrict first = in.rho[0];
  for (int j = 0; j < n; ++j) total[j] = std::max(first[j], 0.0);
  for (int c = 1; c < law.classes; ++c) {
    const double* __restrict rho = in.rho[c];
    for (int j = 0; j < n; ++j) total[j] += std::max(rho[j], 0.0);
  }
  for (int c = 0; c < law.classes; ++c) class_pressures(law.cls[c], n, in.rho[c], out.total, out.p[c], out.slope[c]);
}

void derive(const RoadLaw& law, int n, const PointStates& in, PointValues& out, bool speeds) {
  point_pressures(law, n, in, out);
  derive_from_pressures(law, n, in, out, speeds);
}

void derive_from_pressures(const RoadLaw& law, int n, const PointStates& in, PointValues& out, bool speeds) {
  const double vacuum = kVacuumFraction / law.inv_rho_jam;
  for (int c = 0; c < law.classes; ++c)
    velocity_loop(n, vacuum, in.rho[c], in.y[c], out.p[c], out.w[c], out.v[c], out.f_rho[c], out.f_y[c]);
  if (!speeds) return;
  if (law.classes == 2) speeds_two(law, n, in, out, vacuum);
  else speeds_one(n, in, out, vacuum);
}

double max_wave_speed(const RoadLaw& law, int n, const PointStates& in, PointValues& pv) {
  const double vacuum = kVacuumFraction / law.inv_rho_jam;
  double* speed = pv.smax;  // scratch
  if (law.classes == 1) max_speed_one_loop(n, vacuum, in.rho[0], in.y[0], pv.p[0], pv.slope[0], speed);
  else
    max_speed_two_loop(n, law.cls[0].alpha, law.cls[1].alpha, vacuum, in.rho[0], in.rho[1], in.y[0], in.y[1], pv.p[0], pv.p[1], pv.slope[0],
                       pv.slope[1], speed);
  double top = 0.0;
  for (int j = 0; j < n; ++j) top = std::max(top, speed[j]);
  return top;
}

void numerical_fluxes(FluxKind kind, int classes, int n, const PointStates& ls, const PointValues& l, const PointStates& rs,
                      const PointValues& r, FaceFluxes& f) {
  auto loop = kind == FluxKind::Rusanov ? rusanov_loop : hll_loop;
  for (int c = 0; c < classes; ++c)
    loop(n, ls.rho[c], rs.rho[c], ls.y[c], rs.y[c], l.f_rho[c], r.f_rho[c], l.f_y[c], r.f_y[c], l.smin, l.smax, r.smin, r.smax, f.f_rho[c],
         f.f_y[c]);
}

}  // namespace mfg::arz
