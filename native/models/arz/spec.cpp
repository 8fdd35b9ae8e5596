#include "spec.hpp"

#include <cctype>
#include <cmath>
#include <sstream>

#include "core/suggest.hpp"
#include "spec_read.hpp"

namespace mfg::arz {

std::string number_text(double v) {
  std::ostringstream s;
  s.precision(6);
  s << v;
  return s.str();
}

bool read_id(SpecContext& ctx, const Json& obj, const char* key, const std::string& path, std::string& out) {
  std::string id = out;
  if (!ctx.r.string(obj, key, path, id, 100, 1)) return false;
  bool ok = !id.empty() && id[0] != '.';
  for (char ch : id) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.');
  if (!ok) {
    ctx.r.report(SpecReader::join_path(path, key), "expected letters, digits, '-', '_' or '.' (an id names files and CSV fields), received \"" + id + "\"");
    return false;
  }
  out = id;
  return true;
}

const Json* optional_array(SpecContext& ctx, const Json& obj, const char* key, const std::string& path) {
  if (!obj.contains(key)) return nullptr;
  const Json& v = obj.at(key);
  if (!v.is_array()) {
    ctx.r.report(SpecReader::join_path(path, key), "expected an array, received " + SpecReader::received(v));
    return nullptr;
  }
  return &v;
}

bool compile_formula(SpecContext& ctx, const Json& value, const std::string& path, const std::vector<std::string>& variables,
                     expr::Program& out) {
  std::string source;
  if (value.is_number()) {
    source = value.dump();
  } else if (value.is_string()) {
    source = value.get<std::string>();
  } else {
    ctx.r.report(path, "expected a number or a formula in " + join(variables) + " (a string), received " + SpecReader::received(value));
    return false;
  }
  if (source.size() > expr::kMaxFormulaLength) {
    ctx.r.report(path, "expected a formula of at most " + std::to_string(expr::kMaxFormulaLength) + " characters, received " +
                           std::to_string(source.size()));
    return false;
  }
  auto compiled = expr::compile(source, variables);
  if (!compiled.ok) {
    ctx.r.report(path, "formula \"" + source + "\": " + compiled.error.message + " (at character " +
                           std::to_string(compiled.error.position + 1) + ")");
    return false;
  }
  out = std::move(compiled.program);
  return true;
}

int segment_id(SpecContext& ctx, const Json& v, const std::string& path) {
  std::vector<std::string> ids;
  for (const auto& s : ctx.sc.segments) ids.push_back(s.id);
  if (v.is_string()) {
    const int index = ctx.sc.segment_index(v.get<std::string>());
    if (index >= 0) return index;
    const std::string hint = closest_match(v.get<std::string>(), ids);
    ctx.r.report(path, "expected the id of a segment (" + join(ids) + "), received " + SpecReader::received(v) +
                           (hint.empty() ? "" : "; did you mean \"" + hint + "\"?"));
    return -1;
  }
  ctx.r.report(path, "expected the id of a segment (" + join(ids) + "), received " + SpecReader::received(v));
  return -1;
}

int segment_ref(SpecContext& ctx, const Json& obj, const char* key, const std::string& path) {
  const std::string p = SpecReader::join_path(path, key);
  if (!obj.contains(key)) {
    ctx.r.report(p, std::string("missing required key '") + key + "'; expected the id of a segment");
    return -1;
  }
  return segment_id(ctx, obj.at(key), p);
}

namespace {

// The seed's default scenario held no vehicles: refuse one that holds less than one over its horizon.
void check_not_empty(SpecContext& ctx) {
  const Scenario& sc = ctx.sc;
  double initial = 0.0, arriving = 0.0;
  for (const auto& seg : sc.segments)
    for (int c = 0; c < sc.class_count(); ++c)
      for (double rho : seg.initial_rho[c]) initial += rho * seg.dx;
  for (const auto& src : sc.sources)
    for (int c = 0; c < sc.class_count(); ++c) arriving += src.demand[c].total(sc.horizon);
  if (initial + arriving >= 1.0) return;
  ctx.r.report("", "the scenario is essentially empty: " + number_text(initial) + " vehicles on the roads at t = 0 and " +
                       number_text(arriving) + " arriving from sources over the horizon of " + number_text(sc.horizon) +
                       " s; expected at least 1. Densities are in veh/km and demands in veh/h: 0.03 veh/km is one vehicle "
                       "every 33 km (a density of 0.03 veh/m is 30 veh/km)");
}

}  // namespace

ScenarioParse read_scenario(const Json& spec) {
  ScenarioParse result;
  auto scenario = std::make_shared<Scenario>();
  SpecReader r(result.issues);
  SpecContext ctx{r, result.warnings, *scenario};
  if (!r.object(spec, "", {"version", "model", "name", "description", "physics", "classes", "segments", "junctions", "sources",
                           "sinks", "detectors", "time", "numerics"}))
    return result;
  double version = 1;
  r.number(spec, "version", "", version, 1, 1);
  if (!spec.contains("model")) {
    r.report("model", "missing required key 'model'; expected \"arz\" for a traffic spec");
  } else {
    std::string model;
    r.choice(spec, "model", "", model, {"arz"});
  }
  r.string(spec, "name", "", scenario->name, 200, 1);
  r.string(spec, "description", "", scenario->description, 2000);
  read_physics(ctx, spec);
  read_classes(ctx, spec);
  read_numerics_and_time(ctx, spec);
  if (!r.ok()) return result;  // segments need the classes, numerics and time
  read_segments(ctx, spec);
  if (!r.ok()) return result;  // the network refers to segments
  read_junctions(ctx, spec);
  read_sources_sinks_detectors(ctx, spec);
  if (!r.ok()) return result;
  check_not_empty(ctx);
  if (!r.ok()) return result;
  result.ok = true;
  result.scenario = std::move(scenario);
  return result;
}

ScenarioParse read_scenario(const std::string& text) {
  Json document;
  std::string error;
  if (!parse_json(text, document, error)) {
    ScenarioParse result;
    result.issues.push_back({"", error});
    return result;
  }
  return read_scenario(document);
}

int Scenario::segment_index(const std::string& id) const {
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (segments[i].id == id) return static_cast<int>(i);
  return -1;
}

int Scenario::junction_index(const std::string& id) const {
  for (std::size_t i = 0; i < junctions.size(); ++i)
    if (junctions[i].id == id) return static_cast<int>(i);
  return -1;
}

int Scenario::detector_index(const std::string& id) const {
  for (std::size_t i = 0; i < detectors.size(); ++i)
    if (detectors[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace mfg::arz
