// The spec's physics, vehicle classes, numerics and time (spec.hpp).
#include <cmath>
#include <limits>

#include "spec_read.hpp"

namespace mfg::arz {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The seed's base configuration (issue 18): cars and motorcycles of West African cities.
VehicleClass class_defaults(const std::string& type) {
  VehicleClass c;
  if (type == "motorcycle") {
    c.K = 10.0 * kKmh, c.gamma = 1.5, c.alpha = 0.4, c.tau = 5.0, c.creep = 5.0 * kKmh, c.length = 2.0;
    c.vmax = {85 * kKmh, 70 * kKmh, 50 * kKmh, 45 * kKmh, 30 * kKmh};
  } else {
    c.K = 15.0 * kKmh, c.gamma = 2.0, c.alpha = 1.0, c.tau = 10.0, c.creep = 0.0, c.length = 5.0;
    c.vmax = {75 * kKmh, 60 * kKmh, 35 * kKmh, 25 * kKmh, 10 * kKmh};
  }
  return c;
}

void read_vmax(SpecContext& ctx, const Json& obj, const std::string& path, VehicleClass& c) {
  if (!obj.contains("vmax")) return;
  const Json& v = obj.at("vmax");
  const std::string p = path + ".vmax";
  if (!v.is_array() || v.empty() || v.size() > 16) {
    ctx.r.report(p, "expected an array of 1 to 16 free speeds in km/h, one per road category (1, 2, ...), received " +
                        SpecReader::received(v));
    return;
  }
  c.vmax.clear();
  for (std::size_t k = 0; k < v.size(); ++k) {
    double speed = 0.0;
    if (ctx.r.number_value(v[k], p + "." + std::to_string(k), speed, 0.0, 400.0, true)) c.vmax.push_back(speed * kKmh);
  }
}

void read_class(SpecContext& ctx, const Json& obj, const std::string& path) {
  if (!ctx.r.object(obj, path, {"name", "type", "K", "gamma", "alpha", "tau", "creep_speed", "vmax", "length"})) return;
  std::string type = "car";
  ctx.r.choice(obj, "type", path, type, {"car", "motorcycle"});
  VehicleClass c = class_defaults(type);
  if (!obj.contains("name")) ctx.r.report(path + ".name", "missing required key 'name'; expected a class name such as \"cars\"");
  read_id(ctx, obj, "name", path, c.name);
  double K = c.K / kKmh, creep = c.creep / kKmh;
  ctx.r.number(obj, "K", path, K, 0.0, 400.0, true);
  ctx.r.number(obj, "gamma", path, c.gamma, 1.0, 5.0);
  ctx.r.number(obj, "alpha", path, c.alpha, 0.0, 1.0);
  ctx.r.number(obj, "tau", path, c.tau, 0.0, 3600.0, true);
  ctx.r.number(obj, "creep_speed", path, creep, 0.0, 400.0);
  ctx.r.number(obj, "length", path, c.length, 0.0, 100.0, true);
  read_vmax(ctx, obj, path, c);
  c.K = K * kKmh;
  c.creep = creep * kKmh;
  for (std::size_t k = 0; k < c.vmax.size(); ++k)
    if (c.vmax[k] < c.creep)
      ctx.r.report(path + ".vmax." + std::to_string(k), "expected a free speed >= the creep speed " + number_text(creep) +
                                                             " km/h, received " + number_text(c.vmax[k] / kKmh) + " km/h");
  for (const auto& other : ctx.sc.classes)
    if (other.name == c.name) ctx.r.report(path + ".name", "expected a name not used by another class, received \"" + c.name + "\"");
  ctx.sc.classes.push_back(std::move(c));
}

}  // namespace

void read_physics(SpecContext& ctx, const Json& spec) {
  if (!spec.contains("physics")) return;
  const Json& ph = spec.at("physics");
  if (!ctx.r.object(ph, "physics", {"rho_jam", "relaxation"})) return;
  double rho_jam = ctx.sc.rho_jam / kPerKm;
  ctx.r.number(ph, "rho_jam", "physics", rho_jam, 0.0, 2000.0, true);
  ctx.sc.rho_jam = rho_jam * kPerKm;
  ctx.r.boolean(ph, "relaxation", "physics", ctx.sc.relaxation);
}

