#include "spec_json.hpp"

namespace mfg {

const char* method_name(Method m) {
  switch (m) {
    case Method::Picard: return "picard";
    case Method::FictitiousPlay: return "fictitious_play";
    case Method::Newton:
    default: return "newton";
  }
}

const char* precision_name(Precision p) { return p == Precision::Float32 ? "float32" : "float64"; }

namespace {

Json domain_json(const GridShape& d) {
  Json lower = Json::array(), upper = Json::array(), points = Json::array(), boundary = Json::array();
  for (int a = 0; a < d.dim; ++a) {
    lower.push_back(d.lower[a]);
    upper.push_back(d.upper[a]);
    points.push_back(d.points[a]);
    boundary.push_back(Json{{"lower", boundary_name(d.boundary[a][0])}, {"upper", boundary_name(d.boundary[a][1])}});
  }
  return Json{{"lower", lower}, {"upper", upper}, {"points", points}, {"boundary", boundary}};
}

Json domain_json(const Spec& s) {
  Json d = domain_json(s.domain);
  d["obstacle"] = s.obstacle;
  d["obstacle_file"] = s.obstacle_file;
  return d;
}

Json physics_json(const Spec& s) {
  const char* coupling = s.coupling == CouplingKind::Log ? "log" : s.coupling == CouplingKind::None ? "none" : "congestion";
  return Json{
      {"viscosity", s.viscosity},
      {"hamiltonian",
       {{"kind", s.hamiltonian == HamiltonianKind::Power ? "power" : "quadratic"},
        {"exponent", s.hamiltonian_exponent},
        {"speed_cap", s.speed_cap ? Json(*s.speed_cap) : Json(nullptr)}}},
      {"coupling", {{"kind", coupling}, {"strength", s.coupling_strength}, {"exponent", s.coupling_exponent}}},
      {"potential", s.potential},
      {"terminal_cost", s.terminal_cost},
      {"initial_density", s.initial_density},
      {"exit_cost", s.exit_cost},
  };
}

}  // namespace

Json spec_to_json(const Spec& s) {
  return Json{
      {"version", s.version},
      {"model", s.model},
      {"name", s.name},
      {"description", s.description},
      {"domain", domain_json(s)},
      {"time", {{"horizon", s.horizon}, {"steps", s.steps}}},
      {"physics", physics_json(s)},
      {"solver",
       {{"method", method_name(s.method)},
        {"tolerance", s.tolerance},
        {"max_iterations", s.max_iterations},
        {"relaxation", s.relaxation},
        {"warmup_iterations", s.warmup_iterations},
        {"continuation", s.continuation},
        {"coarse_grids", s.coarse_grids},
        {"precision", s.compute_precision == ComputePrecision::Mixed ? "mixed" : "float64"},
        {"checkpoint", {{"every_iterations", s.checkpoint_every_iterations}, {"every_seconds", s.checkpoint_every_seconds}}}}},
      {"output", {{"store_every", s.store_every}, {"precision", precision_name(s.precision)}}},
  };
}

}  // namespace mfg
