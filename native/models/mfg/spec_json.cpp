#include "spec_json.hpp"

#include <cmath>
#include <limits>

#include "../../core/expr.hpp"
#include "spec_reader.hpp"

namespace mfg {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long long kMaxPointsPerAxis = 100'000'000;
constexpr long long kMaxCells = 1LL << 31;
const char* const kAxisNames[] = {"x", "y", "z"};

BoundaryKind boundary_kind(const std::string& s) {
  if (s == "periodic") return BoundaryKind::Periodic;
  if (s == "exit") return BoundaryKind::Exit;
  return BoundaryKind::Wall;
}

std::vector<std::string> formula_variables(int dim, bool with_time);

bool read_axis_array(SpecReader& r, const Json& domain, const char* key, Json& out) {
  const std::string path = std::string("domain.") + key;
  if (!domain.contains(key)) {
    r.report(path, std::string("missing required key '") + key + "'; expected an array with one entry per axis, e.g. [" +
                           (std::string(key) == "points" ? "100" : std::string(key) == "lower" ? "0" : "1") + "]");
    return false;
  }
  out = domain.at(key);
  if (!out.is_array() || out.empty() || out.size() > 3) {
    r.report(path, "expected an array of 1 to 3 entries (one per axis), received " + SpecReader::received(out));
    return false;
  }
  return true;
}

void read_bounds(SpecReader& r, const Json& lower, const Json& upper, Spec& spec) {
  for (std::size_t a = 0; a < lower.size(); ++a) {
    const std::string la = std::to_string(a);
    double lo = 0.0, hi = 1.0;
    const bool ok_lo = r.number_value(lower[a], "domain.lower." + la, lo, -kInf, kInf);
    const bool ok_hi = r.number_value(upper[a], "domain.upper." + la, hi, -kInf, kInf);
    spec.domain.lower[a] = lo;
    spec.domain.upper[a] = hi;
    if (ok_lo && ok_hi && !(lo < hi))
      r.report("domain.upper." + la, "expected upper > lower on axis " + std::string(kAxisNames[a]) + ", received lower " +
                                         std::to_string(lo) + " and upper " + std::to_string(hi));
  }
}

void read_points(SpecReader& r, const Json& points, Spec& spec) {
  long double cells = 1;
  for (std::size_t a = 0; a < points.size(); ++a) {
    long long n = 3;
    r.integer_value(points[a], "domain.points." + std::to_string(a), n, 3, kMaxPointsPerAxis);
    spec.domain.points[a] = n;
    cells *= n;
  }
  if (cells > static_cast<long double>(kMaxCells))
    r.report("domain.points", "expected at most 2^31 cells in all, received " + std::to_string(static_cast<double>(cells)));
}

void read_boundary(SpecReader& r, const Json& domain, Spec& spec) {
  const int dim = spec.domain.dim;
  for (int a = 0; a < dim; ++a) spec.domain.boundary[a] = {BoundaryKind::Wall, BoundaryKind::Wall};
  if (!domain.contains("boundary")) return;
  const Json& b = domain.at("boundary");
  if (!b.is_array() || b.size() != static_cast<std::size_t>(dim)) {
    r.report("domain.boundary", "expected an array of " + std::to_string(dim) + " entries (one per axis, like the bounds), received " +
                                    SpecReader::received(b));
    return;
  }
  for (int a = 0; a < dim; ++a) {
    const std::string path = "domain.boundary." + std::to_string(a);
    if (!r.object(b[a], path, {"lower", "upper"})) continue;
    if (!b[a].contains("lower") || !b[a].contains("upper")) {
      const std::string side = b[a].contains("lower") ? "upper" : "lower";
      r.report(path + "." + side, "missing '" + side + "'; each axis needs both sides, e.g. {\"lower\": \"wall\", \"upper\": \"wall\"}");
      continue;
    }
    std::string lo = "wall", hi = "wall";
    r.choice(b[a], "lower", path, lo, {"wall", "periodic", "exit"});
    r.choice(b[a], "upper", path, hi, {"wall", "periodic", "exit"});
    if ((lo == "periodic") != (hi == "periodic"))
      r.report(path, "expected \"periodic\" on both sides of axis " + std::string(kAxisNames[a]) + " or on neither, received lower \"" + lo +
                         "\" and upper \"" + hi + "\"");
    spec.domain.boundary[a] = {boundary_kind(lo), boundary_kind(hi)};
  }
}

void read_domain(SpecReader& r, const Json& doc, Spec& spec) {
  if (!doc.contains("domain")) {
    r.report("domain", "missing required key 'domain'; expected {\"lower\": [...], \"upper\": [...], \"points\": [...]}");
    return;
  }
  const Json& domain = doc.at("domain");
  if (!r.object(domain, "domain", {"lower", "upper", "points", "boundary", "obstacle", "obstacle_file"})) return;
  // The number of axes is the length of lower; the other arrays must match it.
  Json lower, upper, points;
  if (!read_axis_array(r, domain, "lower", lower)) return;
  const std::size_t axes = lower.size();
  bool ok = true;
  for (const char* key : {"upper", "points"}) {
    Json& target = std::string(key) == "upper" ? upper : points;
    if (!read_axis_array(r, domain, key, target)) {
      ok = false;
    } else if (target.size() != axes) {
      r.report(std::string("domain.") + key, "expected " + std::to_string(axes) + " entries (one per axis, like domain.lower), received " +
                                                 SpecReader::received(target));
      ok = false;
    }
  }
  if (!ok) return;
  spec.domain.dim = static_cast<int>(axes);
  read_bounds(r, lower, upper, spec);
  read_points(r, points, spec);
  read_boundary(r, domain, spec);
  if (r.string(domain, "obstacle", "domain", spec.obstacle, expr::kMaxFormulaLength)) {
    const auto compiled = expr::compile(spec.obstacle, formula_variables(spec.domain.dim, false));
    if (!compiled.ok) r.report("domain.obstacle", "at position " + std::to_string(compiled.error.position) + ": " + compiled.error.message);
  }
  r.string(domain, "obstacle_file", "domain", spec.obstacle_file, 4096);
}

void read_time(SpecReader& r, const Json& doc, Spec& spec) {
  if (!doc.contains("time") || !r.object(doc.at("time"), "time", {"horizon", "steps"})) return;
  const Json& t = doc.at("time");
  r.number(t, "horizon", "time", spec.horizon, 0.0, kInf, true);
  long long steps = spec.steps;
  r.integer(t, "steps", "time", steps, 1, 1'000'000);
  spec.steps = steps;
}

void read_hamiltonian(SpecReader& r, const Json& physics, Spec& spec) {
  if (!physics.contains("hamiltonian")) return;
  const Json& h = physics.at("hamiltonian");
  if (!r.object(h, "physics.hamiltonian", {"kind", "exponent", "speed_cap"})) return;
  std::string kind = "quadratic";
  r.choice(h, "kind", "physics.hamiltonian", kind, {"quadratic", "power"});
  spec.hamiltonian = kind == "power" ? HamiltonianKind::Power : HamiltonianKind::Quadratic;
  r.number(h, "exponent", "physics.hamiltonian", spec.hamiltonian_exponent, 1.0, 10.0, true, false);
  if (h.contains("speed_cap") && !h.at("speed_cap").is_null()) {
    double cap = 1.0;
    if (r.number(h, "speed_cap", "physics.hamiltonian", cap, 0.0, kInf, true)) spec.speed_cap = cap;
  }
}

void read_coupling(SpecReader& r, const Json& physics, Spec& spec) {
  if (!physics.contains("coupling")) return;
  const Json& c = physics.at("coupling");
  if (!r.object(c, "physics.coupling", {"kind", "strength", "exponent"})) return;
  std::string kind = "congestion";
  r.choice(c, "kind", "physics.coupling", kind, {"congestion", "log", "none"});
  spec.coupling = kind == "log" ? CouplingKind::Log : kind == "none" ? CouplingKind::None : CouplingKind::Congestion;
  r.number(c, "strength", "physics.coupling", spec.coupling_strength, 0.0, kInf);
  r.number(c, "exponent", "physics.coupling", spec.coupling_exponent, 0.0, 10.0, true, false);
}

std::vector<std::string> formula_variables(int dim, bool with_time) {
  std::vector<std::string> vars(kAxisNames, kAxisNames + dim);
  if (with_time) vars.emplace_back("t");
  return vars;
}

void read_formula(SpecReader& r, const Json& physics, const char* key, bool with_time, int dim, std::string& out) {
  const std::string path = std::string("physics.") + key;
  if (!r.string(physics, key, "physics", out, expr::kMaxFormulaLength)) return;
  const auto compiled = expr::compile(out, formula_variables(dim, with_time));
  if (!compiled.ok) r.report(path, "at position " + std::to_string(compiled.error.position) + ": " + compiled.error.message);
}

void read_physics(SpecReader& r, const Json& doc, Spec& spec) {
  if (!doc.contains("physics")) return;
  const Json& p = doc.at("physics");
  if (!r.object(p, "physics", {"viscosity", "hamiltonian", "coupling", "potential", "terminal_cost", "initial_density", "exit_cost"})) return;
  r.number(p, "viscosity", "physics", spec.viscosity, 0.0, kInf);
  read_hamiltonian(r, p, spec);
  read_coupling(r, p, spec);
  read_formula(r, p, "potential", true, spec.domain.dim, spec.potential);
  read_formula(r, p, "terminal_cost", false, spec.domain.dim, spec.terminal_cost);
  read_formula(r, p, "initial_density", false, spec.domain.dim, spec.initial_density);
  read_formula(r, p, "exit_cost", false, spec.domain.dim, spec.exit_cost);
}

void read_solver(SpecReader& r, const Json& doc, Spec& spec) {
  if (!doc.contains("solver")) return;
  const Json& s = doc.at("solver");
  if (!r.object(s, "solver", {"method", "tolerance", "max_iterations", "relaxation", "warmup_iterations", "continuation", "coarse_grids", "precision", "checkpoint"}))
    return;
  std::string method = "newton";
  r.choice(s, "method", "solver", method, {"newton", "picard", "fictitious_play"});
  spec.method = method == "picard" ? Method::Picard : method == "fictitious_play" ? Method::FictitiousPlay : Method::Newton;
  r.number(s, "tolerance", "solver", spec.tolerance, 1e-15, 1.0);
  long long max_iterations = spec.max_iterations, warmup = spec.warmup_iterations;
  r.integer(s, "max_iterations", "solver", max_iterations, 1, 100'000);
  r.integer(s, "warmup_iterations", "solver", warmup, 0, 1000);
  spec.max_iterations = static_cast<int>(max_iterations);
  spec.warmup_iterations = static_cast<int>(warmup);
  r.number(s, "relaxation", "solver", spec.relaxation, 0.0, 1.0, true, false);
  r.boolean(s, "continuation", "solver", spec.continuation);
  r.boolean(s, "coarse_grids", "solver", spec.coarse_grids);
  std::string compute_precision = "float64";
  r.choice(s, "precision", "solver", compute_precision, {"float64", "mixed"});
  spec.compute_precision = compute_precision == "mixed" ? ComputePrecision::Mixed : ComputePrecision::Float64;
  if (s.contains("checkpoint") && r.object(s.at("checkpoint"), "solver.checkpoint", {"every_iterations", "every_seconds"})) {
    const Json& c = s.at("checkpoint");
    r.integer(c, "every_iterations", "solver.checkpoint", spec.checkpoint_every_iterations, 0, 1'000'000);
    r.number(c, "every_seconds", "solver.checkpoint", spec.checkpoint_every_seconds, 0.0, 1e7);
  }
}

void read_output(SpecReader& r, const Json& doc, Spec& spec) {
  if (!doc.contains("output")) return;
  const Json& o = doc.at("output");
  if (!r.object(o, "output", {"store_every", "precision"})) return;
  long long every = spec.store_every;
  r.integer(o, "store_every", "output", every, 1, 1'000'000);
  spec.store_every = every;
  std::string precision = "float64";
  r.choice(o, "precision", "output", precision, {"float64", "float32"});
  spec.precision = precision == "float32" ? Precision::Float32 : Precision::Float64;
}

void read_header(SpecReader& r, const Json& doc, Spec& spec) {
  long long version = 1;
  if (doc.contains("version") && doc.at("version").is_number_integer() && doc.at("version").get<long long>() > 1) {
    r.report("version", "this spec has version " + doc.at("version").dump() +
                            ", newer than this solver understands (1); update the workbench or mfg-solve");
  } else {
    r.integer(doc, "version", "", version, 1, 1);
  }
  r.choice(doc, "model", "", spec.model, {"mfg"});
  r.string(doc, "name", "", spec.name, 200, 1);
  r.string(doc, "description", "", spec.description, 10'000);
}

}  // namespace

SpecParse parse_spec(const Json& document) {
  SpecParse result;
  SpecReader r(result.issues);
  if (!r.object(document, "", {"version", "model", "name", "description", "domain", "time", "physics", "solver", "output"})) return result;
  read_header(r, document, result.spec);
  read_domain(r, document, result.spec);
  read_time(r, document, result.spec);
  read_physics(r, document, result.spec);
  read_solver(r, document, result.spec);
  read_output(r, document, result.spec);
  result.ok = r.ok();
  return result;
}

SpecParse parse_spec(const std::string& text) {
  Json document;
  std::string error;
  if (!parse_json(text, document, error)) {
    SpecParse result;
    result.issues.push_back({"", error});
    return result;
  }
  return parse_spec(document);
}

std::string format_issue(const SpecIssue& issue) { return issue.path.empty() ? issue.message : issue.path + ": " + issue.message; }

}  // namespace mfg
