#include "memory.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "hamiltonian.hpp"

namespace mfg {

namespace {

constexpr double kDouble = 8.0;
// Per cell and time level: u, m, the previous m and residual work of the fixed-point methods
// (measured: 3D 215^3 x 10 peaked at 5.71 GB against 5.25 GB from this count).
constexpr double kFixedPointVectors = 6.0;
// Newton: the state and its residuals (4), the Newton step (2), the Schur system's slopes, work
// vector and sweep scratch (3), its right-hand side, CG's iterate and three CG vectors (5), plus the
// fixed-point part for the warm-up and the problem's fields (2).
constexpr double kNewtonVectors = 16.0;
constexpr int kFullRestart = 40;      // GMRES fallback restart when memory is plentiful
constexpr int kReservedRestart = 10;  // ... kept free of step operators when it is not
constexpr int kMinRestart = 5;       // below this the fallback is a damped best-response step instead

// Doubles per cell of one time step's kept operators (newton_system.hpp: step matrix, transport
// Hessian, step solver). F faces per cell; a multigrid level keeps r, b, x, the coarse index and the
// gather copies of its operator in both orientations; coarse levels add their own operator and its
// diffusion part and shrink by 2^d per level.
double step_doubles(const Spec& spec) {
  const int dim = spec.domain.dim;
  const double faces = 2.0 * dim;
  const double matrix = 1.0 + faces;
  const Hamiltonian h(spec.hamiltonian == HamiltonianKind::Power ? spec.hamiltonian_exponent : 2.0, spec.speed_cap.value_or(0.0));
  const double hessian = h.has_curvature() ? 2.0 * faces + 1.0 : 1.0 + 2.0 * faces;
  if (dim == 1) return matrix + hessian + 6.0;  // tridiagonal factors of A and A^T
  const bool mixed = spec.compute_precision == ComputePrecision::Mixed;
  const double scalar = mixed ? 0.5 : 1.0;                 // the cycle's precision, in doubles
  const double gathers = 2.0 * (2.0 + faces);              // diag, 1/diag, F weights; A and A^T
  const double finest = 3.0 * scalar + 1.0 + gathers * scalar + (mixed ? gathers : 0.0);  // + double product copies
  const double coarse_cell = matrix + faces + 1.0 + 3.0 * scalar + gathers * scalar;
  return matrix + hessian + finest + coarse_cell / (std::pow(2.0, dim) - 1.0);
}

// The least of (limit - usage) over this process's cgroup and its ancestors (v2, or v1's memory
// controller); <= 0 when there is no limit or it cannot be read.
double read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return -1.0;
  try {
    return std::stod(text);
  } catch (...) {
    return -1.0;
  }
}

double cgroup_headroom() {
  std::ifstream self("/proc/self/cgroup");
  std::string line;
  double best = -1.0;
  while (std::getline(self, line)) {
    const size_t first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const bool v2 = controllers.empty();
    if (!v2 && controllers.find("memory") == std::string::npos) continue;
    const std::filesystem::path root = v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/memory";
    const char* limit_name = v2 ? "memory.max" : "memory.limit_in_bytes";
    const char* usage_name = v2 ? "memory.current" : "memory.usage_in_bytes";
    for (std::filesystem::path dir = std::filesystem::path(line.substr(second + 1)).relative_path();; dir = dir.parent_path()) {
      const double limit = read_bytes(root / dir / limit_name), usage = read_bytes(root / dir / usage_name);
      // v1 reports "no limit" as a huge number.
      if (limit > 0.0 && limit < 1e18 && usage >= 0.0) best = best < 0.0 ? limit - usage : std::min(best, limit - usage);
      if (dir.empty()) break;
    }
  }
  return best;
}

}  // namespace

double MemoryPlan::planned_bytes() const {
  const double rebuilt_slot = kept_steps < steps ? step_bytes : 0.0;
  return fixed_bytes + double(kept_steps) * step_bytes + rebuilt_slot + (gmres_restart > 0 ? (gmres_restart + 2) * vector_bytes : 0.0);
}

double MemoryPlan::minimum_bytes() const { return fixed_bytes + (step_bytes > 0.0 ? step_bytes : 0.0); }