void read_classes(SpecContext& ctx, const Json& spec) {
  if (!spec.contains("classes")) {
    ctx.r.report("classes", "missing required key 'classes'; expected an array of 1 or 2 vehicle classes, e.g. [{\"name\": \"cars\"}]");
    return;
  }
  const Json& cl = spec.at("classes");
  if (!cl.is_array() || cl.empty() || cl.size() > static_cast<std::size_t>(kMaxClasses)) {
    ctx.r.report("classes", "expected an array of 1 or 2 vehicle classes, received " + SpecReader::received(cl));
    return;
  }
  for (std::size_t i = 0; i < cl.size(); ++i) read_class(ctx, cl[i], "classes." + std::to_string(i));
  if (ctx.sc.classes.size() == 2 && ctx.sc.classes[0].vmax.size() != ctx.sc.classes[1].vmax.size())
    ctx.r.report("classes.1.vmax", "expected as many road categories as classes.0.vmax (" + std::to_string(ctx.sc.classes[0].vmax.size()) +
                                       "), received " + std::to_string(ctx.sc.classes[1].vmax.size()));
}

void read_numerics_and_time(SpecContext& ctx, const Json& spec) {
  Numerics& nm = ctx.sc.numerics;
  if (spec.contains("numerics")) {
    const Json& n = spec.at("numerics");
    if (ctx.r.object(n, "numerics", {"reconstruction", "flux", "time_integrator", "variables", "cfl"})) {
      std::string recon = "weno5z", flux = "hll", integrator, variables;
      ctx.r.choice(n, "reconstruction", "numerics", recon, {"first_order", "muscl_minmod", "muscl_mc", "weno5z"});
      ctx.r.choice(n, "flux", "numerics", flux, {"hll", "rusanov"});
      ctx.r.choice(n, "time_integrator", "numerics", integrator, {"euler", "ssprk3"});
      ctx.r.choice(n, "variables", "numerics", variables, {"conservative", "primitive"});
      ctx.r.number(n, "cfl", "numerics", nm.cfl, 0.0, 1.0, true);
      nm.reconstruction = recon == "first_order"    ? Reconstruction::FirstOrder
                          : recon == "muscl_minmod" ? Reconstruction::MusclMinmod
                          : recon == "muscl_mc"     ? Reconstruction::MusclMc
                                                    : Reconstruction::Weno5z;
      nm.flux = flux == "rusanov" ? FluxKind::Rusanov : FluxKind::Hll;
      // Default: forward Euler with first order, SSP-RK3 with the higher-order reconstructions.
      if (integrator.empty()) integrator = recon == "first_order" ? "euler" : "ssprk3";
      nm.integrator = integrator == "euler" ? TimeIntegrator::ForwardEuler : TimeIntegrator::SspRk3;
      // Default: (rho, w) for MUSCL (second order either way, and far better next to vacuum), (rho, rho w)
      // for WENO5-Z (its fifth order needs the conservative variables).
      if (variables.empty()) variables = recon == "weno5z" ? "conservative" : "primitive";
      nm.variables = variables == "primitive" ? Variables::Primitive : Variables::Conservative;
    }
  }
  if (!spec.contains("time")) {
    ctx.r.report("time", "missing required key 'time'; expected {\"horizon\": seconds, \"output_interval\": seconds}");
    return;
  }
  const Json& t = spec.at("time");
  if (!ctx.r.object(t, "time", {"horizon", "output_interval"})) return;
  if (!t.contains("horizon")) ctx.r.report("time.horizon", "missing required key 'horizon'; expected the simulated time in s");
  ctx.r.number(t, "horizon", "time", ctx.sc.horizon, 0.0, 1e9, true);
  ctx.sc.output_interval = std::min(60.0, ctx.sc.horizon);
  if (ctx.r.number(t, "output_interval", "time", ctx.sc.output_interval, 0.0, kInf, true) && ctx.sc.output_interval > ctx.sc.horizon)
    ctx.r.report("time.output_interval", "expected at most the horizon (" + number_text(ctx.sc.horizon) + " s), received " +
                                             number_text(ctx.sc.output_interval) + " s");
}

}  // namespace mfg::arz
