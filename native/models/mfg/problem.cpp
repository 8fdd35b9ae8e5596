#include "problem.hpp"

#include <cmath>
#include <sstream>

#include "../../core/expr.hpp"

namespace mfg {

namespace {

const char* const kAxisNames[] = {"x", "y", "z"};

std::vector<std::string> variables(int dim, bool with_time) {
  std::vector<std::string> v(kAxisNames, kAxisNames + dim);
  if (with_time) v.emplace_back("t");
  return v;
}

std::string where(const Grid& g, const double* vars, bool with_time) {
  std::ostringstream s;
  s.precision(6);
  for (int a = 0; a < g.dim(); ++a) s << (a ? ", " : "") << kAxisNames[a] << " = " << vars[a];
  if (with_time) s << ", t = " << vars[g.dim()];
  return s.str();
}

// Evaluates a formula at every cell centre (and time t when given); reports the first non-finite value.
bool evaluate(const Grid& g, const std::string& field, const std::string& source, bool with_time, double t, double* out,
              std::vector<SpecIssue>& issues) {
  const auto compiled = expr::compile(source, variables(g.dim(), with_time));
  if (!compiled.ok) {
    issues.push_back({"physics." + field, "at position " + std::to_string(compiled.error.position) + ": " + compiled.error.message});
    return false;
  }
  double vars[4] = {0, 0, 0, t};
  for (Index c = 0; c < g.size(); ++c) {
    const auto k = g.coords(c);
    for (int a = 0; a < g.dim(); ++a) vars[a] = g.centre(a, k[a]);
    if (with_time) vars[g.dim()] = t;
    out[c] = compiled.program.eval(vars);
    if (!std::isfinite(out[c])) {
      issues.push_back({"physics." + field, "evaluates to " + std::string(std::isnan(out[c]) ? "NaN" : "infinity") + " at " +
                                                where(g, vars, with_time) + "; expected a finite value everywhere on the grid"});
      return false;
    }
  }
  return true;
}

bool normalise_density(Problem& p, std::vector<SpecIssue>& issues) {
  const Grid& g = p.grid;
  double mass = 0.0;
  for (Index c = 0; c < g.size(); ++c) {
    if (g.is_solid(c)) p.initial_density[c] = 0.0;  // no agents inside obstacles
    const double v = p.initial_density[c];
    if (v < 0.0) {
      double vars[3];
      const auto k = g.coords(c);
      for (int a = 0; a < g.dim(); ++a) vars[a] = g.centre(a, k[a]);
      std::ostringstream s;
      s << "is negative (" << v << ") at " << where(g, vars, false) << "; expected a density >= 0 everywhere";
      issues.push_back({"physics.initial_density", s.str()});
      return false;
    }
    mass += v;
  }
  mass *= g.cell_volume();
  if (!(mass > 0.0)) {
    issues.push_back({"physics.initial_density", std::string("has zero mass on the grid") + (p.solid_cells ? " outside the obstacles" : "") +
                                                     "; expected a density with a positive integral (e.g. exp(-50*(x-0.3)^2))"});
    return false;
  }
  p.initial_mass_given = mass;
  for (double& v : p.initial_density) v /= mass;
  return true;
}

bool evaluate_potential(Problem& p, std::vector<SpecIssue>& issues) {
  const auto compiled = expr::compile(p.spec.potential, variables(p.grid.dim(), true));
  p.potential_depends_on_time = compiled.ok && compiled.program.uses("t");
  const Index n = p.cells();
  if (!p.potential_depends_on_time) {
    p.potential.resize(size_t(n));
    return evaluate(p.grid, "potential", p.spec.potential, true, 0.0, p.potential.data(), issues);
  }
  p.potential.resize(size_t(n * p.steps));
  for (Index s = 0; s < p.steps; ++s)
    if (!evaluate(p.grid, "potential", p.spec.potential, true, p.time(s), p.potential.data() + s * n, issues)) return false;
  return true;
}

bool evaluate_source(Problem& p, std::vector<SpecIssue>& issues) {
  if (p.spec.manufactured_density_source.empty()) return true;
  const Index n = p.cells();
  p.density_source.resize(size_t(n * p.steps));
  for (Index s = 0; s < p.steps; ++s)
    if (!evaluate(p.grid, "manufactured_density_source", p.spec.manufactured_density_source, true, p.time(s + 1),
                  p.density_source.data() + s * n, issues))
      return false;
  return true;
}

// Solid cells: where the obstacle formula is non-zero, or the obstacle file says so.
bool evaluate_obstacles(Problem& p, const std::vector<std::uint8_t>* file_mask, std::vector<SpecIssue>& issues) {
  const Index n = p.cells();
  std::vector<double> values(static_cast<size_t>(n));
  if (!evaluate(p.grid, "obstacle", p.spec.obstacle, false, 0.0, values.data(), issues)) {
    issues.back().path = "domain.obstacle";
    return false;
  }
  std::vector<std::uint8_t> solid(static_cast<size_t>(n), 0);
  Index count = 0;
  for (Index c = 0; c < n; ++c) {
    solid[c] = values[c] != 0.0 || (file_mask && (*file_mask)[c] != 0);
    count += solid[c];
  }
  if (count == n) {
    issues.push_back({"domain.obstacle", "covers every cell of the grid; expected at least one open cell"});
    return false;
  }
  p.solid_cells = count;
  if (count > 0) p.grid.set_solid(std::move(solid));
  return true;
}

// The exit cost at the centre of each boundary face of each exit side.
bool evaluate_exit_costs(Problem& p, std::vector<SpecIssue>& issues) {
  const Grid& g = p.grid;
  const auto compiled = expr::compile(p.spec.exit_cost, variables(g.dim(), false));
  if (!compiled.ok) return false;  // reported by spec validation
  for (int f = 0; f < g.faces(); ++f) {
    const int axis = face_axis(f), side = face_side(f);
    if (g.boundary(axis, side) != BoundaryKind::Exit) continue;
    std::vector<double>& plane = p.exit_cost[f];
    plane.assign(size_t(g.plane_size(axis)), 0.0);
    for (Index c = 0; c < g.size(); ++c) {
      const auto k = g.coords(c);
      if (k[axis] != (side ? g.points(axis) - 1 : 0)) continue;
      double vars[3];
      for (int a = 0; a < g.dim(); ++a) vars[a] = g.centre(a, k[a]);
      vars[axis] = side ? g.upper(axis) : g.lower(axis);
      const double v = compiled.program.eval(vars);
      if (!std::isfinite(v)) {
        issues.push_back({"physics.exit_cost", "evaluates to " + std::string(std::isnan(v) ? "NaN" : "infinity") + " at " + where(g, vars, false) +
                                                   "; expected a finite value on every exit"});
        return false;
      }
      plane[size_t(g.plane_index(c, axis))] = v;
    }
  }
  return true;
}

}  // namespace

std::vector<Index> Problem::stored_levels() const {
  std::vector<Index> levels;
  for (Index n = 0; n <= steps; n += spec.store_every) levels.push_back(n);
  if (levels.back() != steps) levels.push_back(steps);
  return levels;
}

ProblemBuild build_problem(const Spec& spec, const std::vector<std::uint8_t>* file_mask) {
  ProblemBuild b;
  Problem& p = b.problem;
  p.spec = spec;
  p.grid = Grid(spec.domain);
  p.steps = spec.steps;
  p.dt = spec.horizon / static_cast<double>(spec.steps);
  p.hamiltonian = Hamiltonian(spec.hamiltonian == HamiltonianKind::Power ? spec.hamiltonian_exponent : 2.0, spec.speed_cap.value_or(0.0));
  p.coupling = Coupling(spec.coupling, spec.coupling_strength, spec.coupling_exponent);
  const size_t n = size_t(p.cells());
  p.initial_density.resize(n);
  p.terminal_cost.resize(n);
  b.ok = evaluate_obstacles(p, file_mask, b.issues) &&
         evaluate(p.grid, "initial_density", spec.initial_density, false, 0.0, p.initial_density.data(), b.issues) &&
         normalise_density(p, b.issues) &&
         evaluate(p.grid, "terminal_cost", spec.terminal_cost, false, spec.horizon, p.terminal_cost.data(), b.issues) &&
         evaluate_potential(p, b.issues) && evaluate_source(p, b.issues) && evaluate_exit_costs(p, b.issues);
  return b;
}

}  // namespace mfg