MemoryPlan plan_memory(const Spec& spec, double budget_bytes) {
  double cells = 1.0;
  for (int a = 0; a < spec.domain.dim; ++a) cells *= double(spec.domain.points[a]);
  const double levels = double(spec.steps) + 1.0;
  MemoryPlan plan;
  plan.steps = spec.steps;
  plan.vector_bytes = kDouble * cells * double(spec.steps);
  plan.fixed_bytes = kDouble * cells * levels * kFixedPointVectors;
  if (spec.method != Method::Newton) return plan;
  plan.fixed_bytes = kDouble * cells * levels * kNewtonVectors;
  plan.step_bytes = kDouble * cells * step_doubles(spec);
  plan.kept_steps = plan.steps;
  plan.gmres_restart = kFullRestart;
  if (budget_bytes <= 0.0) return plan;
  // Keep the steps that fit beside room for a short GMRES fallback (one slot more for the step being
  // rebuilt when not all fit); the fallback's restart then takes what is left, up to its full length.
  // (The fallback runs only when CG breaks down, which is rare: steps come first.)
  const double reserve = (kReservedRestart + 2) * plan.vector_bytes;
  const double room = budget_bytes - plan.fixed_bytes - reserve;
  if (std::floor(room / plan.step_bytes) < double(plan.steps))
    plan.kept_steps = std::max<Index>(0, Index(std::floor(room / plan.step_bytes)) - 1);
  const double rebuilt_slot = plan.kept_steps < plan.steps ? plan.step_bytes : 0.0;
  const double left = budget_bytes - plan.fixed_bytes - double(plan.kept_steps) * plan.step_bytes - rebuilt_slot;
  const int restart = std::min(kFullRestart, int(std::floor(left / plan.vector_bytes)) - 2);
  plan.gmres_restart = restart >= kMinRestart ? restart : 0;
  return plan;
}

double available_memory_bytes() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  double kb = 0.0, available = -1.0;
  while (meminfo >> key >> kb >> unit)
    if (key == "MemAvailable:") available = kb * 1024.0;
  const double cgroup = cgroup_headroom();
  if (cgroup > 0.0) available = available > 0.0 ? std::min(available, cgroup) : cgroup;
  return available;
}

MemoryEstimate estimate_memory(const Spec& spec, double limit_bytes) {
  MemoryEstimate e;
  e.available_bytes = limit_bytes > 0.0 ? limit_bytes : available_memory_bytes();
  e.budget_bytes = e.available_bytes > 0.0 ? kMemoryBudgetFraction * e.available_bytes : 0.0;
  e.plan = plan_memory(spec, e.budget_bytes);
  e.solver_bytes = e.plan.planned_bytes();
  e.minimum_bytes = e.plan.minimum_bytes();
  return e;
}

std::optional<SpecIssue> memory_refusal(const MemoryEstimate& e) {
  if (e.budget_bytes <= 0.0 || e.minimum_bytes <= e.budget_bytes) return std::nullopt;
  return SpecIssue{"domain.points", "this run needs at least " + format_bytes(e.minimum_bytes) + " of memory, but " +
                                        format_bytes(e.available_bytes) +
                                        " are available (the machine's free memory, or the job's memory limit); reduce domain.points or " +
                                        "time.steps, or use solver.method \"picard\"/\"fictitious_play\" (less memory than Newton)"};
}

std::string format_bytes(double bytes) {
  std::ostringstream s;
  s.precision(3);
  const double tib = 1024.0 * 1024.0 * 1024.0 * 1024.0;
  if (bytes >= 1000.0 * tib) s << std::fixed << std::setprecision(0) << bytes / tib << " TiB";
  else if (bytes >= tib) s << bytes / tib << " TiB";
  else if (bytes >= 1024.0 * 1024.0 * 1024.0) s << bytes / (1024.0 * 1024.0 * 1024.0) << " GiB";
  else if (bytes >= 1024.0 * 1024.0) s << bytes / (1024.0 * 1024.0) << " MiB";
  else s << bytes / 1024.0 << " KiB";
  return s.str();
}

}  // namespace mfg
