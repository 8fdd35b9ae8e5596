// Shared helpers for the native tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "models/mfg/solve.hpp"
#include "models/mfg/spec_json.hpp"

namespace mfg::test {

inline std::string source_path(const std::string& relative) { return std::string(MFG_SOURCE_DIR) + "/" + relative; }

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Json read_json(const std::string& path) {
  Json out;
  std::string error;
  if (!parse_json(read_text(path), out, error)) throw std::runtime_error(path + ": " + error);
  return out;
}

// Parses a spec (which must be valid) and builds its problem (which must build).
inline Problem problem_from(const Json& spec_json) {
  const SpecParse parsed = parse_spec(spec_json);
  if (!parsed.ok) throw std::runtime_error("test spec invalid: " + format_issue(parsed.issues.front()));
  ProblemBuild built = build_problem(parsed.spec);
  if (!built.ok) throw std::runtime_error("test problem invalid: " + format_issue(built.issues.front()));
  return std::move(built.problem);
}

inline Problem problem_from(const Spec& spec) {
  ProblemBuild built = build_problem(spec);
  if (!built.ok) throw std::runtime_error("test problem invalid: " + format_issue(built.issues.front()));
  return std::move(built.problem);
}

// The unit square or cube [0, 1]^dim with n cells per axis and the same boundary on every side.
inline Spec unit_box(int dim, Index n, Index steps, BoundaryKind bc) {
  Spec spec;
  spec.domain.dim = dim;
  for (int a = 0; a < dim; ++a) {
    spec.domain.points[a] = n;
    spec.domain.lower[a] = 0.0;
    spec.domain.upper[a] = 1.0;
    spec.domain.boundary[a] = {bc, bc};
  }
  spec.steps = steps;
  return spec;
}

// A 2D room: walls, an exit on the right side (x = 1), a round obstacle in front of it, a crowd
// on the left heading for the exit.
inline Spec exit_room(Index n, Index steps) {
  Spec spec = unit_box(2, n, steps, BoundaryKind::Wall);
  spec.domain.boundary[0][1] = BoundaryKind::Exit;
  spec.obstacle = "(x-0.55)^2 + (y-0.5)^2 < 0.02";
  spec.viscosity = 0.02;
  spec.terminal_cost = "3*(1-x) + (y-0.5)^2";
  spec.initial_density = "exp(-40*((x-0.25)^2 + (y-0.4)^2))";
  return spec;
}

// How far apart two solutions of one problem are: max |u_a - u_b|, max |m_a - m_b| and max |m_b|.
struct StateDistance {
  double u = 0.0, m = 0.0, m_scale = 0.0;
};

inline StateDistance distance(const MfgState& a, const MfgState& b) {
  StateDistance d;
  for (Index i = 0; i < a.u.size(); ++i) {
    d.u = std::max(d.u, std::fabs(a.u.data()[i] - b.u.data()[i]));
    d.m = std::max(d.m, std::fabs(a.m.data()[i] - b.m.data()[i]));
    d.m_scale = std::max(d.m_scale, std::fabs(b.m.data()[i]));
  }
  return d;
}

// The seed 002 problem (assets/presets), with optional overrides merged in.
inline Json seed_spec(const Json& overrides = Json::object()) {
  Json spec = read_json(source_path("../assets/presets/seed-002-congestion.json"));
  spec.merge_patch(overrides);
  return spec;
}

}  // namespace mfg::test
