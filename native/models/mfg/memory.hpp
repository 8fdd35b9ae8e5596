// What a solve needs in memory, estimated before it starts, and how Newton fits a budget.
//
// Newton's sweeps apply, at every time step, the step matrix A_n, the transport Hessian C_n and a
// step solver prepared for A_n (a multigrid hierarchy in 2D/3D): about 45-50 doubles per cell and
// step, several times the fields themselves. Keeping them all makes every sweep cheaper (no setup);
// rebuilding a step's operators when the sweep reaches it trades setup time for memory. The plan
// keeps as many steps as the budget allows and rebuilds the rest, so a run that does not fit with
// everything kept still runs (slower) instead of being refused; it is refused only when even the
// fields do not fit.
#pragma once

#include <optional>
#include <string>

#include "spec_json.hpp"

namespace mfg {

struct MemoryPlan {
  double fixed_bytes = 0.0;      // fields and work vectors of the method (all time levels)
  double step_bytes = 0.0;       // Newton: the operators of one time step, if kept
  double vector_bytes = 0.0;     // one space-time vector (cells x steps doubles)
  Index steps = 0;
  Index kept_steps = 0;          // Newton: steps whose operators are kept (the rest are rebuilt per use)
  int gmres_restart = 0;         // Newton: the fallback GMRES's restart length that fits (0: no fallback)

  double planned_bytes() const;  // what the run will use
  double minimum_bytes() const;  // the least it can run in (every step rebuilt, no GMRES fallback)
};

// The plan for a spec (its grid, steps, method, Hamiltonian, precision) within budget_bytes
// (<= 0: no limit, everything kept).
MemoryPlan plan_memory(const Spec& spec, double budget_bytes);

// What the machine can give this process: MemAvailable, capped by the cgroup's memory.max (a SLURM
// job's limit) less what the cgroup uses already; <= 0 when unknown.
double available_memory_bytes();

// The fraction of the available memory a solve plans to use (the rest for the OS and the output).
constexpr double kMemoryBudgetFraction = 0.9;

struct MemoryEstimate {
  double solver_bytes = 0.0;     // planned use
  double minimum_bytes = 0.0;    // refused when even this does not fit
  double available_bytes = 0.0;  // <= 0 when unknown
  double budget_bytes = 0.0;     // kMemoryBudgetFraction of available (<= 0: no limit)
  MemoryPlan plan;
};
// limit_bytes > 0 replaces what the machine has available (mfg-solve --memory).
MemoryEstimate estimate_memory(const Spec& spec, double limit_bytes = 0.0);

// The issue to report when a run cannot fit, with the numbers and what to change; none when it fits.
std::optional<SpecIssue> memory_refusal(const MemoryEstimate& estimate);

std::string format_bytes(double bytes);

}  // namespace mfg
