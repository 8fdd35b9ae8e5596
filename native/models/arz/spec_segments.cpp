// The spec's segments: geometry, road quality, speed limits and initial state (spec.hpp).
#include <algorithm>
#include <cmath>

#include "spec_read.hpp"

namespace mfg::arz {

namespace {

const std::vector<std::string> kSpaceVariables{"x", "L"};  // m from the segment's start; its length

struct ClassInitial {
  expr::Program density, velocity;
  bool equilibrium = true;  // velocity: the equilibrium speed at the initial density
  bool given = false;       // a density formula was written
};

RoadLaw road_law(const Scenario& sc, int lanes) {
  RoadLaw law;
  law.classes = sc.class_count();
  const double rho_jam = sc.rho_jam * lanes;
  law.inv_rho_jam = 1.0 / rho_jam;
  for (int c = 0; c < law.classes; ++c) {
    const VehicleClass& vc = sc.classes[static_cast<std::size_t>(c)];
    law.cls[c] = {vc.K, vc.gamma, power_kind(vc.gamma), law.classes > 1 ? vc.alpha : 1.0, 1.0 / rho_jam, rho_jam};
  }
  return law;
}

void read_quality(SpecContext& ctx, const Json& obj, const std::string& path, Segment& seg) {
  const Scenario& sc = ctx.sc;
  const int categories = static_cast<int>(sc.classes.front().vmax.size());
  std::vector<int> category(static_cast<std::size_t>(seg.cells), 1);
  if (obj.contains("quality")) {
    expr::Program program;
    if (!compile_formula(ctx, obj.at("quality"), path + ".quality", kSpaceVariables, program)) return;
    for (int j = 0; j < seg.cells; ++j) {
      const double vars[2] = {(j + 0.5) * seg.dx, seg.length};
      const double value = program.eval(vars);
      const long k = std::lround(value);
      if (!std::isfinite(value) || k < 1 || k > categories) {
        ctx.r.report(path + ".quality", "expected a road category from 1 to " + std::to_string(categories) +
                                            " (one per entry of the classes' vmax), received " + number_text(value) + " at x = " +
                                            number_text(vars[0]) + " m");
        return;
      }
      category[static_cast<std::size_t>(j)] = static_cast<int>(k);
    }
  }
  double limit = INFINITY;
  if (ctx.r.number(obj, "speed_limit", path, limit, 0.0, 400.0, true) && obj.contains("speed_limit")) limit *= kKmh;
  for (int c = 0; c < sc.class_count(); ++c) {
    seg.vmax[c].resize(static_cast<std::size_t>(seg.cells));
    for (int j = 0; j < seg.cells; ++j)
      seg.vmax[c][static_cast<std::size_t>(j)] =
          std::min(sc.classes[static_cast<std::size_t>(c)].vmax[static_cast<std::size_t>(category[static_cast<std::size_t>(j)] - 1)], limit);
  }
}

bool read_initial_formulas(SpecContext& ctx, const Json& obj, const std::string& path, ClassInitial* init) {
  const Scenario& sc = ctx.sc;
  for (int c = 0; c < sc.class_count(); ++c) init[c] = ClassInitial{};
  if (!obj.contains("initial")) return true;
  const Json& in = obj.at("initial");
  const std::string p = path + ".initial";
  if (!in.is_object()) {
    ctx.r.report(p, "expected an object with one entry per class name, received " + SpecReader::received(in));
    return false;
  }
  bool ok = true;
  for (const auto& item : in.items()) {
    const int c = [&] {
      for (int k = 0; k < sc.class_count(); ++k)
        if (sc.classes[static_cast<std::size_t>(k)].name == item.key()) return k;
      return -1;
    }();
    const std::string cp = p + "." + item.key();
    if (c < 0) {
      std::string known;
      for (const auto& vc : sc.classes) known += (known.empty() ? "\"" : ", \"") + vc.name + "\"";
      ctx.r.report(cp, "expected a class name (" + known + "), received \"" + item.key() + "\"");
      ok = false;
      continue;
    }
    if (!ctx.r.object(item.value(), cp, {"density", "velocity"})) { ok = false; continue; }
    ClassInitial& ci = init[c];
    if (item.value().contains("density")) {
      ok = compile_formula(ctx, item.value().at("density"), cp + ".density", kSpaceVariables, ci.density) && ok;
      ci.given = true;
    }
    if (item.value().contains("velocity")) {
      const Json& v = item.value().at("velocity");
      if (!(v.is_string() && v.get<std::string>() == "equilibrium")) {
        ci.equilibrium = false;
        ok = compile_formula(ctx, v, cp + ".velocity", kSpaceVariables, ci.velocity) && ok;
      }
    }
  }
  return ok;
}

// Cell averages of rho and rho w by 3-point Gauss-Legendre quadrature (exact for quintics, so that
// smooth initial data keep the fifth order of WENO5-Z).
void fill_initial(SpecContext& ctx, const std::string& path, const ClassInitial* init, Segment& seg) {
  const Scenario& sc = ctx.sc;
  const int classes = sc.class_count();
  static const double kNodes[3] = {-0.7745966692414834, 0.0, 0.7745966692414834};
  static const double kWeights[3] = {5.0 / 18.0, 8.0 / 18.0, 5.0 / 18.0};
  double peak[kMaxClasses] = {};
  bool reported = false;
  for (int c = 0; c < classes; ++c) {
    seg.initial_rho[c].assign(static_cast<std::size_t>(seg.cells), 0.0);
    seg.initial_y[c].assign(static_cast<std::size_t>(seg.cells), 0.0);
  }
  for (int j = 0; j < seg.cells && !reported; ++j) {
    for (int q = 0; q < 3 && !reported; ++q) {
      const double vars[2] = {(j + 0.5 + 0.5 * kNodes[q]) * seg.dx, seg.length};
      double rho[kMaxClasses], p[kMaxClasses], total = 0.0;
      for (int c = 0; c < classes; ++c) {
        const double value = init[c].given ? init[c].density.eval(vars) : 0.0;
        if (!std::isfinite(value) || value < 0.0) {
          ctx.r.report(path + ".initial." + sc.classes[static_cast<std::size_t>(c)].name + ".density",
                       "expected a density >= 0 veh/km everywhere, received " + number_text(value) + " at x = " + number_text(vars[0]) + " m");
          reported = true;
        }
        rho[c] = value * kPerKm;
        peak[c] = std::max(peak[c], value);
        total += rho[c];
      }
      if (reported) break;
      if (total > (1.0 + 1e-12) / seg.law.inv_rho_jam) {
        ctx.r.report(path + ".initial", "the total density reaches " + number_text(total / kPerKm) + " veh/km at x = " +
                                            number_text(vars[0]) + " m, above the jam density " + number_text(1.0 / seg.law.inv_rho_jam / kPerKm) +
                                            " veh/km (physics.rho_jam x lanes); expected densities in veh/km below it");
        reported = true;
        break;
      }
      seg.law.pressures(rho, p);
      for (int c = 0; c < classes; ++c) {
        const VehicleClass& vc = sc.classes[static_cast<std::size_t>(c)];
        const double v = init[c].equilibrium
                             ? equilibrium_speed(total, seg.law.inv_rho_jam, seg.vmax[c][static_cast<std::size_t>(j)], vc.creep)
                             : init[c].velocity.eval(vars) * kKmh;
        if (!std::isfinite(v) || v < 0.0 || v > 400.0 * kKmh) {
          ctx.r.report(path + ".initial." + vc.name + ".velocity",
                       "expected a velocity in [0, 400] km/h everywhere, received " + number_text(v / kKmh) + " at x = " + number_text(vars[0]) + " m");
          reported = true;
          break;
        }
        seg.initial_rho[c][static_cast<std::size_t>(j)] += kWeights[q] * rho[c];
        seg.initial_y[c][static_cast<std::size_t>(j)] += kWeights[q] * rho[c] * (v + p[c]);
      }
    }
  }
  for (int c = 0; c < classes && !reported; ++c)
    if (init[c].given && peak[c] > 0.0 && peak[c] < 1.0)
      ctx.warn(path + ".initial." + sc.classes[static_cast<std::size_t>(c)].name + ".density",
               "at most " + number_text(peak[c]) + " veh/km: densities are in veh/km (a real road holds 5 to 250); was it meant in veh/m?");
}

void read_segment(SpecContext& ctx, const Json& obj, const std::string& path, int index) {
  if (!ctx.r.object(obj, path, {"id", "length", "cells", "lanes", "quality", "speed_limit", "boundary", "initial"})) return;
  Segment seg;
  seg.id = "segment-" + std::to_string(index);
  read_id(ctx, obj, "id", path, seg.id);
  if (ctx.sc.segment_index(seg.id) >= 0) ctx.r.report(path + ".id", "expected an id not used by another segment, received \"" + seg.id + "\"");
  if (!obj.contains("length")) ctx.r.report(path + ".length", "missing required key 'length'; expected the segment's length in m");
  if (!obj.contains("cells")) ctx.r.report(path + ".cells", "missing required key 'cells'; expected the number of finite volumes");
  long long cells = 1, lanes = 1;
  std::string boundary = "transmissive";
  const bool ok = ctx.r.number(obj, "length", path, seg.length, 0.0, 1e7, true) && ctx.r.integer(obj, "cells", path, cells, 1, 10'000'000) &&
                  ctx.r.integer(obj, "lanes", path, lanes, 1, 20) && ctx.r.choice(obj, "boundary", path, boundary, {"transmissive", "periodic"});
  if (!ok || !obj.contains("length") || !obj.contains("cells")) return;
  seg.cells = static_cast<int>(cells);
  seg.lanes = static_cast<int>(lanes);
  seg.dx = seg.length / static_cast<double>(seg.cells);
  if (boundary == "periodic") {
    seg.upstream.kind = seg.downstream.kind = EndKind::Periodic;
    if (seg.cells < kGhosts) ctx.r.report(path + ".cells", "expected at least 3 cells on a periodic segment, received " + std::to_string(cells));
  }
  if (seg.dx < 1.0)
    ctx.warn(path + ".length", "cells of " + number_text(seg.dx) + " m: lengths are in m (was " + number_text(seg.length) + " meant in km?)");
  seg.law = road_law(ctx.sc, seg.lanes);
  read_quality(ctx, obj, path, seg);
  ClassInitial init[kMaxClasses];
  if (!ctx.r.ok() || !read_initial_formulas(ctx, obj, path, init)) return;
  fill_initial(ctx, path, init, seg);
  ctx.sc.segments.push_back(std::move(seg));
}

}  // namespace

void read_segments(SpecContext& ctx, const Json& spec) {
  if (!spec.contains("segments")) {
    ctx.r.report("segments", "missing required key 'segments'; expected an array of roads, e.g. [{\"length\": 5000, \"cells\": 200}]");
    return;
  }
  const Json& segs = spec.at("segments");
  if (!segs.is_array() || segs.empty() || segs.size() > 100'000) {
    ctx.r.report("segments", "expected an array of 1 to 100000 segments, received " + SpecReader::received(segs));
    return;
  }
  for (std::size_t i = 0; i < segs.size(); ++i) read_segment(ctx, segs[i], "segments." + std::to_string(i), static_cast<int>(i));
  Scenario& sc = ctx.sc;
  for (int c = 0; c < sc.class_count(); ++c) {
    const VehicleClass& vc = sc.classes[static_cast<std::size_t>(c)];
    double cap = vc.K;
    for (double v : vc.vmax) cap = std::max(cap, v);
    for (const auto& seg : sc.segments)
      for (int j = 0; j < seg.cells; ++j) {
        const double rho = seg.initial_rho[c][static_cast<std::size_t>(j)];
        if (rho > 0.0) cap = std::max(cap, seg.initial_y[c][static_cast<std::size_t>(j)] / rho);
      }
    sc.w_cap[c] = cap;
    // Along a w curve the density where v = 0 is p^-1(w): it is rho_jam only when K >= w.
    double fastest = 0.0;
    for (double v : vc.vmax) fastest = std::max(fastest, v);
    if (vc.K < fastest)
      ctx.warn("classes." + std::to_string(c) + ".K",
               number_text(vc.K / kKmh) + " km/h is below the class's largest free speed (" + number_text(fastest / kKmh) +
                   " km/h): rho_jam is then no bound, vehicles stop where p(rho) = w, and a queue behind a red light packs to " +
                   number_text(std::pow(fastest / vc.K, 1.0 / vc.gamma)) + " x rho_jam; choose K >= " + number_text(fastest / kKmh) +
                   " km/h to keep densities below rho_jam (docs/traffic.md, 'jam density')");
  }
}

}  // namespace mfg::arz
